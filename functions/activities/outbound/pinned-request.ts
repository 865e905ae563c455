// Sends one HTTP request to addresses that were already checked. `fetch` would resolve the host name again when it
// connects, and a name whose DNS answer changes between the check and the connection (DNS rebinding) would then reach
// an address nobody checked; here the socket's `lookup` hands over only the checked addresses, while the URL's host
// name still goes into the Host header and TLS server name, so certificates are verified as usual.
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";

export interface PinnedRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutSeconds: number;
}

/** Sends `init` to `url`, connecting only to one of `addresses`; resolves with the status once the body is read. */
export function sendPinned(url: string, addresses: readonly string[], init: PinnedRequest): Promise<number> {
  const parsed = new URL(url);
  const send = parsed.protocol === "https:" ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: init.method,
    headers: init.headers,
    lookup: pinnedLookup(addresses),
    signal: AbortSignal.timeout(init.timeoutSeconds * 1000),
    // A fresh connection per call: a pooled socket could have been opened to an address checked for another call.
    agent: false,
  };
  return new Promise((resolve, reject) => {
    const outgoing = send(parsed, options, (response) => {
      // The body is not needed, but the request is complete only once it has been drained.
      response.on("error", reject);
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.resume();
    });
    outgoing.on("error", reject);
    outgoing.end(init.body);
  });
}

/** A `lookup` for sockets that answers only with the given addresses, whatever name is asked for. */
function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  return (_hostname, options, callback) => {
    const first = entries[0];
    if (first === undefined) {
      callback(new Error("no checked address to connect to"), "", 0);
      return;
    }
    // With `autoSelectFamily` the socket asks for every address; otherwise for one.
    if (options.all === true) (callback as unknown as (error: null, all: typeof entries) => void)(null, entries);
    else callback(null, first.address, first.family);
  };
}
