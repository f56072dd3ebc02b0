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
describe("the status page at the URL the banner prints", NEEDS_CHROMIUM, () => {
  let gw: Gateway | undefined;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-banner-chromium-"));
  after(async () => {
    await gw?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  test("with default ports, Chromium opens the printed status page; the API's 6666 is the one it refuses", async () => {
    const out: string[] = [];
    // No --port: the defaults a user gets from `npm start`.
    gw = await runCli(["--log-level", "error"], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      logStream: new PassThrough(),
    });
    assert.ok(gw);
    assert.equal(gw.address.port, 6666);
    const banner = out.join("\n");
    const printed = /status page (http:\/\/\S+\/)/.exec(banner)?.[1];
    assert.ok(printed, `the banner names the status page:\n${banner}`);
    assert.equal(new URL(printed).port, "6680");

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
