// The account page at /mounts/<mount>/ in a real browser, fed by a real gateway with a paper mount on
// the simulated market: an account named only by its label, a fill and the new balance appearing while
// the page stays open, and an equity line drawn in plain SVG; and data.json holding nothing of the key.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { shownKey } from "@fmz-gateway/core";
import { waitFor } from "@fmz-gateway/testkit";
import type { BrowserContext } from "playwright-core";
import type { PageData } from "../page/account-data";
import { launchChromium, NEEDS_CHROMIUM } from "./chromium";
import { type Harness, startHarness } from "./harness";

const OUTPUT = path.resolve(__dirname, "../../test-output");
/** Distinctive, so that finding it anywhere in the page or its data is unambiguous. */
const KEY = "AK-paper-page-7f3e9a1c5b2d4e6f";
const OTHER_KEY = "AK-paper-page-other-0d9c8b7a";

async function data(h: Harness, mount = "SIM"): Promise<{ text: string; json: PageData }> {
  const text = await (await fetch(`${h.gateway.url}/mounts/${mount}/data.json`)).text();
  return { text, json: JSON.parse(text) as PageData };
}

/** How many points of an account's equity are stored (data.json's series ends with the value now). */
async function storedPoints(h: Harness, key: string): Promise<number> {
  const mine = (await data(h)).json.accounts.find((a) => a.label === shownKey(key));
  return (mine?.equity.points.length ?? 1) - 1;
}

/**
 * Returns once the sampler has made a pass after this call: another account trades, and its point
 * appears. A test can then say what that pass did not do, without sleeping.
 */
