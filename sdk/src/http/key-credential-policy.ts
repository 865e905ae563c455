import type { KeyCredential } from "@azure/core-auth";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { FUNCTION_KEY_HEADER } from "../contract/openapi.js";

export const functionKeyPolicyName = "standbyFunctionKeyPolicy";

/** Sends the function key on every request; read per request so `AzureKeyCredential.update` takes effect at once. */
export function functionKeyPolicy(credential: KeyCredential): PipelinePolicy {
  return {
    name: functionKeyPolicyName,
    sendRequest(request, next) {
      request.headers.set(FUNCTION_KEY_HEADER, credential.key);
      return next(request);
    },
  };
}
