// Offline consistency checks between infra/ and the app. Each takes file texts (so tests can also feed mutated
// copies) and returns the problems it finds, each naming what is wrong; an empty list means consistent.
import type { ArmOperation, GrantScope } from "../../../functions/azure/arm-operations";
import { settings, type SettingSpec } from "../../../functions/azure/config";
import {
  bracketed,
  descriptionOf,
  modulePath,
  objectKeys,
  objectProperty,
  resourceType,
  statements,
  type Statement,
} from "./bicep-text";

export interface RoleDefinition {
  readonly roleName: string;
  /** The built-in role's GUID; custom roles get theirs from main.bicep. */
  readonly id?: string;
  readonly custom?: boolean;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

export type RoleDefinitions = Readonly<Record<string, RoleDefinition>>;

// (a) App settings ------------------------------------------------------------------------------------------------

/** The keys of the Function App's `appsettings` config resource. */
export function appSettingNames(functionAppBicep: string): string[] {
  const resource = statements(functionAppBicep).find(
    (statement) => resourceType(statement) === "Microsoft.Web/sites/config" && /\n\s*name:\s*'appsettings'/.test(statement.text),
  );
  if (resource === undefined) throw new Error("no Microsoft.Web/sites/config 'appsettings' resource found");
  const body = bracketed(resource.text, resource.text.indexOf("{"));
  const properties = objectProperty(body, "properties");
  if (properties === undefined) throw new Error("the appsettings resource has no properties object");
  return objectKeys(properties);
}

export function checkAppSettings(functionAppBicep: string, declared: readonly SettingSpec<unknown>[]): string[] {
  const set = appSettingNames(functionAppBicep);
  const byName = new Map(declared.map((spec) => [spec.name, spec]));
  const problems: string[] = [];
  for (const spec of declared) {
    if (spec.required && spec.defaultValue === undefined && spec.infra !== "required") {
      problems.push(`${spec.name} is required by the app and has no default, so infra/ must set it (declare it infra: "required")`);
    }
    if (spec.infra === "required" && !set.includes(spec.name)) {
      problems.push(`${spec.name} is required in Azure but infra/ does not set it`);
    }
    if (spec.infra === "forbidden" && set.includes(spec.name)) {
      problems.push(`${spec.name} must never be set in Azure, but infra/ sets it`);
    }
    if (spec.infra === "platform" && set.includes(spec.name)) {
      problems.push(`${spec.name} is set by App Service itself, but infra/ sets it`);
    }
  }
  for (const name of set) {
    if (!byName.has(name)) problems.push(`${name} is set by infra/ but not declared in functions/azure/config-settings.ts`);
  }
  const duplicates = set.filter((name, index) => set.indexOf(name) !== index);
  for (const name of new Set(duplicates)) problems.push(`${name} is set twice by infra/`);
  return problems;
}

// (b) Role coverage -----------------------------------------------------------------------------------------------

/** Does an Azure RBAC permission pattern (with `*` wildcards, case-insensitive) match an operation? */
export function permits(pattern: string, operation: string): boolean {
  const regex = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${regex}$`, "i").test(operation);
}

export function roleAllows(role: RoleDefinition, operation: ArmOperation): boolean {
  const [allowed, denied] = operation.plane === "data" ? [role.dataActions, role.notDataActions] : [role.actions, role.notActions];
  return allowed.some((p) => permits(p, operation.operation)) && !denied.some((p) => permits(p, operation.operation));
}

export interface Grant {
  /** The module file in main.bicep that assigns the roles. */
  readonly module: string;
  readonly scope: string;
  /** Keys into role-definitions.json. */
  readonly roles: readonly string[];
}

/**
 * The roles main.bicep grants and on which resource type, read from its role-assignment module calls: the roles are
 * the `roles.<key>.id` references in the call, the scope is the type of the existing resource the module's
 * assignment is scoped to. A module whose assignments are not scoped to that resource is reported as a problem.
 */
export function readGrants(mainBicep: string, moduleTexts: Readonly<Record<string, string>>): { grants: Grant[]; problems: string[] } {
  const grants: Grant[] = [];
  const problems: string[] = [];
  const customRoles = customRoleSymbols(mainBicep);
  for (const call of statements(mainBicep).filter((s) => s.keyword === "module")) {
    const path = modulePath(call);
    if (path === undefined || !path.startsWith("modules/role-assignments/")) continue;
    const text = moduleTexts[path];
    if (text === undefined) {
      problems.push(`${path} is called by main.bicep but does not exist`);
      continue;
    }
    const scope = assignmentScope(path, text, problems);
    const builtIn = [...call.text.matchAll(/\broles\.(\w+)\.id\b/g)].map((match) => match[1] as string);
    const custom = [...call.text.matchAll(/\b(\w+)\.name\b/g)]
      .map((match) => customRoles.get(match[1] as string))
      .filter((key): key is string => key !== undefined);
    const roles = [...builtIn, ...custom];
    if (scope !== undefined) grants.push({ module: path, scope, roles });
  }
  for (const statement of statements(mainBicep)) {
    if (resourceType(statement)?.toLowerCase() === "microsoft.authorization/roleassignments") {
      problems.push(`main.bicep assigns a role directly (${statement.name}); assignments go through modules/role-assignments/ so they are resource-scoped`);
    }
  }
  return { grants, problems };
}

/** Custom role definitions main.bicep declares, by symbol, mapped to the role-definitions.json key of their actions. */
function customRoleSymbols(mainBicep: string): Map<string, string> {
  const symbols = new Map<string, string>();
  for (const statement of statements(mainBicep)) {
    if (resourceType(statement)?.toLowerCase() !== "microsoft.authorization/roledefinitions" || statement.name === undefined) continue;
    const key = /\bactions:\s*roles\.(\w+)\.actions\b/.exec(statement.text)?.[1];
    if (key !== undefined && /\bnotActions:\s*\[\s*\]/.test(statement.text)) symbols.set(statement.name, key);
  }
  return symbols;
}

function assignmentScope(path: string, text: string, problems: string[]): string | undefined {
  const all = statements(text);
  const existing = new Map<string, string>();
  for (const statement of all) {
    const type = resourceType(statement);
    if (type !== undefined && statement.name !== undefined && /'\s+existing\s*=/.test(statement.text)) existing.set(statement.name, type);
  }
  const assignments = all.filter((s) => resourceType(s)?.toLowerCase() === "microsoft.authorization/roleassignments");
  if (assignments.length !== 1) {
    problems.push(`${path} must hold exactly one role assignment resource, found ${assignments.length}`);
    return undefined;
  }
  const assignment = assignments[0] as Statement;
  const scopeSymbol = /\n\s*scope:\s*(\w+)\s*\n/.exec(assignment.text)?.[1];
  const scope = scopeSymbol === undefined ? undefined : existing.get(scopeSymbol);
  if (scope === undefined) {
    problems.push(`${path}: the role assignment is not scoped to an existing resource declared in the module`);
    return undefined;
  }
  if (!/for\s+roleDefinitionId\s+in\s+roleDefinitionIds\s*:/.test(assignment.text) || !/roleDefinitionId:\s*subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions',\s*roleDefinitionId\)/.test(assignment.text)) {
    problems.push(`${path}: the role assignment must grant each of roleDefinitionIds`);
    return undefined;
  }
  return scope;
}

/** Every operation in the manifest must be allowed by some role granted on its scope. */
export function checkCoverage(operations: readonly ArmOperation[], grants: readonly Grant[], roles: RoleDefinitions): string[] {
  const problems: string[] = [];
  for (const grant of grants) {
    for (const key of grant.roles) if (roles[key] === undefined) problems.push(`${grant.module} grants roles.${key}, which role-definitions.json does not define`);
  }
  for (const operation of operations) {
    const granted = grants
      .filter((grant) => grant.scope.toLowerCase() === operation.scope.toLowerCase())
      .flatMap((grant) => grant.roles)
      .map((key) => roles[key])
      .filter((role): role is RoleDefinition => role !== undefined);
    if (!granted.some((role) => roleAllows(role, operation))) {
      const names = granted.map((role) => role.roleName).join(", ") || "no role";
      problems.push(`${operation.operation} (${operation.purpose}) on ${operation.scope} is not allowed by ${names}`);
    }
  }
  return problems;
}

/** Scopes main.bicep grants roles on that no operation needs: a grant without a reason is not least privilege. */
export function unusedGrants(operations: readonly ArmOperation[], grants: readonly Grant[], roles: RoleDefinitions): string[] {
  return grants.flatMap((grant) =>
    grant.roles
      .filter((key) => {
        const role = roles[key];
        return role !== undefined && !operations.some((op) => op.scope.toLowerCase() === grant.scope.toLowerCase() && roleAllows(role, op));
      })
      .map((key) => `${grant.module} grants ${roles[key]?.roleName} on ${grant.scope}, but no operation in the manifest needs it`),
  );
}

export function checkRoleDefinitions(roles: RoleDefinitions): string[] {
  const problems: string[] = [];
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const seen = new Map<string, string>();
  for (const [key, role] of Object.entries(roles)) {
    if (role.custom === true) {
      if (role.id !== undefined) problems.push(`${key} is custom: main.bicep gives it its id, the data file must not`);
    } else if (role.id === undefined || !guid.test(role.id)) {
      problems.push(`${key}: "${role.id}" is not a lowercase GUID`);
    } else {
      const other = seen.get(role.id);
      if (other !== undefined) problems.push(`${key} and ${other} share the id ${role.id}`);
      seen.set(role.id, key);
    }
    if (role.actions.length + role.dataActions.length === 0) problems.push(`${key} records no permissions`);
  }
  return problems;
}

export const GRANT_SCOPES: readonly GrantScope[] = [
  "Microsoft.RecoveryServices/vaults",
  "Microsoft.Network/trafficManagerProfiles",
  "Microsoft.Automation/automationAccounts",
  "Microsoft.Storage/storageAccounts",
  "Microsoft.EventGrid/topics",
  "Microsoft.Insights/components",
];

// (d) Parameters --------------------------------------------------------------------------------------------------

/**
 * Every parameter (and every property of an exported type) carries `@description('Required. …')` or
 * `@description('Optional. …')`, and the word matches the declaration: a default or a nullable type is optional.
 */
export function checkParameterDescriptions(file: string, bicep: string): string[] {
  const problems: string[] = [];
  for (const statement of statements(bicep)) {
    if (statement.keyword === "param") {
      const optional = /=/.test(statement.text.split("\n")[0] as string) || /^param\s+\w+\s+[^=\n]*\?\s*(=|$)/m.test(statement.text);
      problems.push(...describe(`${file}: param ${statement.name}`, descriptionOf(statement.decorators), optional));
    }
    if (statement.keyword === "type") {
      const body = bracketed(statement.text, statement.text.indexOf("{"));
      for (const property of typeProperties(body)) {
        problems.push(...describe(`${file}: ${statement.name}.${property.name}`, property.description, property.optional));
      }
    }
  }
  return problems;
}

function describe(what: string, description: string | undefined, optional: boolean): string[] {
  if (description === undefined) return [`${what} has no @description`];
  if (!/^(Required|Optional)\. \S/.test(description)) return [`${what}: the description must start with "Required. " or "Optional. "`];
  if (description.startsWith("Required.") && optional) return [`${what} has a default or is nullable, so it is Optional, not Required`];
  if (description.startsWith("Optional.") && !optional) return [`${what} has no default, so it is Required, not Optional`];
  return [];
}

function typeProperties(body: string): { name: string; description: string | undefined; optional: boolean }[] {
  const inner = body.slice(1, -1);
  const result: { name: string; description: string | undefined; optional: boolean }[] = [];
  let decorators: string[] = [];
  for (const line of inner.split("\n").map((l) => l.trim()).filter((l) => l !== "")) {
    if (line.startsWith("@")) {
      decorators.push(line);
      continue;
    }
    const match = /^([A-Za-z_]\w*)\s*:\s*(.+)$/.exec(line);
    if (match) result.push({ name: match[1] as string, description: descriptionOf(decorators), optional: (match[2] as string).trim().endsWith("?") });
    decorators = [];
  }
  return result;
}

// (c) host.json and package.json --------------------------------------------------------------------------------

interface HostJson {
  version?: string;
  extensionBundle?: { id?: string; version?: string };
  extensions?: { durableTask?: { hubName?: string }; http?: { routePrefix?: string } };
}

/** What the Functions host (and Flex Consumption) needs from host.json and package.json to load the app. */
export function checkHostFiles(hostJsonText: string, packageJsonText: string, functionsTsconfigText: string): string[] {
  const problems: string[] = [];
  const host = JSON.parse(hostJsonText) as HostJson;
  if (host.version !== "2.0") problems.push('host.json: version must be "2.0"');
  if (host.extensionBundle?.id !== "Microsoft.Azure.Functions.ExtensionBundle") problems.push("host.json: extensionBundle.id must be Microsoft.Azure.Functions.ExtensionBundle");
  if (host.extensionBundle?.version !== "[4.*, 5.0.0)") problems.push('host.json: extensionBundle.version must be "[4.*, 5.0.0)" (Durable Functions 3.x needs bundle 4)');
  const hubSetting = `%${settings.taskHub.name}%`;
  if (host.extensions?.durableTask?.hubName !== hubSetting) problems.push(`host.json: extensions.durableTask.hubName must be "${hubSetting}"`);
  if (host.extensions?.http?.routePrefix !== "api") problems.push('host.json: extensions.http.routePrefix must be "api"');

  const main = (JSON.parse(packageJsonText) as { main?: string }).main;
  if (main !== "dist/functions/index.js") problems.push(`package.json: main must be "dist/functions/index.js", not ${JSON.stringify(main)}`);
  // The compiled entry exists only if the functions project compiles index.ts into dist/functions.
  const outDir = /"outDir"\s*:\s*"([^"]+)"/.exec(functionsTsconfigText)?.[1];
  if (outDir !== "../dist/functions") problems.push(`functions/tsconfig.json: outDir must be "../dist/functions" for package.json main, not ${JSON.stringify(outDir)}`);
  return problems;
}

// azure.yaml ----------------------------------------------------------------------------------------------------

/**
 * azd deploys the service whose name the Function App's `azd-service-name` tag carries, from the folder the
 * prepackage hook stages; the hook must exist and stage the root package's `main`.
 */
export function checkAzureYaml(azureYaml: string, mainBicep: string, stageScript: string | undefined): string[] {
  const problems: string[] = [];
  const services = /\nservices:\n((?:[ \t]+.*\n|\s*\n)+)/.exec(azureYaml)?.[1] ?? "";
  const names = [...services.matchAll(/^ {2}([A-Za-z][\w-]*):\s*$/gm)].map((match) => match[1] as string);
  if (names.length !== 1) return [`azure.yaml must declare exactly one service, found ${names.length}`];
  const service = names[0] as string;
  const tag = /'azd-service-name':\s*'([^']+)'/.exec(mainBicep)?.[1];
  if (tag !== service) problems.push(`azure.yaml deploys service "${service}" but the Function App is tagged azd-service-name "${tag}"`);
  const field = (name: string): string | undefined => new RegExp(`^    ${name}:\\s*(\\S+)\\s*$`, "m").exec(services)?.[1];
  if (field("host") !== "function") problems.push('azure.yaml: the service must use host: function');
  if (field("project") !== "./dist/azure-package") problems.push("azure.yaml: the service must deploy ./dist/azure-package, the staged package");
  if (field("remoteBuild") !== "false") problems.push("azure.yaml: remoteBuild must be false: the staged package is already built");
  for (const event of ["prepackage", "predeploy"]) {
    const hook = new RegExp(`\\n {2}${event}:\\n(?: {4}.*\\n)*? {6}run:\\s*node (\\S+)`).exec(azureYaml)?.[1];
    if (hook !== "infra/scripts/stage-function-app.mjs") problems.push(`azure.yaml: the ${event} hook must run node infra/scripts/stage-function-app.mjs`);
  }
  if (stageScript === undefined) problems.push("infra/scripts/stage-function-app.mjs does not exist");
  else {
    if (!stageScript.includes('join(root, "dist", "azure-package")')) problems.push("the stage script must write dist/azure-package");
    if (!/\bmain: app\.main\b/.test(stageScript)) problems.push("the stage script must keep the root package's main");
    if (!stageScript.includes('cpSync(join(root, "host.json")')) problems.push("the stage script must copy host.json");
  }
  return problems;
}

// Module calls ---------------------------------------------------------------------------------------------------

/**
 * What the Bicep compiler would refuse in module calls, checked offline: a module file that does not exist, a
 * parameter the module does not declare, a required parameter not passed, an output read that the module does not
 * declare; and what its linter flags: parameters and variables a file never uses.
 */
export function checkModuleCalls(files: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
    const outputsBySymbol = new Map<string, string[]>();
    for (const call of statements(text).filter((s) => s.keyword === "module")) {
      const path = modulePath(call) as string;
      const target = normalize(`${dir}${path}`);
      const module = files[target];
      if (module === undefined) {
        problems.push(`${file}: module ${call.name} uses ${path}, which does not exist`);
        continue;
      }
      const declared = statements(module).filter((s) => s.keyword === "param");
      const params = objectProperty(call.text, "params");
      const passed = params === undefined ? [] : objectKeys(params);
      for (const name of passed) {
        if (!declared.some((p) => p.name === name)) problems.push(`${file}: module ${call.name} passes ${name}, which ${target} does not declare`);
      }
      for (const param of declared) {
        const required = !/=/.test(param.text.split("\n")[0] as string) && !/^param\s+\w+\s+[^\n]*\?\s*$/m.test(param.text);
        if (required && !passed.includes(param.name as string)) problems.push(`${file}: module ${call.name} does not pass ${param.name}, which ${target} requires`);
      }
      outputsBySymbol.set(call.name as string, statements(module).filter((s) => s.keyword === "output").map((s) => s.name as string));
    }
    for (const match of text.matchAll(/\b(\w+)\.outputs\.(\w+)/g)) {
      const outputs = outputsBySymbol.get(match[1] as string);
      if (outputs !== undefined && !outputs.includes(match[2] as string)) problems.push(`${file}: ${match[1]}.outputs.${match[2]} is not an output of that module`);
    }
    const code = stripCommentsAndDecorators(text);
    for (const statement of statements(text).filter((s) => s.keyword === "param" || s.keyword === "var")) {
      const uses = code.match(new RegExp(`\\b${statement.name}\\b`, "g"))?.length ?? 0;
      if (uses < 2) problems.push(`${file}: ${statement.keyword} ${statement.name} is never used`);
    }
  }
  return problems;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

function stripCommentsAndDecorators(text: string): string {
  return statements(text)
    .map((statement) => statement.text)
    .join("\n");
}

// main.parameters.json ------------------------------------------------------------------------------------------

/** azd substitutes `${NAME}` and `${NAME=default}` in the parameters file before parsing it as JSON. */
export function substituteAzdEnvironment(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => env[name] ?? fallback ?? "");
}

export function checkParametersFile(parametersJson: string, mainBicep: string): string[] {
  const problems: string[] = [];
  let parsed: { parameters?: Record<string, unknown> };
  try {
    parsed = JSON.parse(substituteAzdEnvironment(parametersJson, { AZURE_ENV_NAME: "env", AZURE_LOCATION: "westeurope" }));
  } catch (error) {
    return [`main.parameters.json is not valid JSON after azd's substitution: ${(error as Error).message}`];
  }
  const params = statements(mainBicep).filter((s) => s.keyword === "param");
  const names = new Set(params.map((s) => s.name));
  for (const name of Object.keys(parsed.parameters ?? {})) {
    if (!names.has(name)) problems.push(`main.parameters.json sets ${name}, which main.bicep does not declare`);
  }
  for (const param of params) {
    const required = !/=/.test(param.text.split("\n")[0] as string);
    if (required && !(param.name as string in (parsed.parameters ?? {}))) {
      problems.push(`main.bicep requires ${param.name}, but main.parameters.json does not give it`);
    }
  }
  return problems;
}
