// Checks a document the app served against the contract schema its route declares, both ways: every value has the
// declared type (the contract's own schemaErrors), and every field the app serves is named by the schema, so an SDK
// user gets a type for each of them.
import { schemaErrors } from "@standby/client/contract";

type ContractSchema = Parameters<typeof schemaErrors>[0];

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

/** Every way `value` strays from `schema`, as `pointer: problem` lines; empty when the contract describes it. */
export function contractMismatches(schema: ContractSchema, value: unknown): string[] {
  const typed = schemaErrors(schema, value).map((error) => `${error.pointer}: ${error.message}`);
  return [...typed, ...undescribed(schema as unknown as SchemaNode, value, "")];
}

function undescribed(schema: SchemaNode, value: unknown, pointer: string): string[] {
  if (schema.anyOf !== undefined) {
    // The branch the value fits; a value that fits none was already reported by schemaErrors.
    const branch = schema.anyOf.find((candidate) => schemaErrors(candidate as unknown as ContractSchema, value).length === 0);
    return branch === undefined ? [] : undescribed(branch, value, pointer);
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    return items === undefined ? [] : value.flatMap((entry, index) => undescribed(items, entry, `${pointer}/${index}`));
  }
  if (value === null || typeof value !== "object") return [];
  const entries = Object.entries(value as Record<string, unknown>);
  if (schema.patternProperties !== undefined) {
    const inner = Object.values(schema.patternProperties)[0] as SchemaNode;
    return entries.flatMap(([key, entry]) => undescribed(inner, entry, `${pointer}/${key}`));
  }
  const properties = schema.properties ?? {};
  return entries.flatMap(([key, entry]) => {
    const property = properties[key];
    return property === undefined ? [`${pointer}/${key}: served, but not in the contract`] : undescribed(property, entry, `${pointer}/${key}`);
  });
}
