// Continuation tokens handed to API callers wrap the storage marker, so a caller cannot tell (or depend on) what is
// inside, and a token that was tampered with is refused as a bad request instead of reaching storage.
import { DomainError } from "../../core/errors";

const PREFIX = "v1:";

export function encodePageToken(marker: string): string {
  return Buffer.from(PREFIX + marker, "utf8").toString("base64url");
}

export function decodePageToken(token: string): string {
  const text = /^[A-Za-z0-9_-]{1,4096}$/.test(token) ? Buffer.from(token, "base64url").toString("utf8") : "";
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length) {
    throw new DomainError("RequestInvalid", "The continuation token is not one this service issued.", {
      errors: [{ pointer: "", message: "Follow nextLink as given; do not build continuation tokens." }],
    });
  }
  return text.slice(PREFIX.length);
}
