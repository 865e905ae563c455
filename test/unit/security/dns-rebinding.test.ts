// DNS rebinding: a name that answers a harmless address when the activity checks it and a forbidden one when the
// connection is made. The check must cover the address actually connected to, so the resolver answers the first
// lookup with a public address and every later one with loopback, where a listener counts connections.
import dns from "node:dns";
import { createServer, type Server } from "node:net";
import { createOutboundActivities } from "../../../functions/activities/outbound/outbound-activities";

let server: Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  jest.restoreAllMocks();
  await new Promise((closed) => server.close(closed));
});

it("never connects to an address other than the one it checked", async () => {
  let lookups = 0;
  const answer = (): string => (lookups++ === 0 ? "203.0.113.10" : "127.0.0.1");
  jest.spyOn(dns.promises, "lookup").mockImplementation((async () => [{ address: answer(), family: 4 }]) as never);
  jest.spyOn(dns, "lookup").mockImplementation(((_host: string, options: unknown, callback?: (...args: unknown[]) => void) => {
    const done = (typeof options === "function" ? options : callback) as (...args: unknown[]) => void;
    const address = answer();
    const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all === true;
    process.nextTick(() => (all ? done(null, [{ address, family: 4 }]) : done(null, address, 4)));
  }) as never);

  const activities = createOutboundActivities({ allowedHosts: ["rebind.example.com"], allowLoopback: false });
  const result = await activities.probeOnce({ url: `https://rebind.example.com:${port}/`, expectStatus: 200, timeoutSeconds: 5, planAllowedHosts: ["rebind.example.com"] });
  expect(result.ok).toBe(false);
  expect(lookups).toBeGreaterThan(0);
  expect(connections).toBe(0);
});
