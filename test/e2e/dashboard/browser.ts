// The dashboard in headless Chromium, recording every response the pages get so a test can tell which data calls
// were made and how they were answered, and every error the page logs.
import type { Page } from "playwright-core";
import { launchChromium } from "../../support/chromium";

export interface SeenResponse {
  url: string;
  status: number;
  /** Whether the request carried a function key. */
  keyed: boolean;
}

export interface Browser {
  page: Page;
  responses: SeenResponse[];
  /** Messages the page logged as errors, and CSP violations: a clean page has none. */
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const { page, close } = await launchChromium({ profilePrefix: "standby-dashboard-profile-", viewport: { width: 1280, height: 900 } });
  const responses: SeenResponse[] = [];
  const consoleErrors: string[] = [];
  page.on("response", (response) => {
    responses.push({ url: response.url(), status: response.status(), keyed: response.request().headers()["x-functions-key"] !== undefined });
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  return { page, responses, consoleErrors, close };
}
