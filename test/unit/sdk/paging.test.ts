import { AzureKeyCredential, StandbyClient, type Operation } from "@standby/client";
import { FakeStandbyServer, type RecordedRequest } from "./fake-standby-server";
import { operation } from "./fixtures";

const server = new FakeStandbyServer();
let client: StandbyClient;

beforeAll(async () => {
  client = new StandbyClient(await server.start(), new AzureKeyCredential("key"));
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

/** Seven operations served three per page; pages after the first are linked by an absolute nextLink. */
function serveThreePerPage(): Operation[] {
  const all = Array.from({ length: 7 }, (_, index) => operation(`op-${index}`, "succeeded", []));
  server.on("GET", "/api/v1/operations", (request: RecordedRequest) => {
    const skip = Number(request.query.get("skip") ?? "0");
    const size = Number(request.query.get("maxpagesize") ?? "3");
    const value = all.slice(skip, skip + size);
    const next = skip + size < all.length ? `${server.endpoint}/api/v1/operations?skip=${skip + size}&maxpagesize=${size}` : undefined;
    return { status: 200, body: { value, nextLink: next } };
  });
  return all;
}

describe("lists page through the service's nextLinks", () => {
  it("iterates every item across pages", async () => {
    const all = serveThreePerPage();
    const ids: string[] = [];
    for await (const item of client.listOperations()) {
      ids.push(item.id);
    }
    expect(ids).toEqual(all.map((item) => item.id));
    expect(server.requests).toHaveLength(3);
  });

  it("gives pages with a continuation token that resumes after them", async () => {
    serveThreePerPage();
    const firstPage = (await client.listOperations().byPage().next()).value;
    expect(firstPage.map((item: Operation) => item.id)).toEqual(["op-0", "op-1", "op-2"]);
    expect(firstPage.continuationToken).toBeDefined();

    const rest: string[] = [];
    for await (const page of client.listOperations().byPage({ continuationToken: firstPage.continuationToken })) {
      rest.push(...page.map((item) => item.id));
    }
    expect(rest).toEqual(["op-3", "op-4", "op-5", "op-6"]);
  });

  it("asks for the page size given to byPage", async () => {
    serveThreePerPage();
    const pages: number[] = [];
    for await (const page of client.listOperations().byPage({ maxPageSize: 5 })) {
      pages.push(page.length);
    }
    expect(pages).toEqual([5, 2]);
    expect(server.requests[0]?.query.get("maxpagesize")).toBe("5");
  });

  it("ends without a continuation token on the last page", async () => {
    server.on("GET", "/api/v1/plans", { status: 200, body: { value: [] } });
    const pages = [];
    for await (const page of client.listPlans().byPage()) {
      pages.push(page);
    }
    expect(pages).toHaveLength(1);
    expect(pages[0]?.continuationToken).toBeUndefined();
  });
});

describe("a broken nextLink", () => {
  it("that points at the same page again ends the listing with an error instead of looping", async () => {
    server.on("GET", "/api/v1/drills", { status: 200, body: { value: [], nextLink: "/api/v1/drills?page=2" } });
    const pages = client.listDrills().byPage();
    await pages.next();
    await expect(pages.next()).rejects.toThrow(/linked a page to itself/);
    expect(server.requests).toHaveLength(2);
  });
});
