import "reflect-metadata";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, test } from "node:test";
import { NEEDS_CHROMIUM, launchChromium } from "../observe/test-support/chromium";
import type { Gateway } from "../host/gateway";
import { runCli } from "./run-cli";

/**
 * The user's first step: `npm start`, then open the status page the banner names. With the defaults
 * (API on 6666, which browsers refuse with ERR_UNSAFE_PORT) the banner must name a port a browser opens
 * as it comes: Chromium is started with no flag that unblocks ports.
 */
/**
 * `fmz-gateway` as `npm start` runs it: no --port, so 6666 and the page on 6680. Where something on this
 * machine already holds one of them (a developer's own gateway), the API goes to another port browsers
 * refuse, and the page to a free one: the banner must still name a page the browser opens.
 */
async function startAsUser(): Promise<{ gw: Gateway; out: string[]; defaults: boolean }> {
  const attempts = [[], ...[6665, 6667, 6668, 6669].map((p) => ["--port", String(p), "--status-port", "0"])];
  let last: unknown;
  for (const flags of attempts) {
    const out: string[] = [];
    try {
      const gw = await runCli(["--log-level", "error", ...flags], {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        logStream: new PassThrough(),
      });
      assert.ok(gw);
      return { gw, out, defaults: flags.length === 0 };
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

describe("the status page at the URL the banner prints", NEEDS_CHROMIUM, () => {
  let gw: Gateway | undefined;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-banner-chromium-"));
  after(async () => {
    await gw?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  test("with default ports, Chromium opens the printed status page; the API's 6666 is the one it refuses", async () => {
    const started = await startAsUser();
    gw = started.gw;
    const banner = started.out.join("\n");
    const printed = /status page (http:\/\/\S+\/)/.exec(banner)?.[1];
    assert.ok(printed, `the banner names the status page:\n${banner}`);
    if (started.defaults) {
      assert.equal(gw.address.port, 6666);
      assert.equal(new URL(printed).port, "6680");
    } else {
      assert.notEqual(new URL(printed).port, String(gw.address.port), "the page has a port of its own");
    }

    const browser = await launchChromium(profile);
    try {
      const page = await browser.newPage();
      const res = await page.goto(printed);
      assert.equal(res?.status(), 200);
      // The page's script fetched /status.json from its own origin and drew the mounts' table.
      await page.locator("body", { hasText: "fmz-gateway" }).first().waitFor();
      const status = await page.evaluate(async () => (await fetch("/status.json")).status);
      assert.equal(status, 200);
      // The reason for the second port: the browser refuses the API's own.
      await assert.rejects(page.goto(gw.url + "/"), /ERR_UNSAFE_PORT/);
    } finally {
      await browser.close();
    }
  });
});
