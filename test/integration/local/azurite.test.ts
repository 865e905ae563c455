import { BlobServiceClient } from "@azure/storage-blob";
import { startAzurite, type RunningAzurite } from "../../../local/azurite/azurite";

describe("Azurite for the lab and tests", () => {
  let azurite: RunningAzurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  it("serves blob storage through the real storage client on the connection string it gives", async () => {
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    const container = service.getContainerClient("smoke");
    await container.create();
    await container.getBlockBlobClient("hello.txt").upload("hi", 2);
    const body = await container.getBlobClient("hello.txt").downloadToBuffer();
    expect(body.toString()).toBe("hi");
  });
});
