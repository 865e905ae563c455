// The credential used against a loopback ARM emulator, which checks no tokens. It must never reach real ARM, so
// only createArmClients hands it out, and only for loopback endpoints.
import type { AccessToken, TokenCredential } from "@azure/core-auth";

const ONE_HOUR_MS = 3_600_000;

export const localEmulatorCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: "local-emulator", expiresOnTimestamp: Date.now() + ONE_HOUR_MS }),
};
