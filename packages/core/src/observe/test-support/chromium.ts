import fs from "node:fs";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's chromium, which the CI script installs; playwright-core brings no browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";

/** A `describe` option that skips the suite, saying why, where the browser is missing. */
export const NEEDS_CHROMIUM = { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} is not installed` };

/**
 * Headless Chromium on a fresh profile folder, so nothing from an earlier run (cache, storage) can make a
 * test pass. The flags keep it off the network this machine does not have; none of them unblocks ports.
 */
export function launchChromium(
  profile: string,
  viewport = { width: 1360, height: 900 },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport,
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
