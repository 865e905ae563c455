// The loopback decision of the app's ARM client factory: plain http only for a loopback emulator, never downgraded
// for anything else.
import { bearerTokenAuthenticationPolicyName } from "@azure/core-rest-pipeline";
import { classifyArmEndpoint, createArmClients } from "../../../functions/azure/arm-clients";

const SUBSCRIPTION = "3f6a9d2c-5b1e-4c7a-8e2d-9a4b6c1f0e53";
const hasBearerPolicy = (pipeline: { getOrderedPolicies(): { name: string }[] }): boolean =>
  pipeline.getOrderedPolicies().some((policy) => policy.name === bearerTokenAuthenticationPolicyName);

describe("classifyArmEndpoint", () => {
  it.each(["http://127.0.0.1:7000", "http://localhost:7000/", "http://[::1]:7000", "https://127.0.0.1:8443"])("treats %s as the loopback emulator", (url) => {
    expect(classifyArmEndpoint(url).kind).toBe("loopback");
  });

  it("treats https ARM hosts as Azure", () => {
    expect(classifyArmEndpoint("https://management.azure.com/")).toEqual({ kind: "azure", endpoint: "https://management.azure.com" });
  });

  it.each(["http://management.azure.com", "http://10.0.0.5:7000", "http://127.0.0.1.example.com", "http://localhost.evil.example"])("refuses plain http to %s", (url) => {
    expect(() => classifyArmEndpoint(url)).toThrow(TypeError);
  });

  it.each(["ftp://127.0.0.1", "not a url", ""])("refuses %p", (url) => {
    expect(() => classifyArmEndpoint(url)).toThrow(TypeError);
  });
});

describe("createArmClients", () => {
  it("removes the bearer policy and allows http only for a loopback emulator", () => {
    const local = createArmClients({ armEndpoint: "http://127.0.0.1:7000", subscriptionId: SUBSCRIPTION });
    expect(hasBearerPolicy(local.siteRecovery.pipeline)).toBe(false);
    expect(hasBearerPolicy(local.trafficManager.pipeline)).toBe(false);
    expect(local.siteRecovery.subscriptionId).toBe(SUBSCRIPTION);
  });

  it("keeps the bearer policy for real ARM, with the credential given", () => {
    const credential = { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 60_000 }) };
    const azure = createArmClients({ armEndpoint: "https://management.azure.com", subscriptionId: SUBSCRIPTION, credential });
    expect(hasBearerPolicy(azure.siteRecovery.pipeline)).toBe(true);
    expect(hasBearerPolicy(azure.trafficManager.pipeline)).toBe(true);
  });

  it("refuses a non-loopback http endpoint instead of downgrading it", () => {
    expect(() => createArmClients({ armEndpoint: "http://management.azure.com", subscriptionId: SUBSCRIPTION })).toThrow(/plain http/);
  });

  it("requires a subscription id", () => {
    expect(() => createArmClients({ armEndpoint: "http://127.0.0.1:7000", subscriptionId: "" })).toThrow(TypeError);
  });
});
