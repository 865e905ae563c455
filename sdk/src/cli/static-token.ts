import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { UsageError } from "./command.js";

/**
 * A token obtained elsewhere (`az account get-access-token`) handed to the client as a credential. The CLI cannot
 * renew it, and the service, not the CLI, judges whether it is still valid: it is given as expiring now, so the client
 * asks for it again on each request and sends the same string.
 */
export function staticTokenCredential(token: string): TokenCredential {
  if (token.length === 0 || /\s/.test(token)) {
    throw new UsageError("the token must be one word, as az account get-access-token --query accessToken -o tsv prints it");
  }
  return {
    getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() }),
  };
}
