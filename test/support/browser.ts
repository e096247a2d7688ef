import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; `playwright install` is never run, so no bundled browser exists. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave their screenshots (test/.tmp is ignored by vitest and git). */
export const screenshotDir = path.resolve('test/.tmp/screenshots');

/**
 * One headless Chromium for a whole test file; each test opens its own context (a fresh cookie
 * jar), which is much cheaper than a browser per test. Playwright gives every launch a new,
 * temporary profile directory, so nothing carries over from a previous run.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The path for a screenshot named `name`, its folder created. */
export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, `${name}.png`);
}
