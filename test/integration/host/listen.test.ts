// The host's listening sockets keep an idle keep-alive connection open as long as the Functions host does, so a
// poller that waits the API's Retry-After (5 s) between reads, plus whatever delays it, keeps its connection
// instead of opening a new one (Node's own default closes a connection idle for 5 s, plus a 1 s grace).
import { Agent, request } from "node:http";
import { listenOnLoopback, type Listening } from "../../../local/host/listen";

/** Past Node's default idle limit, well inside the host's. */
const POLLER_PAUSE_MS = 7_000;

let listening: Listening;
const connections: number[] = [];

beforeAll(async () => {
  listening = await listenOnLoopback(0, async (_request, response) => {
    response.end("ok");
  });
  listening.server.on("connection", () => connections.push(Date.now()));
});
afterAll(() => listening?.close());

function get(agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port: listening.port, path: "/", agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    })
      .on("error", reject)
      .end();
  });
}

it("serves a second read after a poller's pause on the same connection", async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    expect(await get(agent)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, POLLER_PAUSE_MS));
    expect(await get(agent)).toBe(200);
    expect(connections).toHaveLength(1);
  } finally {
    agent.destroy();
  }
});
