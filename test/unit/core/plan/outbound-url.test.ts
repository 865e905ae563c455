import { isForbiddenAddress, outboundUrlProblem } from "../../../../functions/core/plan/outbound-url";

describe("outbound URL policy", () => {
  it.each([
    "169.254.169.254",
    "169.254.0.1",
    "168.63.129.16",
    "0.0.0.0",
    "fe80::1",
    "FE80::1%eth0",
    "febf::1",
    "::",
    "::ffff:169.254.169.254",
    "::ffff:a9fe:a9fe",
    "64:ff9b::a9fe:a9fe",
    "[fe80::abcd]",
  ])("forbids the resolved address %s", (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(["10.0.0.4", "20.50.1.2", "127.0.0.1", "::1", "fec0::1", "2001:db8::1", "hooks.example.com", "169.255.0.1"])(
    "lets the allow-list decide about %s",
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );

  it("treats IPv4-mapped loopback as loopback", () => {
    const policy = { allowedHosts: ["::ffff:7f00:1"], allowLoopback: false };
    expect(outboundUrlProblem("https://[::ffff:127.0.0.1]/", policy)).toContain("loopback");
  });

  it("accepts an allow-listed https URL", () => {
    expect(outboundUrlProblem("https://hooks.example.com/x?y=1", { allowedHosts: ["HOOKS.example.com"], allowLoopback: false })).toBeUndefined();
  });

  it("matches a trailing-dot host name like the name without it", () => {
    expect(outboundUrlProblem("https://hooks.example.com./x", { allowedHosts: ["hooks.example.com"], allowLoopback: false })).toBeUndefined();
  });
});
