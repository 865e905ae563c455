// A tiny loopback webhook for tests: answers Event Grid's validation handshake and records what it is sent.
import { type Server, createServer } from "node:http";

export interface Webhook {
  url: string;
  received: { headers: Record<string, string | string[] | undefined>; body: unknown }[];
  handshakes: number;
  /** Resolves once `count` notifications have arrived (or rejects after `timeoutMs` of real time). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhook(options: { answerHandshake?: boolean } = {}): Promise<Webhook> {
  const hook: Webhook = {
    url: "",
    received: [],
    handshakes: 0,
    waitFor: async (count, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (hook.received.length < count) {
        if (Date.now() > deadline) throw new Error(`webhook got ${hook.received.length} notifications, expected ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
      if (request.headers["aeg-event-type"] === "SubscriptionValidation") {
        hook.handshakes += 1;
        const code = (body as { data: { validationCode: string } }[])[0].data.validationCode;
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ validationResponse: options.answerHandshake === false ? "wrong" : code }));
        return;
      }
      hook.received.push({ headers: request.headers, body });
      response.writeHead(200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  hook.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/events`;
  return hook;
}
