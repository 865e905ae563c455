// Debian's headless Chromium through playwright-core (`npx playwright install` cannot download a browser here), with
// a fresh profile per launch that is removed on close, so no test sees another's cookies or cache.
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

export interface LaunchedChromium {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

export interface ChromiumOptions {
  /** Names the temporary profile folder, to tell leftovers apart. */
  profilePrefix: string;
  viewport?: { width: number; height: number };
  extraHTTPHeaders?: Record<string, string>;
}

export async function launchChromium(options: ChromiumOptions): Promise<LaunchedChromium> {
  const profile = mkdtempSync(join(tmpdir(), options.profilePrefix));
  const removeProfile = (): void => rmSync(profile, { recursive: true, force: true });
  let context: BrowserContext | undefined;
  try {
    // playwright passes the fresh profile as --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      ...(options.viewport ? { viewport: options.viewport } : {}),
      ...(options.extraHTTPHeaders ? { extraHTTPHeaders: options.extraHTTPHeaders } : {}),
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const opened = context;
    return {
      context: opened,
      page,
      close: async () => {
        await opened.close();
        removeProfile();
      },
    };
  } catch (error) {
    await context?.close();
    removeProfile();
    throw error;
  }
}
