// ARM list answers: `{value, nextLink}` where nextLink is an absolute URL that repeats the api-version, since the
// SDKs follow it verbatim.
import type { ArmRequest } from "./router";
import { invalidInput } from "./arm-error";

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

export function pageOf<T>(request: ArmRequest, all: readonly T[], pageSize: number, render: (item: T) => unknown = (item) => item): Page<unknown> {
  const token = request.query.get("$skipToken") ?? request.query.get("skipToken");
  let start = 0;
  if (token !== null) {
    start = Number(token);
    if (!Number.isInteger(start) || start < 0) throw invalidInput(`The skip token '${token}' is not valid.`, "InvalidSkipToken");
  }
  const slice = all.slice(start, start + pageSize);
  const page: Page<unknown> = { value: slice.map(render) };
  const next = start + pageSize;
  if (next < all.length) {
    const query = new URLSearchParams(request.query);
    query.delete("skipToken");
    query.set("$skipToken", String(next));
    page.nextLink = `${request.baseUrl}${request.path}?${query.toString()}`;
  }
  return page;
}
