// Market data from OKX's websockets through the real gateway, against the stand-in's websocket: after
// warm-up no REST request, every answer the stand-in's true state; one subscription for many robots.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Bar, Depth, Ticker, Trade } from "@fmz-gateway/core";
import { DockerClient } from "@fmz-gateway/testkit";
import { type Harness, startHarness } from "./harness";
import {
  FAST_STREAMS,
  gatewayMarketRequests,
  servedLog,
  streamsOf,
  tickerFields,
  trueBars,
  trueBook,
  trueTicker,
  waitFor,
  waitLive,
} from "./streams-support";

let h: Harness;
before(async () => {
  h = await startHarness({ enforceRateLimits: false }, undefined, FAST_STREAMS);
});
after(async () => {
  await h.close();
});

/** Moves BTC-USDT and waits until the gateway's ticker shows it (the push is on its way, not instant). */
async function move(last: number): Promise<void> {
  h.standin.setTicker("BTC-USDT", {
    last: String(last),
    bidPx: String(last - 0.1),
    askPx: String(last + 0.1),
  });
  await waitFor(async () => (await h.spot.data<Ticker>("ticker", { symbol: "BTC_USDT" })).last === last);
}

describe("streams: ticker, depth, records", () => {
  it("after warm-up, 200 calls make no REST market request and each equals the stand-in's state", async () => {
    const first = gatewayMarketRequests(h);
    await h.spot.data("ticker", { symbol: "BTC_USDT" });
    await h.spot.data("depth", { symbol: "BTC_USDT", limit: 400 });
    await h.spot.data("records", { symbol: "BTC_USDT", period: 1 });
    assert.ok(gatewayMarketRequests(h) > first, "the first calls are answered by REST");
    await waitLive(h, "tickers", "BTC-USDT");
    await waitLive(h, "books", "BTC-USDT");
    await waitLive(h, "candle1m", "BTC-USDT");
    await move(61000);

    const before = gatewayMarketRequests(h);
    const served = servedLog(h);
    for (let i = 0; i < 200; i++) {
      const kind = i % 3;
      if (i % 30 === 29) await move(61000 + i);
      if (kind === 0) {
        const t = await h.spot.data<Ticker>("ticker", { symbol: "BTC_USDT" });
        assert.deepEqual(tickerFields(t), await trueTicker(h, "BTC-USDT"), `ticker #${i}`);
      } else if (kind === 1) {
        const limit = i % 2 === 0 ? 400 : 20;
        const d = await h.spot.data<Depth>("depth", { symbol: "BTC_USDT", limit });
        const truthBook = await trueBook(h, "BTC-USDT", limit);
        assert.deepEqual({ asks: d.asks, bids: d.bids }, truthBook, `depth #${i}, level by level`);
      } else {
        const pre = await trueBars(h, "BTC-USDT", "1m", 100);
        const bars = await h.spot.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1 });
        const post = await trueBars(h, "BTC-USDT", "1m", 100);
        // A minute may turn between the reads: the answer must be the truth on one side of it.
        assert.ok(
          JSON.stringify(bars) === JSON.stringify(pre) || JSON.stringify(bars) === JSON.stringify(post),
          `records #${i}`,
        );
      }
    }
    assert.equal(gatewayMarketRequests(h), before, "no REST market-data request after warm-up");
    const sources = new Set(served.filter((e) => e.exchange === "OKX").map((e) => e.source));
    assert.deepEqual([...sources], ["stream"]);
  });

  it("answers depth beyond 400 levels, and more bars than the stream holds, by REST", async () => {
    await h.spot.data("records", { symbol: "BTC_USDT", period: 1 });
    await waitLive(h, "candle1m", "BTC-USDT");
    await waitLive(h, "books", "BTC-USDT");
    const before = gatewayMarketRequests(h);
    const d = await h.spot.data<Depth>("depth", { symbol: "BTC_USDT", limit: 500 });
    assert.equal(d.asks.length, 400, "OKX's most, as without streams");
    assert.equal(gatewayMarketRequests(h), before + 1, "depth beyond the stream's 400 levels: REST");
    const bars = await h.spot.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1, limit: 2000 });
    assert.equal(bars.length, 2000);
    for (let i = 1; i < bars.length; i++) assert.equal(bars[i][0] - bars[i - 1][0], 60);
    assert.ok(gatewayMarketRequests(h) > before + 1, "paged from REST as without streams");
  });

  it("keeps trades: seeded from REST, then the pushed ones, as many as REST returns", async () => {
    await h.spot.data("trades", { symbol: "ETH_USDT" });
    await waitLive(h, "trades", "ETH-USDT");
    const before = gatewayMarketRequests(h);
    // The stand-in trades every 250 ms: wait for a few pushes so the list is more than the seed.
    await new Promise((r) => setTimeout(r, 700));
    const list = await h.spot.data<Trade[]>("trades", { symbol: "ETH_USDT" });
    assert.equal(gatewayMarketRequests(h), before, "served from the stream");
    const res = await fetch(`${h.standin.url}/api/v5/market/trades?instId=ETH-USDT&limit=100`, {
      headers: { "OK-ACCESS-KEY": "test-truth-read" },
    });
    const rest = ((await res.json()) as { data: { tradeId: string }[] }).data.map((t) => t.tradeId).reverse();
    assert.equal(list.length, rest.length);
    const ids = list.map((t) => t.id);
    // The newest trade may land between the two reads: compare allowing a shift of one.
    const sameOrOneBehind =
      JSON.stringify(ids) === JSON.stringify(rest) ||
      JSON.stringify(ids.slice(1)) === JSON.stringify(rest.slice(0, -1));
    assert.ok(
      sameOrOneBehind,
      `stream trades ${ids.slice(-3).join(",")} vs REST ${rest.slice(-3).join(",")}`,
    );
  });

  it("ten dockers polling one symbol at 10 Hz share one subscription", async () => {
    const clients = Array.from(
      { length: 10 },
      (_, i) =>
        new DockerClient({
          baseUrl: h.gateway.url,
          exchange: "OKX_SWAP",
          accessKey: `k${i}`,
          secretKey: "s,p",
        }),
    );
    const poll = async (c: DockerClient) => {
      for (let n = 0; n < 10; n++) {
        const t = await c.data<Ticker>("ticker", { symbol: "ETH_USDT" });
        assert.equal(t.symbol, "ETH_USDT");
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await Promise.all(clients.map(poll));
    const subs = h.standin.ws
      .subscriptions()
      .filter((s) => s.channel === "tickers" && s.instId === "ETH-USDT-SWAP");
    assert.deepEqual(
      subs.map((s) => s.connections),
      [1],
      "one subscription on one connection",
    );
    assert.equal(streamsOf(h, "OKX_SWAP").filter((s) => s.key === "ETH-USDT-SWAP").length, 1);
  });
});
