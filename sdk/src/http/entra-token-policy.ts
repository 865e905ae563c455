import type { TokenCredential } from "@azure/core-auth";
import { bearerTokenAuthenticationPolicy, type PipelinePolicy } from "@azure/core-rest-pipeline";
import { isLoopback } from "./loopback.js";

export const entraTokenPolicyName = "standbyEntraTokenPolicy";

/**
 * Sends an Entra token as `Authorization: Bearer`. Over https this is Azure core's bearer policy, which caches the
 * token and renews it before it expires. Core refuses every plain-http URL, the lab's loopback one included; a token
 * sent to loopback never leaves the machine, so there it is asked of the credential for each request and sent. Plain
 * http to any other host still goes to core's policy and fails: a token never crosses a network in clear text, whatever
 * `allowInsecureConnection` says.
 */
export function entraTokenPolicy(credential: TokenCredential, scopes: string | string[]): PipelinePolicy {
  const overTls = bearerTokenAuthenticationPolicy({ credential, scopes });
  return {
    name: entraTokenPolicyName,
    async sendRequest(request, next) {
      const url = new URL(request.url);
      if (url.protocol !== "http:" || !isLoopback(url)) {
        return overTls.sendRequest(request, next);
      }
      const token = await credential.getToken(scopes, {
        abortSignal: request.abortSignal,
        tracingOptions: request.tracingOptions,
      });
      if (!token) {
        throw new Error("The TokenCredential returned no token.");
      }
      request.headers.set("authorization", `Bearer ${token.token}`);
      return next(request);
    },
  };
}
