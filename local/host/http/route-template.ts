// ASP.NET Core route templates, the syntax the Functions host reads in an HTTP trigger's `route`: literal segments,
// `{name}`, optional `{name?}`, defaults `{name=value}`, catch-all `{*rest}`, and inline constraints
// `{id:int}`, `{n:min(1)}`, `{code:regex(^[a-z]+$)}` (several may be chained).

export interface RouteTemplate {
  template: string;
  segments: Segment[];
}

type Segment =
  | { kind: "literal"; text: string }
  | { kind: "parameter"; name: string; optional: boolean; catchAll: boolean; defaultValue?: string; constraints: Constraint[] };

type Constraint = { name: string; test: (value: string) => boolean };

export function parseRouteTemplate(template: string): RouteTemplate {
  const trimmed = template.replace(/^\/+|\/+$/g, "");
  const segments = trimmed === "" ? [] : trimmed.split("/").map((text) => parseSegment(text, template));
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment.kind === "parameter" && segment.catchAll && !last) throw new Error(`route "${template}": a catch-all parameter must be the last segment`);
    if (segment.kind === "parameter" && segment.optional && !last) throw new Error(`route "${template}": only the last segment may be optional`);
  });
  const names = segments.flatMap((segment) => (segment.kind === "parameter" ? [segment.name.toLowerCase()] : []));
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`route "${template}": parameter {${duplicate}} appears twice`);
  return { template: trimmed, segments };
}

/** Matches a decoded path (without the route prefix) and returns the route parameters, or undefined. */
export function matchRoute(route: RouteTemplate, path: string): Record<string, string> | undefined {
  const parts = path.replace(/^\/+|\/+$/g, "").split("/").filter((part, _index, all) => part !== "" || all.length > 1);
  const params: Record<string, string> = {};
  for (let index = 0; index < route.segments.length; index++) {
    const segment = route.segments[index];
    const part = parts[index];
    if (segment.kind === "literal") {
      if (part === undefined || part.toLowerCase() !== segment.text.toLowerCase()) return undefined;
      continue;
    }
    const value = segment.catchAll ? parts.slice(index).join("/") : part;
    if (value === undefined || value === "") {
      if (!segment.optional && !segment.catchAll && segment.defaultValue === undefined) return undefined;
      if (segment.defaultValue !== undefined) params[segment.name] = segment.defaultValue;
      continue;
    }
    if (!segment.constraints.every((constraint) => constraint.test(value))) return undefined;
    params[segment.name] = value;
    if (segment.catchAll) return params;
  }
  return parts.length <= route.segments.length ? params : undefined;
}

/**
 * Orders routes so that the most specific one is tried first, as ASP.NET routing does: per segment, literals beat
 * constrained parameters, which beat plain parameters, which beat catch-alls.
 */
export function compareRouteSpecificity(a: RouteTemplate, b: RouteTemplate): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index++) {
    const difference = segmentRank(a.segments[index]) - segmentRank(b.segments[index]);
    if (difference !== 0) return difference;
  }
  return 0;
}

function segmentRank(segment: Segment | undefined): number {
  if (!segment) return 5;
  if (segment.kind === "literal") return 1;
  if (segment.catchAll) return 4;
  return segment.constraints.length > 0 ? 2 : 3;
}

