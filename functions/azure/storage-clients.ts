// The one place the app builds its blob client and names its containers. Locally (Azurite) storage is reached by
// connection string; in Azure by the app's managed identity, since the account refuses shared keys.
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";
import { BlobServiceClient } from "@azure/storage-blob";
import type { StorageConnection } from "./config";

export function createBlobServiceClient(storage: StorageConnection): BlobServiceClient {
  if (storage.kind === "connectionString") return BlobServiceClient.fromConnectionString(storage.connectionString);
  const credential =
    storage.clientId === undefined ? new DefaultAzureCredential() : new ManagedIdentityCredential({ clientId: storage.clientId });
  return new BlobServiceClient(storage.blobServiceUri, credential);
}

/** The containers Standby keeps its state in, all under the configured prefix so several instances can share an account. */
export interface StandbyContainers {
  /** One blob per plan: `{plan}.json`. */
  plans: string;
  /** Operation timelines and the indexes that list them. */
  operations: string;
  /** One blob per busy plan: the lock that admits a single mutating operation. */
  locks: string;
}

export function standbyContainers(prefix: string): StandbyContainers {
  return { plans: `${prefix}-plans`, operations: `${prefix}-operations`, locks: `${prefix}-locks` };
}
