// Who is recorded as the caller: the principal App Service authentication signed in, else the function key (which
// identifies no person). A blank or oversized header must not become an identity of its own.
import { callerIdentity, FUNCTION_KEY_CALLER } from "../../../functions/http/caller";

const withHeaders = (headers: Record<string, string>) => (name: string): string | undefined => headers[name.toLowerCase()];

describe("callerIdentity", () => {
  it("records the signed-in principal's name", () => {
    expect(callerIdentity(withHeaders({ "x-ms-client-principal-name": "alice@contoso.com" }))).toBe("alice@contoso.com");
  });

  it("records a key caller when no principal was signed in", () => {
    expect(callerIdentity(withHeaders({}))).toBe(FUNCTION_KEY_CALLER);
    expect(callerIdentity(withHeaders({ "x-functions-key": "k" }))).toBe(FUNCTION_KEY_CALLER);
  });

  it("does not turn a blank principal into a person", () => {
    expect(callerIdentity(withHeaders({ "x-ms-client-principal-name": "   " }))).toBe(FUNCTION_KEY_CALLER);
    expect(callerIdentity(withHeaders({ "x-ms-client-principal-name": "" }))).toBe(FUNCTION_KEY_CALLER);
  });

  it("keeps an oversized principal to 256 characters, so a timeline entry stays small", () => {
    const recorded = callerIdentity(withHeaders({ "x-ms-client-principal-name": `${"a".repeat(10_000)}@contoso.com` }));
    expect(recorded).toHaveLength(256);
    expect(recorded).toBe("a".repeat(256));
  });
});
