// Starts an HTTP server on the loopback interface and stops it without waiting for idle keep-alive clients.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface Listening {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * How long an idle keep-alive connection stays open: Kestrel's default, as the Functions host serves it. Node's own
 * default (5 s, plus a second's grace) is the Retry-After the API gives pollers, so a poller running a second late
 * would open a new connection, and under load a new connection waits to be accepted behind the reads in progress.
 */
const KEEP_ALIVE_TIMEOUT_MS = 130_000;

export function listenOnLoopback(port: number, handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>): Promise<Listening> {
  const server = createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, (request, response) => void handler(request, response));
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new Error(`port ${port} on 127.0.0.1 is already in use; choose another with --port`) : error);
    });
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      resolve({
        server,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
