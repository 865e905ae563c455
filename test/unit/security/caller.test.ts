// Who is recorded as the caller: the principal App Service authentication signed in, but only while the platform
// says that authentication is on (otherwise the header is whatever the caller typed); else the function key, which
// identifies no person. A blank or oversized header must not become an identity of its own.
import { callerIdentity, FUNCTION_KEY_CALLER } from "../../../functions/http/caller";

const withHeaders = (headers: Record<string, string>) => (name: string): string | undefined => headers[name.toLowerCase()];
const AUTH_ON = { appServiceAuthentication: true };
const AUTH_OFF = { appServiceAuthentication: false };

describe("callerIdentity with App Service authentication on", () => {
  it("records the signed-in principal's name", () => {
    expect(callerIdentity(withHeaders({ "x-ms-client-principal-name": "alice@contoso.com" }), AUTH_ON)).toBe("alice@contoso.com");
  });

  it("records a key caller when no principal was signed in", () => {
    expect(callerIdentity(withHeaders({}), AUTH_ON)).toBe(FUNCTION_KEY_CALLER);
    expect(callerIdentity(withHeaders({ "x-functions-key": "k" }), AUTH_ON)).toBe(FUNCTION_KEY_CALLER);
  });

  it("does not turn a blank principal into a person", () => {
    expect(callerIdentity(withHeaders({ "x-ms-client-principal-name": "   " }), AUTH_ON)).toBe(FUNCTION_KEY_CALLER);
    expect(callerIdentity(withHeaders({ "x-ms-client-principal-name": "" }), AUTH_ON)).toBe(FUNCTION_KEY_CALLER);
  });

  it("keeps an oversized principal to 256 characters, so a timeline entry stays small", () => {
    const recorded = callerIdentity(withHeaders({ "x-ms-client-principal-name": `${"a".repeat(10_000)}@contoso.com` }), AUTH_ON);
    expect(recorded).toHaveLength(256);
    expect(recorded).toBe("a".repeat(256));
  });
});

describe("callerIdentity with App Service authentication off", () => {
  it("ignores a principal header, which only the caller can have written, and records a key caller", () => {
    const spoofed = withHeaders({
      "x-ms-client-principal-name": "alice@contoso.com",
      "x-ms-client-principal-id": "00000000-0000-0000-0000-000000000001",
      "x-ms-client-principal-idp": "aad",
    });
    expect(callerIdentity(spoofed, AUTH_OFF)).toBe(FUNCTION_KEY_CALLER);
  });

  it("does not even read the headers", () => {
    const read: string[] = [];
    callerIdentity((name) => {
      read.push(name);
      return "alice@contoso.com";
    }, AUTH_OFF);
    expect(read).toEqual([]);
  });
});
