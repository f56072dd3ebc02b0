// Market data through the real gateway: what a strategy sees on the spot and the swap mount.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Bar, Depth, Funding, Markets, Ticker, Trade } from "@fmz-gateway/core";
import { type Harness, startHarness } from "./harness";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

describe("ticker", () => {
  it("answers the spot ticker from market/ticker", async () => {
    h.standin.setTicker("BTC-USDT", { last: "60000.5", bidPx: "60000.4", askPx: "60000.6" });
    const r = await h.spot.call<Ticker>("ticker", { symbol: "btc_usdt" });
    assert.equal(r.error, undefined);
    const t = r.data as Ticker;
    assert.equal(t.symbol, "BTC_USDT");
    assert.deepEqual([t.buy, t.sell, t.last], [60000.4, 60000.6, 60000.5]);
    assert.ok(t.time > 1e12, "time in ms");
    assert.ok(t.high >= t.low);
    const sent = h.requestsTo("GET", "/api/v5/market/ticker").at(-1);
    assert.equal(sent?.query, "instId=BTC-USDT");
  });
  it("reads a bare pair as the perpetual on the swap mount", async () => {
    const t = await h.swap.data<Ticker>("ticker", { symbol: "BTC_USDT" });
    assert.equal(t.symbol, "BTC_USDT");
    assert.equal(h.requestsTo("GET", "/api/v5/market/ticker").at(-1)?.query, "instId=BTC-USDT-SWAP");
    await h.spot.data<Ticker>("ticker", { symbol: "BTC_USD.swap" });
    assert.equal(h.requestsTo("GET", "/api/v5/market/ticker").at(-1)?.query, "instId=BTC-USD-SWAP");
  });
  it("carries OKX's error for an unknown instrument", async () => {
    const r = await h.spot.call("ticker", { symbol: "NOPE_USDT" });
    assert.equal(r.error, "OKX 51001: Instrument ID or Spread ID doesn't exist.");
  });
  it("answers a dated future by alias: the contract OKX lists as the quarter", async () => {
    const quarter = h.standin.futures().find((f) => f.instId.startsWith("BTC-USD-") && f.alias === "quarter");
    const t = await h.swap.data<{ symbol: string; last: number }>("ticker", { symbol: "BTC_USD.quarter" });
    assert.ok(quarter, "the stand-in lists a BTC-USD quarter");
    assert.equal(t.symbol, "BTC_USD.quarter");
    assert.ok(t.last > 0);
  });

  it("refuses an alias OKX does not list, naming what it lists", async () => {
    const r = await h.swap.call("ticker", { symbol: "BTC_USDT.this_month" });
    assert.match(
      r.error ?? "",
      /OKX does not list a this_month contract for BTC-USDT .*it lists this_week BTC-USDT-/,
    );
  });
});

describe("depth", () => {
  it("answers the requested number of levels, asks ascending, bids descending", async () => {
    const d = await h.spot.data<Depth>("depth", { symbol: "ETH_USDT", limit: 7 });
    assert.equal(d.asks.length, 7);
    assert.equal(d.bids.length, 7);
    for (let i = 1; i < 7; i++) {
      assert.ok(d.asks[i][0] > d.asks[i - 1][0]);
      assert.ok(d.bids[i][0] < d.bids[i - 1][0]);
    }
    assert.ok(d.bids[0][0] < d.asks[0][0]);
    assert.equal(h.requestsTo("GET", "/api/v5/market/books").at(-1)?.query, "instId=ETH-USDT&sz=7");
  });
  it("defaults to 20 levels on swaps", async () => {
    const d = await h.swap.data<Depth>("depth", { symbol: "ETH_USDT" });
    assert.equal(d.asks.length, 20);
    assert.equal(h.requestsTo("GET", "/api/v5/market/books").at(-1)?.query, "instId=ETH-USDT-SWAP&sz=20");
  });
});

describe("trades", () => {
  it("answers recent trades, oldest first, in ms", async () => {
    const list = await h.spot.data<Trade[]>("trades", { symbol: "BTC_USDT" });
    assert.ok(list.length > 0);
    for (let i = 1; i < list.length; i++) assert.ok(list[i].time >= list[i - 1].time);
    assert.ok(list.every((t) => (t.type === "buy" || t.type === "sell") && t.time > 1e12 && t.amount > 0));
  });
});

