// Opens a drill report in Debian's headless Chromium through playwright-core, with a fresh profile each time, and
// records every request the page makes (a self-contained report makes exactly one: itself).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

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

export interface OpenedReport {
  page: Page;
  requests: string[];
  close(): Promise<void>;
}

export async function openReport(url: string, headers: Record<string, string>): Promise<OpenedReport> {
  const profile = mkdtempSync(join(tmpdir(), "standby-report-"));
  let context: BrowserContext | undefined;
  try {
    // playwright passes the fresh profile as --user-data-dir.
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, extraHTTPHeaders: headers });
    const page = context.pages()[0] ?? (await context.newPage());
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    const response = await page.goto(url, { waitUntil: "load" });
    if (response?.status() !== 200) throw new Error(`the report answered ${response?.status()}`);
    const opened = context;
    return {
      page,
      requests,
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
