// What every schema of the contract shares: the function that turns a schema mismatch into errors located by
// JSON pointers. The app (plan validation, request bodies) and the SDK use the same function,
// so a body the SDK would refuse is refused by the service with the same pointers and messages.
import { FormatRegistry, type TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

const RFC_3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

// The contract's date-times (DateTimeSchema) are RFC 3339 strings. TypeBox refuses every string format it was not
// told about, so without this schemaErrors could not accept any document that carries a date-time.
if (!FormatRegistry.Has("date-time")) {
  FormatRegistry.Set("date-time", (value) => RFC_3339_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
}

/** One problem with a body: where (an RFC 6901 JSON pointer into the body, "" for the whole) and what. */
export interface SchemaError {
  pointer: string;
  message: string;
}

/** Escapes one path segment for a JSON pointer (RFC 6901: `~` -> `~0`, `/` -> `~1`). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Joins a base pointer and segments into one JSON pointer. */
export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((segment) => `/${pointerSegment(segment)}`).join("");
}

/**
 * Every mismatch between `value` and `schema`, one per pointer (the first, most specific one).
 *
 * Unions of objects told apart by a literal `type` property (plan actions, for instance) are reported against the
 * variant the value names, or as an unknown type, instead of a bare "Expected union value": a user who wrote
 * `{"type": "webhook"}` without a url wants to hear that the url is missing.
 */
export function schemaErrors(schema: TSchema, value: unknown, basePointer = ""): SchemaError[] {
  const errors: SchemaError[] = [];
  const seen = new Set<string>();
  const add = (error: SchemaError): void => {
    if (seen.has(error.pointer)) return;
    seen.add(error.pointer);
    errors.push(error);
  };
  for (const error of Value.Errors(schema, value)) {
    const pointer = basePointer + error.path;
    const variants = discriminatedVariants(error.schema);
    if (variants === undefined) {
      add({ pointer, message: error.message });
      continue;
    }
    const discriminator = isRecord(error.value) ? error.value.type : undefined;
    const variant = variants.find((candidate) => candidate.type === discriminator);
    if (variant === undefined) {
      const known = variants.map((candidate) => candidate.type).join(", ");
      add(
        typeof discriminator === "string"
          ? { pointer: `${pointer}/type`, message: `Unknown type "${discriminator}"; expected one of: ${known}` }
          : { pointer: `${pointer}/type`, message: `Expected a "type" property, one of: ${known}` },
      );
      continue;
    }
    for (const inner of schemaErrors(variant.schema, error.value, pointer)) add(inner);
  }
  return errors;
}

interface Variant {
  type: string;
  schema: TSchema;
}

/** The variants of a union whose members are all objects with a literal string `type`, else undefined. */
function discriminatedVariants(schema: TSchema): Variant[] | undefined {
  const members: unknown = (schema as { anyOf?: unknown }).anyOf;
  if (!Array.isArray(members)) return undefined;
  const variants: Variant[] = [];
  for (const member of members as TSchema[]) {
    const typeSchema: unknown = (member as { properties?: Record<string, unknown> }).properties?.type;
    const literal = isRecord(typeSchema) ? typeSchema.const : undefined;
    if (typeof literal !== "string") return undefined;
    variants.push({ type: literal, schema: member });
  }
  return variants;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
