// Debian's headless Chromium through playwright-core, with a fresh profile per browser, recording every response
// the pages get so a test can tell which data calls were made and how they were answered.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

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
  const profile = mkdtempSync(join(tmpdir(), "standby-dashboard-profile-"));
  let context: BrowserContext | undefined;
  try {
    // playwright passes the fresh profile as --user-data-dir.
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    const page = context.pages()[0] ?? (await context.newPage());
    const responses: SeenResponse[] = [];
    const consoleErrors: string[] = [];
    page.on("response", (response) => {
      responses.push({ url: response.url(), status: response.status(), keyed: response.request().headers()["x-functions-key"] !== undefined });
    });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    const opened = context;
    return {
      page,
      responses,
      consoleErrors,
      close: async () => {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
