import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Bar, Depth, Markets, Ticker, Trade } from "@fmz-gateway/core";
import type { DockerClient } from "@fmz-gateway/testkit";
import type { DemoServer } from "./standin/server";
import { type DemoEnvironment, startDemoEnvironment } from "./test-support/demo-environment";

describe("DEMOEX market data through the gateway", () => {
  let env: DemoEnvironment;
  let client: DockerClient;
  let standin: DemoServer;
  before(async () => {
    env = await startDemoEnvironment();
    client = env.client.with({ accessKey: "", secretKey: "" }); // public methods need no keys
    standin = env.standin;
  });
  after(() => env.close());

  it("ticker: the stand-in's book and tape, numbers, time in ms, raw attached", async () => {
    const r = await client.call<Ticker>("ticker", { symbol: "btc_usdt" });
    assert.equal(r.status, 200);
    const { time, ...rest } = r.data as Ticker;
    const tape = standin.market.trades("BTC-USDT");
    assert.deepEqual(rest, {
      symbol: "BTC_USDT",
      buy: 59999.5,
      sell: 60000.5,
      high: 61800,
      low: 58200,
      open: 58800,
      last: Number(tape[tape.length - 1].price),
      vol: 154.25,
    });
    assert.ok(time > 1e12, "milliseconds");
    assert.equal((r.raw as { bid: string }).bid, "59999.5", "DEMOEX's own answer rides along as raw");
  });

  it("depth: exactly the limit asked, asks ascending, bids descending, capped at DEMOEX's 50", async () => {
    const d = await client.data<Depth>("depth", { symbol: "BTC_USDT", limit: 3 });
    assert.deepEqual(d.asks, [
      [60000.5, 0.125],
      [60001, 0.25],
      [60001.5, 0.375],
    ]);
    assert.deepEqual(d.bids, [
      [59999.5, 0.125],
      [59999, 0.25],
      [59998.5, 0.375],
    ]);
    assert.equal((await client.data<Depth>("depth", { symbol: "BTC_USDT" })).asks.length, 20, "default");
    assert.equal(
      (await client.data<Depth>("depth", { symbol: "BTC_USDT", limit: 0 })).bids.length,
      20,
      "0 = default",
    );
    assert.equal((await client.data<Depth>("depth", { symbol: "BTC_USDT", limit: 500 })).asks.length, 50);
  });

  it("trades: the stand-in's tape, oldest first", async () => {
    const trades = await client.data<Trade[]>("trades", { symbol: "ETH_USDT" });
    const tape = standin.market.trades("ETH-USDT");
    assert.equal(trades.length, tape.length);
    assert.deepEqual(
      trades,
      tape.map((t) => ({
        id: t.id,
        time: t.ts,
        price: Number(t.price),
        amount: Number(t.qty),
        type: t.side,
      })),
    );
  });

  it("records: 150 one-minute bars paged from 100-bar calls, oldest first, in seconds, exact", async () => {
    const bars = await client.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1, limit: 150 });
    assert.equal(bars.length, 150);
    for (let i = 1; i < bars.length; i++) assert.equal(bars[i][0] - bars[i - 1][0], 60, `bar ${i} follows`);
    for (const bar of [bars[0], bars[99], bars[100], bars[149]]) {
      const c = standin.market.candle("BTC-USDT", 60_000, bar[0] * 1000);
      assert.deepEqual(bar, [c[0] / 1000, ...c.slice(1).map(Number)]);
    }
  });

  it("records: hour bars, the default count, and a period DEMOEX lacks", async () => {
    const hours = await client.data<Bar[]>("records", { symbol: "ETH_USDT", period: 60, limit: 5 });
    assert.equal(hours.length, 5);
    assert.ok(hours.every((b, i) => i === 0 || b[0] - hours[i - 1][0] === 3600));
    assert.equal((await client.data<Bar[]>("records", { symbol: "ETH_USDT", period: 5 })).length, 100);
    const r = await client.call("records", { symbol: "ETH_USDT", period: 7, limit: 5 });
    assert.equal(r.error, "DEMOEX has no 7-minute bars (periods: 1, 5, 15, 30, 60, 240, 1440 minutes)");
  });

  it("markets: every instrument keyed by FMZ symbol, sizes and precisions from DEMOEX's steps", async () => {
    const markets = await client.data<Markets>("markets");
    assert.deepEqual(Object.keys(markets).sort(), ["BTC_USDT", "DOGE_USDT", "ETH_USDT"]);
    assert.deepEqual(markets.BTC_USDT, {
      symbol: "BTC_USDT",
      baseAsset: "BTC",
      quoteAsset: "USDT",
      tickSize: 0.1,
      amountSize: 0.0001,
      pricePrecision: 1,
      amountPrecision: 4,
      minQty: 0.0001,
      maxQty: 100,
      minNotional: 5,
      maxNotional: 5000000,
      ctVal: 1,
      ctValCcy: "BTC",
    });
    assert.equal(markets.DOGE_USDT.amountSize, 1);
    assert.equal(markets.DOGE_USDT.amountPrecision, 0);
    assert.equal(markets.DOGE_USDT.pricePrecision, 5);
  });

  it("tickers: one per instrument", async () => {
    const tickers = await client.data<Ticker[]>("tickers");
    assert.deepEqual(
      tickers.map((t) => [t.symbol, t.buy, t.sell]),
      [
        ["BTC_USDT", 59999.5, 60000.5],
        ["ETH_USDT", 2999.95, 3000.05],
        ["DOGE_USDT", 0.14995, 0.15005],
      ],
    );
  });

  it("refuses what DEMOEX does not trade, naming what it does", async () => {
    assert.equal(
      (await client.call("ticker", { symbol: "BTC_USDT.swap" })).error,
      "DEMOEX trades spot only: use BTC_USDT, not BTC_USDT.swap",
    );
    assert.equal(
      (await client.call("ticker", { symbol: "XRP_USDT" })).error,
      "DEMOEX 10002: unknown symbol XRP-USDT",
    );
  });

  it("DEMOEX's rate limit and a garbage answer become clear errors", async () => {
    standin.injectFault("GET /api/v1/ticker", "rate-limit");
    assert.equal(
      (await client.call("ticker", { symbol: "BTC_USDT" })).error,
      "DEMOEX 42900: too many requests",
    );
    standin.injectFault("GET /api/v1/ticker", "garbage");
    assert.equal(
      (await client.call("ticker", { symbol: "BTC_USDT" })).error,
      "DEMOEX HTTP 502: unreadable response (not JSON): <html><body>502 Bad Gateway</body></html>",
    );
    assert.ok((await client.call("ticker", { symbol: "BTC_USDT" })).data, "and the next call is fine");
  });
});
