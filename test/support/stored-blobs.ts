// What the app has written to storage, read straight from Azurite: lets a test prove that a refused request left
// nothing behind.
import { BlobServiceClient } from "@azure/storage-blob";
import type { Lab } from "./lab";

/** Every blob in the app's containers, as `container/blob`, sorted. */
export async function storedBlobs(lab: Lab): Promise<string[]> {
  const service = BlobServiceClient.fromConnectionString(lab.storage.connectionString);
  const names: string[] = [];
  for await (const container of service.listContainers({ prefix: `${lab.storage.containerPrefix}-` })) {
    for await (const blob of service.getContainerClient(container.name).listBlobsFlat()) names.push(`${container.name}/${blob.name}`);
  }
  return names.sort();
}
