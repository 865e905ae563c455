import { bracketed, descriptionOf, objectKeys, statements, stripComments } from "./bicep-text";

describe("the Bicep reader used by the infra checks", () => {
  it("strips comments but not comment-like text inside strings", () => {
    const text = "var a = 'https://x' // trailing\n/* block\n comment */var b = 1";
    expect(stripComments(text)).toBe("var a = 'https://x' \nvar b = 1");
  });

  it("groups multi-line statements and attaches decorators, including multi-line ones", () => {
    const text = [
      "@allowed([",
      "  'a'",
      "  'b'",
      "])",
      "@description('Optional. The app\\'s letter.')",
      "param letter string = 'a'",
      "",
      "resource r 'Microsoft.X/y@2024-01-01' = {",
      "  name: '${letter}-{not-a-brace'",
      "}",
    ].join("\n");
    const parsed = statements(text);
    expect(parsed.map((s) => [s.keyword, s.name, s.decorators.length])).toEqual([
      ["param", "letter", 2],
      ["resource", "r", 0],
    ]);
    expect(descriptionOf(parsed[0]!.decorators)).toBe("Optional. The app's letter.");
  });

  it("lists only the top-level keys of an object, quoted or not", () => {
    const object = "{\n  A: 1\n  'b-c': {\n    nested: 2\n  }\n  D: [\n    { e: 1 }\n  ]\n}";
    expect(objectKeys(object)).toEqual(["A", "b-c", "D"]);
  });

  it("matches brackets across strings with interpolations holding quotes", () => {
    const text = "{ a: '${concat('}', 'x')}' }";
    expect(bracketed(text, 0)).toBe(text);
  });

  it("refuses unbalanced text instead of guessing", () => {
    expect(() => statements("var a = {\n")).toThrow("unbalanced brackets at end of file");
  });
});
