import { generateKey, hostKeys, isAuthorized, presentedKey } from "../../../local/host/http/auth";

const keys = hostKeys({ functionKey: "fn", masterKey: "master", systemKey: "system" });

describe("host keys and auth levels", () => {
  it("opens anonymous routes to everyone", () => {
    expect(isAuthorized("anonymous", undefined, keys)).toBe(true);
  });

  it("opens function routes to a function key or the master key only", () => {
    expect(isAuthorized("function", "fn", keys)).toBe(true);
    expect(isAuthorized("function", "master", keys)).toBe(true);
    expect(isAuthorized("function", "system", keys)).toBe(false);
    expect(isAuthorized("function", "fn-but-longer", keys)).toBe(false);
    expect(isAuthorized("function", undefined, keys)).toBe(false);
  });

  it("opens admin routes to the master key only", () => {
    expect(isAuthorized("admin", "master", keys)).toBe(true);
    expect(isAuthorized("admin", "fn", keys)).toBe(false);
  });

  it("opens extension webhooks to the system key or the master key", () => {
    expect(isAuthorized("system", "system", keys)).toBe(true);
    expect(isAuthorized("system", "master", keys)).toBe(true);
    expect(isAuthorized("system", "fn", keys)).toBe(false);
  });

  it("reads the key from the x-functions-key header first, then the code query parameter", () => {
    expect(presentedKey({ "x-functions-key": "from-header" }, new URL("http://h/x?code=from-query"))).toBe("from-header");
    expect(presentedKey({}, new URL("http://h/x?code=from-query"))).toBe("from-query");
    expect(presentedKey({}, new URL("http://h/x"))).toBeUndefined();
  });

  it("generates distinct random keys when none are configured", () => {
    const generated = hostKeys({});
    expect(generated.masterKey).not.toEqual(generated.functionKeys[0]);
    expect(generated.masterKey.length).toBeGreaterThanOrEqual(32);
    expect(hostKeys({}).masterKey).not.toEqual(generated.masterKey);
  });

  it("never generates a key that starts with a dash, so it can follow --key on a command line", () => {
    // About 1 in 64 raw base64url keys starts with "-"; 2,000 keys would show a leak almost surely.
    const keys = Array.from({ length: 2000 }, () => generateKey());
    expect(keys.filter((key) => key.startsWith("-"))).toEqual([]);
    expect(new Set(keys).size).toBe(2000);
  });
});
