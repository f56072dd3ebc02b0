// Headless Chromium for the account page test. Core's launcher (core/src/observe/test-support/chromium.ts)
// is not part of core's published surface, so this package keeps the same few lines: the same browser,
// a fresh profile per run, and flags that keep it off the network.
import fs from "node:fs";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's chromium, which the CI script installs; playwright-core brings no browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";

/** A `describe` option that skips the suite, saying why, where the browser is missing. */
export const NEEDS_CHROMIUM = { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} is not installed` };

export function launchChromium(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: { width: 1360, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
