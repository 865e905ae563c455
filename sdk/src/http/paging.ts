import type { PagedAsyncIterableIterator, PageSettings } from "@azure/core-paging";
import type { Page } from "../contract/list.js";

/** One page of a list; `continuationToken` resumes listing after it (undefined on the last page). */
export type ContinuablePage<T> = T[] & { continuationToken?: string };

/** Fetches a page: the first when `nextLink` is undefined, else the page the service linked to. */
export type PageFetcher<T> = (nextLink: string | undefined, maxPageSize: number | undefined) => Promise<Page<T>>;

/**
 * A list in the Azure SDK shape: iterate items with `for await`, or pages with `byPage()`. The continuation token
 * is the service's `nextLink`, so a listing can resume in another process.
 */
export function pagedList<T>(fetchPage: PageFetcher<T>): PagedAsyncIterableIterator<T, ContinuablePage<T>> {
  async function* pages(settings: PageSettings = {}): AsyncIterableIterator<ContinuablePage<T>> {
    let nextLink = settings.continuationToken;
    do {
      const page = await fetchPage(nextLink, settings.maxPageSize);
      if (page.nextLink !== undefined && page.nextLink === nextLink) {
        // Following it would ask for the same page forever.
        throw new RangeError(`The service linked a page to itself (${nextLink}).`);
      }
      nextLink = page.nextLink;
      const items: ContinuablePage<T> = [...page.value];
      items.continuationToken = nextLink;
      yield items;
    } while (nextLink);
  }
  async function* items(): AsyncIterableIterator<T> {
    for await (const page of pages()) {
      yield* page;
    }
  }
  const iterator = items();
  return {
    next: () => iterator.next(),
    [Symbol.asyncIterator]() {
      return this;
    },
    byPage: (settings?: PageSettings) => pages(settings),
  };
}
