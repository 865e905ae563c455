// Just enough of a Bicep reader for the offline infra checks (the Bicep compiler cannot be installed here):
// comments stripped, top-level statements with their decorators, bracket matching that respects strings, and the
// keys of an object literal. It reads the subset of Bicep this repository writes, and fails loudly on anything it
// cannot place rather than guessing.

export interface Statement {
  /** `param`, `var`, `resource`, `module`, `output`, `type`, `import`, `targetScope`, … */
  readonly keyword: string;
  /** The declared name (`param <name>`), when the statement declares one. */
  readonly name?: string;
  /** Decorator texts, e.g. `@description('Required. …')`. */
  readonly decorators: readonly string[];
  /** The statement's own text, without decorators. */
  readonly text: string;
}

/** Removes `//` and block comments, keeping strings (and any `//` inside them) intact. */
export function stripComments(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    if (source.startsWith("'''", i)) {
      const end = source.indexOf("'''", i + 3);
      const stop = end < 0 ? source.length : end + 3;
      out += source.slice(i, stop);
      i = stop;
    } else if (source[i] === "'") {
      const stop = endOfString(source, i);
      out += source.slice(i, stop);
      i = stop;
    } else if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      i = end < 0 ? source.length : end;
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out;
}

/** Index just past the closing quote of the single-quoted string that opens at `start`, across interpolations. */
function endOfString(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length) {
    if (source[i] === "\\") i += 2;
    else if (source[i] === "'") return i + 1;
    else if (source.startsWith("${", i)) i = endOfInterpolation(source, i + 2);
    else i += 1;
  }
  throw new Error(`unterminated string starting at offset ${start}`);
}

/** Index just past the `}` closing an interpolation whose expression starts at `start` (it may hold strings). */
function endOfInterpolation(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "'") {
      i = endOfString(source, i);
      continue;
    }
    if (ch === "{") depth += 1;
    if (ch === "}") {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  throw new Error(`unterminated interpolation starting at offset ${start}`);
}

/** Bracket depth change of one line, ignoring brackets inside strings. */
function depthChange(line: string): number {
  let depth = 0;
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch === "'") {
      i = endOfString(line, i);
      continue;
    }
    if (ch === "{" || ch === "[" || ch === "(") depth += 1;
    if (ch === "}" || ch === "]" || ch === ")") depth -= 1;
    i += 1;
  }
  return depth;
}

/** The top-level statements of a Bicep file, each with the decorators written above it. */
export function statements(source: string): Statement[] {
  const chunks: string[] = [];
  let depth = 0;
  for (const line of stripComments(source).split("\n")) {
    if (depth === 0) {
      if (line.trim() !== "") chunks.push(line);
    } else {
      chunks[chunks.length - 1] += `\n${line}`;
    }
    depth += depthChange(line);
    if (depth < 0) throw new Error(`unbalanced brackets near: ${line.trim()}`);
  }
  if (depth !== 0) throw new Error("unbalanced brackets at end of file");

  const result: Statement[] = [];
  let decorators: string[] = [];
  for (const chunk of chunks) {
    const trimmed = chunk.trim();
    if (trimmed.startsWith("@")) {
      decorators.push(trimmed);
      continue;
    }
    const keyword = /^[A-Za-z]+/.exec(trimmed)?.[0] ?? "";
    const name = /^(?:param|var|resource|module|output|type)\s+([A-Za-z_][\w]*)/.exec(trimmed)?.[1];
    result.push({ keyword, ...(name === undefined ? {} : { name }), decorators, text: trimmed });
    decorators = [];
  }
  return result;
}

/** The unescaped text of a `@description('…')` decorator, if there is one. */
export function descriptionOf(decorators: readonly string[]): string | undefined {
  for (const decorator of decorators) {
    const match = /^@description\(\s*'((?:[^'\\]|\\.)*)'\s*\)$/s.exec(decorator);
    if (match) return (match[1] as string).replace(/\\(.)/g, "$1");
  }
  return undefined;
}

/** The text of the `{ … }` or `[ … ]` that opens at `open` (inclusive of both brackets). */
export function bracketed(source: string, open: number): string {
  const opener = source[open];
  if (opener !== "{" && opener !== "[") throw new Error(`no bracket at offset ${open}`);
  let depth = 0;
  let i = open;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === "'") {
      i = endOfString(source, i);
      continue;
    }
    if (ch === "{" || ch === "[" || ch === "(") depth += 1;
    if (ch === "}" || ch === "]" || ch === ")") {
      depth -= 1;
      if (depth === 0) return source.slice(open, i + 1);
    }
    i += 1;
  }
  throw new Error(`unclosed bracket at offset ${open}`);
}

/** The value object of `<property>: { … }` inside a block, or undefined. */
export function objectProperty(block: string, property: string): string | undefined {
  const match = new RegExp(`(^|\\n)\\s*${property}\\s*:\\s*\\{`).exec(block);
  if (!match) return undefined;
  return bracketed(block, match.index + match[0].length - 1);
}

/** The keys written directly inside an object literal `{ … }` (not those of nested objects). */
export function objectKeys(objectText: string): string[] {
  const inner = objectText.trim().slice(1, -1);
  const keys: string[] = [];
  let depth = 0;
  for (const line of inner.split("\n")) {
    if (depth === 0) {
      const match = /^\s*(?:'((?:[^'\\]|\\.)*)'|([A-Za-z_][\w]*))\s*:/.exec(line);
      if (match) keys.push((match[1] ?? match[2]) as string);
    }
    depth += depthChange(line);
  }
  return keys;
}

/** The resource type of a `resource <symbol> '<type>@<version>'` statement. */
export function resourceType(statement: Statement): string | undefined {
  return /^resource\s+\w+\s+'([^'@]+)@[^']+'/.exec(statement.text)?.[1];
}

/** The file path of a `module <symbol> '<path>'` statement. */
export function modulePath(statement: Statement): string | undefined {
  return /^module\s+\w+\s+'([^']+)'/.exec(statement.text)?.[1];
}