describe("records", () => {
  it("pages from candles into history-candles: exactly 500 one-minute bars, oldest first, continuous, in s", async () => {
    h.standin.clearRequests();
    const bars = await h.spot.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1, limit: 500 });
    assert.equal(bars.length, 500);
    for (let i = 1; i < bars.length; i++) assert.equal(bars[i][0] - bars[i - 1][0], 60);
    const nowS = Date.now() / 1000;
    assert.ok(
      bars[499][0] <= nowS && bars[499][0] > nowS - 120,
      "newest bar is the current minute, in seconds",
    );
    const recent = h.requestsTo("GET", "/api/v5/market/candles");
    const history = h.requestsTo("GET", "/api/v5/market/history-candles");
    assert.equal(recent.length, 1);
    assert.match(recent[0].query, /^instId=BTC-USDT&bar=1m&limit=300$/);
    assert.ok(history.length >= 1, "older bars come from history-candles");
    assert.match(history[0].query, /after=\d+&limit=200/);
  });
  it("maps the period in minutes to OKX bars and volume to the base currency on swaps", async () => {
    const hourly = await h.swap.data<Bar[]>("records", { symbol: "BTC_USDT", period: 60, limit: 5 });
    assert.equal(hourly.length, 5);
    assert.equal(hourly[1][0] - hourly[0][0], 3600);
    assert.match(
      h.requestsTo("GET", "/api/v5/market/candles").at(-1)?.query ?? "",
      /instId=BTC-USDT-SWAP&bar=1H/,
    );
    const daily = await h.spot.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1440, limit: 3 });
    assert.equal(daily[1][0] - daily[0][0], 86400);
    assert.equal(daily[0][0] % 86400, 0, "daily bars open at 00:00 UTC");
    assert.match(h.requestsTo("GET", "/api/v5/market/candles").at(-1)?.query ?? "", /bar=1Dutc/);
  });
  it("defaults to 100 bars and refuses a period OKX does not have", async () => {
    const bars = await h.spot.data<Bar[]>("records", { symbol: "BTC_USDT", period: 5 });
    assert.equal(bars.length, 100);
    const r = await h.spot.call("records", { symbol: "BTC_USDT", period: 7 });
    assert.match(r.error ?? "", /no 7-minute bars/);
  });
});

describe("markets and tickers", () => {
  it("lists spot instruments on the spot mount, from public/instruments, cached", async () => {
    h.standin.clearRequests();
    const m = await h.spot.data<Markets>("markets");
    const btc = m.BTC_USDT;
    assert.deepEqual(
      [
        btc.baseAsset,
        btc.quoteAsset,
        btc.tickSize,
        btc.amountSize,
        btc.pricePrecision,
        btc.amountPrecision,
        btc.minQty,
        btc.ctVal,
      ],
      ["BTC", "USDT", 0.1, 0.00000001, 1, 8, 0.00001, 1],
    );
    assert.ok(!Object.keys(m).some((k) => k.includes(".")));
    await h.spot.data<Markets>("markets");
    assert.equal(
      h.requestsTo("GET", "/api/v5/public/instruments").length,
      1,
      "the second call is served from the cache",
    );
  });
  it("lists swaps on the swap mount with contract values", async () => {
    const m = await h.swap.data<Markets>("markets");
    assert.deepEqual(Object.keys(m).sort(), ["BTC_USDT.swap", "BTC_USD.swap", "ETH_USDT.swap"].sort());
    const inv = m["BTC_USD.swap"];
    assert.deepEqual(
      [inv.baseAsset, inv.quoteAsset, inv.ctVal, inv.ctValCcy, inv.amountSize],
      ["BTC", "USD", 100, "USD", 1],
    );
  });
  it("answers every ticker of the mount's market", async () => {
    const spot = await h.spot.data<Ticker[]>("tickers");
    assert.ok(spot.some((t) => t.symbol === "BTC_USDT") && spot.every((t) => !t.symbol.includes(".")));
    const swaps = await h.swap.data<Ticker[]>("tickers");
    assert.deepEqual(
      swaps.map((t) => t.symbol).sort(),
      ["BTC_USDT.swap", "BTC_USD.swap", "ETH_USDT.swap"].sort(),
    );
  });
});

describe("fundings", () => {
  it("answers rate, interval from the funding times, and the next funding time", async () => {
    const [f] = await h.swap.data<Funding[]>("fundings", { symbol: "BTC_USDT" });
    assert.equal(f.symbol, "BTC_USDT");
    assert.equal(f.interval, 8 * 3_600_000);
    assert.ok(f.time > Date.now() && f.time <= Date.now() + 8 * 3_600_000);
    assert.equal(typeof f.rate, "number");
  });
  it("covers a range with instId=ANY", async () => {
    const list = await h.swap.data<Funding[]>("fundings", { symbol: "USDT.swap" });
    assert.deepEqual(list.map((f) => f.symbol).sort(), ["BTC_USDT.swap", "ETH_USDT.swap"]);
    assert.equal(h.requestsTo("GET", "/api/v5/public/funding-rate").at(-1)?.query, "instId=ANY");
  });
  it("is not supported on a spot pair", async () => {
    const r = await h.spot.call("fundings", { symbol: "BTC_USDT" });
    assert.match(r.error ?? "", /^not supported: fundings on spot/);
  });
});