async function samplerPass(h: Harness): Promise<void> {
  const witness = "AK-paper-page-witness";
  const before = await storedPoints(h, witness);
  await h.spot
    .with({ accessKey: witness })
    .data("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "20" });
  await waitFor(async () => (await storedPoints(h, witness)) > before, { what: "a sampler pass" });
}

/** How many points a path's `d` draws (`M x y L x y …`). */
function drawnPoints(d: string | null): number {
  return (d ?? "").match(/[ML]/g)?.length ?? 0;
}

describe("the paper account page", () => {
  let h: Harness;

  before(async () => {
    // A quick upkeep timer: the equity sampler runs from it.
    h = await startHarness({}, { checkIntervalMs: 50 });
  });
  after(async () => {
    await h?.close();
  });

  test("data.json names an account by its label only: no key hash, nothing of the Access Key", async () => {
    const c = h.spot.with({ accessKey: OTHER_KEY });
    await c.data("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "50" });
    const res = await fetch(`${h.gateway.url}/mounts/SIM/data.json`);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.match(res.headers.get("content-security-policy") ?? "", /^default-src 'self'/);
    const text = await res.text();
    const json = JSON.parse(text) as PageData;
    const account = json.accounts.find((a) => a.label === shownKey(OTHER_KEY));
    assert.ok(account, "the account, by its label");
    assert.match(account.label, /^key:[0-9a-f]{8}$/);
    assert.equal(account.fills.length, 1);
    assert.equal(json.currency, "USDT");

    const db = new Database(path.join(h.dir, "paper.db"), { readonly: true });
    const hashes = (db.prepare("SELECT key_hash FROM accounts").all() as { key_hash: string }[]).map(
      (r) => r.key_hash,
    );
    db.close();
    assert.ok(hashes.length > 0);
    const sha = createHash("sha256").update(OTHER_KEY).digest("hex");
    for (const [what, needle] of [
      ["the word key_hash", "key_hash"],
      ["the Access Key", OTHER_KEY],
      ["the key's full SHA-256", sha],
      ...hashes.map((k) => ["a stored key hash", k]),
    ])
      assert.ok(!text.includes(needle), `data.json holds ${what}`);
  });

  test("equity gets a point on a fill, and once a minute while the value moves with the market", async () => {
    const key = "AK-paper-page-sampler-1";
    const c = h.spot.with({ accessKey: key });
    await c.data("accounts");
    await waitFor(async () => (await storedPoints(h, key)) === 1, { what: "the new account's first point" });

    await c.data("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "100" });
    await waitFor(async () => (await storedPoints(h, key)) === 2, { what: "a point for the fill" });

    // Holding BTC, its value moves: a point a minute on the market's clock, none sooner.
    h.clock.now += 30_000;
    await samplerPass(h);
    assert.equal(await storedPoints(h, key), 2, "not within the minute");
    h.clock.now += 31_000;
    await waitFor(async () => (await storedPoints(h, key)) === 3, { what: "a point once the minute passed" });

    // A currency with no pair in USDT is left out of the value, and the page says so.
    await c.io("POST", "/paper/deposit", "currency=XYZ&amount=5");
    const { json } = await data(h);
    const mine = json.accounts.find((a) => a.label === shownKey(key));
    assert.deepEqual(mine?.equity.leftOut, ["XYZ (no XYZ_USDT price)"]);
    const [usdt, btc] = ["USDT", "BTC"].map((ccy) => mine?.balances.find((b) => b.currency === ccy));
    assert.ok(usdt && btc && Number(btc.free) > 0);
    const now = mine?.equity.points.at(-1);
    assert.equal(now?.time, json.now, "the last point is the value now");
  });

  test("an account that only holds the main currency gets no point while nothing happens", async () => {
    const key = "AK-paper-page-idle-2";
    await h.spot.with({ accessKey: key }).data("accounts");
    await waitFor(async () => (await storedPoints(h, key)) === 1, { what: "its first point" });
    h.clock.now += 120_000;
    await samplerPass(h);
    assert.equal(await storedPoints(h, key), 1);
  });
});

describe("the paper account page in a browser", NEEDS_CHROMIUM, () => {
  let h: Harness;
  let browser: BrowserContext;
  let profile: string;

  before(async () => {
    h = await startHarness({}, { checkIntervalMs: 50 });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "paper-page-chromium-"));
    browser = await launchChromium(profile);
  });
  after(async () => {
    await browser?.close();
    await h?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  test("shows the account by its label, then a fill, the new balance and a drawn equity line without a reload", async () => {
    const base = h.gateway.url;
    const c = h.spot.with({ accessKey: KEY });
    const label = shownKey(KEY);
    // A resting limit order far below the market: open, not filled.
    await c.data("trade", { symbol: "BTC_USDT", type: "buy", price: "1000", amount: "0.01" });

    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(base)) foreign.push(r.url());
    });
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(`${base}/mounts/SIM/`);
    const section = page.locator(`section.account[data-label="${label}"]`);
    await section.waitFor();
    assert.equal(await section.locator("h2 .label").innerText(), label);
    assert.match(label, /^key:[0-9a-f]{8}$/);
    await section.locator("table.orders tbody tr", { hasText: "BTC_USDT" }).waitFor();
    assert.equal(await section.locator("table.fills td.empty").innerText(), "no fills yet");
    assert.equal(await section.locator("table.balances tbody tr", { hasText: "BTC" }).count(), 0);

    // The market moves on, and the robot buys at the market while the page stays open.
    h.clock.now += 60_000;
    await c.data("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "100" });
    const fill = section.locator("table.fills tbody tr", { hasText: "BTC_USDT" });
    await fill.waitFor();
    assert.match(await fill.innerText(), /BTC_USDT\s+buy/);
    await section.locator("table.balances tbody tr", { hasText: "BTC" }).waitFor();

    const line = section.locator("svg.equity path.line");
    await waitFor(async () => drawnPoints(await line.getAttribute("d")) >= 3, {
      what: "an equity line through the first point, the fill's and now",
    });
    assert.equal(loads, 1, "never reloaded");
    assert.equal(await page.locator("#state").getAttribute("class"), "dot up");
    assert.match(
      await page.locator("#updated").innerText(),
      /^updated \d\d:\d\d:\d\d · market time \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
    assert.match(await section.locator("h2 .worth").innerText(), /^[\d,]+\.\d\d USDT$/);

    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, "account-page.png"), fullPage: true });

    const html = await page.content();
    const { text } = await data(h);
    for (const [what, t] of [
      ["the page", html],
      ["data.json", text],
    ])
      assert.ok(!t.includes(KEY), `${what} holds the Access Key`);
    assert.deepEqual(foreign, [], "the page loads nothing from elsewhere");

    // The status page links the paper page, and the paper page links back.
    await page.goto(`${base}/`);
    const link = page.locator('#mounts a.pagelink[href="mounts/SIM/"]');
    await link.waitFor();
    assert.equal(await link.innerText(), "paper accounts");
    await link.click();
    await page.waitForURL(`${base}/mounts/SIM/`);
    await section.waitFor();
    await page.locator('header a[href="../../"]').click();
    await page.waitForURL(`${base}/`);
    await page.close();
  });
});
