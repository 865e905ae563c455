// Host-side conversion between JavaScript values and the worker's typed data.
import type { RpcTypedData } from "./rpc-types";

/**
 * Encodes a value as JSON typed data. The worker parses `json` exactly once, so a string stays a string; `string`
 * typed data would be JSON-parsed by the worker when it looks like JSON ("42" would arrive as 42).
 */
export function jsonTypedData(value: unknown): RpcTypedData {
  return value === undefined ? {} : { json: JSON.stringify(value) };
}

/** Decodes what a handler returned through the programming model back into a value. */
export function fromTypedData(data: RpcTypedData | null | undefined): unknown {
  if (!data) return undefined;
  if (data.json !== undefined && data.json !== null) return JSON.parse(data.json);
  if (data.string !== undefined && data.string !== null) return data.string;
  if (data.bytes) return Buffer.from(data.bytes);
  if (data.stream) return Buffer.from(data.stream);
  if (data.int !== undefined && data.int !== null) return Number(data.int);
  if (data.double !== undefined && data.double !== null) return data.double;
  if (data.collectionString?.string) return data.collectionString.string;
  if (data.collectionDouble?.double) return data.collectionDouble.double;
  if (data.collectionSint64?.sint64) return data.collectionSint64.sint64.map(Number);
  if (data.collectionBytes?.bytes) return data.collectionBytes.bytes.map((bytes) => Buffer.from(bytes));
  return undefined;
}
