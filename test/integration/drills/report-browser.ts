// Opens a drill report in headless Chromium and records every request the page makes (a self-contained report makes
// exactly one: itself).
import type { Page } from "playwright-core";
import { launchChromium } from "../../support/chromium";

export interface OpenedReport {
  page: Page;
  requests: string[];
  close(): Promise<void>;
}

export async function openReport(url: string, headers: Record<string, string>): Promise<OpenedReport> {
  const browser = await launchChromium({ profilePrefix: "standby-report-", extraHTTPHeaders: headers });
  try {
    const requests: string[] = [];
    browser.page.on("request", (request) => requests.push(request.url()));
    const response = await browser.page.goto(url, { waitUntil: "load" });
    if (response?.status() !== 200) throw new Error(`the report answered ${response?.status()}`);
    return { page: browser.page, requests, close: browser.close };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
