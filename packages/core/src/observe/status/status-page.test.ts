import "reflect-metadata";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import type { BrowserContext } from "playwright-core";
import { Gateway } from "../../host/gateway";
import { createLogger } from "../../logging/logger";
import { VERSION } from "../../version";
import { launchChromium, NEEDS_CHROMIUM } from "../test-support/chromium";
import { ACCESS, PASSPHRASE, SECRET, fmzCall, startUpstream } from "../test-support/observed-exchange";
import "../test-support/paged-exchange";

const OUTPUT = path.resolve(__dirname, "../../../test-output");
const OPTION_SECRET = "proxy-pass-5e6f7a8b9c";

describe("the status page in a browser", NEEDS_CHROMIUM, () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let gw: Gateway;
  let browser: BrowserContext;
  let profile: string;

  before(async () => {
    upstream = await startUpstream();
    gw = await Gateway.start({
      port: 0,
      exchanges: {
        OKX_SPOT: { adapter: "OBSERVED", options: { baseUrl: upstream.url, proxyPassword: OPTION_SECRET } },
        PAGED: { adapter: "PAGED" },
      },
      logger: createLogger({ level: "error", stream: new PassThrough() }),
    });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-status-chromium-"));
    // A fresh profile per run: nothing from an earlier run (cache, storage) can make the test pass.
    browser = await launchChromium(profile);
  });
  after(async () => {
    await browser?.close();
    await gw?.close();
    await upstream?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  test("shows calls, errors as errors, mounts, limits and streams, and never a secret", async () => {
    const base = gw.url;
    for (let i = 0; i < 3; i++) await fmzCall(base, "OKX_SPOT", "ticker", { symbol: "BTC_USDT" });
    await fmzCall(base, "OKX_SPOT", "ticker", { symbol: "ERR_USDT" });
    const leak = await fmzCall(base, "OKX_SPOT", "ticker", { symbol: "LEAK_USDT" });
    assert.equal(leak.error, "OBSERVED 401: signature mismatch for ***");
    await fmzCall(base, "OKX_SPOT", "order", { id: "BTC-USDT,1234567" });
    await fmzCall(base, "OKX_SPOT", "depth", { symbol: "BTC_USDT" });
    await fmzCall(base, "OKX_SPOT", "depth", { symbol: "BTC_USDT" });
    await Promise.all([1, 2].map(() => fmzCall(base, "OKX_SPOT", "trades", { symbol: "BTC_USDT" })));

    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(base)) foreign.push(r.url());
    });
    await page.goto(`${base}/`);
    await page.locator("#recent", { hasText: "OBSERVED 50001" }).waitFor();

    const recent = page.locator("#recent tbody tr");
    assert.equal(await recent.count(), 10);
    const errorRow = recent.filter({ hasText: "OBSERVED 50001" });
    assert.equal(await errorRow.locator(".badge.err").innerText(), "exchange");
    assert.match(
      await errorRow.innerText(),
      /OKX_SPOT\s+ticker\s+exchange\s*OBSERVED 50001: service temporarily/,
    );
    assert.match(await errorRow.innerText(), /AK-f…7890/, "the access key, shortened");
    assert.equal(await recent.locator(".badge.ok").count(), 7);
    assert.equal(await recent.filter({ hasText: "rate-limited" }).count(), 1);

    const tickerRow = page.locator("#calls tbody tr", { hasText: "ticker" });
    const cells = await tickerRow.locator("td").allInnerTexts();
    assert.deepEqual(
      cells.slice(0, 4),
      ["OKX_SPOT", "ticker", "5", "2"],
      "calls and errors in the last 5 min",
    );
    assert.deepEqual(cells.slice(6, 8), ["5", "2"], "and in the last 60 min");
    assert.match(cells[4], /^\d/, "p50 ms");

    assert.equal(await page.locator("#version").innerText(), `v${VERSION}`);
    assert.match(await page.locator("#uptime").innerText(), /^\d+ (s|min|h|d)\b/, "uptime");

    const mounts = await page.locator("#mounts tbody").innerText();
    assert.match(mounts, /OKX_SPOT\s+OBSERVED/);
    assert.match(mounts, /proxyPassword=\*\*\*/);
    assert.match(mounts, /1 live\s+1 down/);
    const limits = await page.locator("#limits tbody").innerText();
    assert.match(limits, /OKX_SPOT\s+depth\s+0\s+0\.00\s+1/, "a refusal");
    assert.match(limits, /OKX_SPOT\s+trades\s+1\s+0\.\d\d\s+0/, "a wait");
    assert.match(await page.locator("#upstream tbody").innerText(), /\/api\/orders\/\{id\}/);
    assert.match(await page.locator("#streams tbody").innerText(), /tickers\s+ETH-USDT\s+down/);

    // It updates itself: a call made after the page loaded appears without a reload.
    await fmzCall(base, "OKX_SPOT", "markets", {});
    await page.locator("#recent", { hasText: "not supported" }).waitFor();
    assert.equal(await page.locator("#state").getAttribute("class"), "dot up");
    assert.match(await page.locator("#updated").innerText(), /^updated \d\d:\d\d:\d\d\.\d{3}$/);
    // A gateway that stops answering shows as such, with the reason, until it answers again.
    await page.route("**/status.json", (r) => r.abort());
    await page.locator("#updated", { hasText: /^gateway unreachable \(.+\)$/ }).waitFor();
    assert.equal(await page.locator("#state").getAttribute("class"), "dot down");
    await page.unroute("**/status.json");
    await page.locator("#updated", { hasText: /^updated / }).waitFor();

    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, "status.png"), fullPage: true });

    const html = await page.content();
    const json = await (await fetch(`${base}/status.json`)).text();
    for (const [what, text] of [
      ["page", html],
      ["status.json", json],
    ])
      for (const secret of [SECRET, PASSPHRASE, ACCESS, OPTION_SECRET])
        assert.ok(!text.includes(secret), `${what} holds ${secret.slice(0, 6)}…`);
    assert.deepEqual(foreign, [], "the page loads nothing from elsewhere");
    await page.close();
  });

  test("a 'not supported' answer is shown in a neutral colour and counted apart from errors", async () => {
    // OBSERVED has no getTickers: the base answers "not supported", a normal answer, not a failure.
    for (let i = 0; i < 2; i++)
      assert.match((await fmzCall(gw.url, "OKX_SPOT", "tickers", {})).error ?? "", /^not supported/);
    const page = await browser.newPage();
    await page.goto(`${gw.url}/`);
    const row = page.locator("#recent tbody tr", { hasText: "tickers" }).first();
    await row.waitFor();
    assert.equal(await row.locator(".badge.err").count(), 0, "not an error badge");
    const badge = row.locator(".badge.neutral");
    assert.equal(await badge.innerText(), "not-supported");
    // Run in the page (a string: this package compiles without the DOM's types).
    const colours = (await page.evaluate(`(() => {
        const own = document.querySelector("#recent .badge.neutral");
        const probe = document.createElement("span");
        probe.className = "badge err";
        document.body.appendChild(probe);
        const err = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return { own: getComputedStyle(own).backgroundColor, err };
      })()`)) as { own: string; err: string };
    assert.notEqual(colours.own, colours.err, "a neutral colour, not the error colour");
    assert.equal(await row.locator(".errtext").count(), 0, "its text is not in the error colour");

    const calls = page.locator("#calls tbody tr", { hasText: "tickers" });
    const cells = await calls.locator("td").allInnerTexts();
    assert.equal(cells[2], "2", "two calls");
    assert.match(cells[3], /^0\s*2 not supported$/, "no errors; two answered not supported");
    assert.equal(await calls.locator("td.bad").count(), 0);

    const status = (await (await fetch(`${gw.url}/status.json`)).json()) as {
      calls: { method: string; last5m: { errors: number; unsupported?: number } }[];
    };
    const tickers = status.calls.find((c) => c.method === "tickers");
    assert.deepEqual([tickers?.last5m.errors, tickers?.last5m.unsupported], [0, 2]);
    await page.close();
  });

  test("links the page a mount's adapter serves, and none for a mount without one", async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(gw.url)) foreign.push(r.url());
    });
    await page.goto(`${gw.url}/`);
    const paged = page.locator("#mounts tbody tr", { hasText: "PAGED" });
    const link = paged.locator("a.pagelink");
    await link.waitFor();
    assert.equal(await link.innerText(), "test page");
    assert.equal(await link.getAttribute("href"), "mounts/PAGED/");
    const plain = page.locator("#mounts tbody tr", { hasText: "OKX_SPOT" });
    assert.equal(await plain.locator("a").count(), 0, "no link for a mount without a page");

    // The page runs its own script under the same CSP and reads its JSON; its link leads back.
    await link.click();
    await page.waitForURL(`${gw.url}/mounts/PAGED/`);
    await page.locator("#reads", { hasText: /^reads \d+ of PAGED$/ }).waitFor();
    await page.locator("#back").click();
    await page.waitForURL(`${gw.url}/`);
    assert.deepEqual(foreign, [], "nothing from elsewhere");
    await page.close();
  });
});