function parseSegment(text: string, template: string): Segment {
  if (!text.includes("{") && !text.includes("}")) return { kind: "literal", text };
  const match = /^\{(.+)\}$/.exec(text);
  if (!match || match[1].includes("{")) {
    throw new Error(`route "${template}": segment "${text}" mixes text and parameters, which the local host does not support`);
  }
  let body = match[1];
  const catchAll = body.startsWith("*");
  body = body.replace(/^\*{1,2}/, "");
  const nameMatch = /^([A-Za-z_][A-Za-z0-9_]*)(.*)$/.exec(body);
  if (!nameMatch) throw new Error(`route "${template}": "${text}" has no valid parameter name`);
  const [, name, rest] = nameMatch;
  let remainder = rest;
  let optional = false;
  let defaultValue: string | undefined;
  if (remainder.endsWith("?")) {
    optional = true;
    remainder = remainder.slice(0, -1);
  }
  const equals = indexOutsideParentheses(remainder, "=");
  if (equals >= 0) {
    defaultValue = remainder.slice(equals + 1);
    remainder = remainder.slice(0, equals);
  }
  const constraints = splitOutsideParentheses(remainder, ":").filter((part) => part !== "").map((part) => parseConstraint(part, template));
  return { kind: "parameter", name, optional, catchAll, defaultValue, constraints };
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const SIMPLE_CONSTRAINTS: Record<string, (value: string) => boolean> = {
  int: (value) => INTEGER.test(value) && Math.abs(Number(value)) <= 2 ** 31,
  long: (value) => INTEGER.test(value),
  bool: (value) => /^(true|false)$/i.test(value),
  guid: (value) => /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(value),
  alpha: (value) => /^[a-z]+$/i.test(value),
  decimal: (value) => NUMBER.test(value),
  double: (value) => NUMBER.test(value),
  float: (value) => NUMBER.test(value),
  datetime: (value) => !Number.isNaN(Date.parse(value)),
};

function parseConstraint(text: string, template: string): Constraint {
  const match = /^([a-z]+)(?:\((.*)\))?$/i.exec(text);
  if (!match) throw new Error(`route "${template}": constraint "${text}" is malformed`);
  const name = match[1].toLowerCase();
  const argument = match[2];
  const simple = SIMPLE_CONSTRAINTS[name];
  if (simple && argument === undefined) return { name, test: simple };
  const numbers = (argument ?? "").split(",").map((part) => Number(part.trim()));
  const requireNumbers = (count: number[]) => {
    if (argument === undefined || !count.includes(numbers.length) || numbers.some((n) => !Number.isFinite(n))) {
      throw new Error(`route "${template}": constraint "${text}" needs ${count.join(" or ")} number(s)`);
    }
  };
  switch (name) {
    case "min":
      requireNumbers([1]);
      return { name, test: (value) => INTEGER.test(value) && Number(value) >= numbers[0] };
    case "max":
      requireNumbers([1]);
      return { name, test: (value) => INTEGER.test(value) && Number(value) <= numbers[0] };
    case "range":
      requireNumbers([2]);
      return { name, test: (value) => INTEGER.test(value) && Number(value) >= numbers[0] && Number(value) <= numbers[1] };
    case "minlength":
      requireNumbers([1]);
      return { name, test: (value) => value.length >= numbers[0] };
    case "maxlength":
      requireNumbers([1]);
      return { name, test: (value) => value.length <= numbers[0] };
    case "length":
      requireNumbers([1, 2]);
      return numbers.length === 1
        ? { name, test: (value) => value.length === numbers[0] }
        : { name, test: (value) => value.length >= numbers[0] && value.length <= numbers[1] };
    case "regex": {
      if (!argument) throw new Error(`route "${template}": constraint "${text}" needs a pattern`);
      const pattern = new RegExp(argument, "i");
      return { name, test: (value) => pattern.test(value) };
    }
    default:
      throw new Error(`route "${template}": unknown route constraint "${name}"`);
  }
}

function indexOutsideParentheses(text: string, char: string): number {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === "(") depth++;
    else if (text[index] === ")") depth--;
    else if (text[index] === char && depth === 0) return index;
  }
  return -1;
}

function splitOutsideParentheses(text: string, separator: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let index = indexOutsideParentheses(rest, separator); index >= 0; index = indexOutsideParentheses(rest, separator)) {
    parts.push(rest.slice(0, index));
    rest = rest.slice(index + 1);
  }
  parts.push(rest);
  return parts;
}
