// Market data from OKX's websockets through the real gateway, against the stand-in's websocket: after
// warm-up no REST request, every answer the stand-in's true state; one subscription for many robots.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Bar, Depth, Ticker, Trade } from "@fmz-gateway/core";
import {
  assertOneSharedSubscription,
  assertServedFromStreams,
  assertTrueMinuteBars,
  gatewayMarketRequests,
  gatewayStreams,
  setLast,
  tickerFields,
  trueBook,
  trueTicker,
  trueTradeIds,
  waitForLast,
} from "@fmz-gateway/okx-standin/test-support";
import { type Harness, startHarness } from "./harness";
import { FAST_STREAMS, MOUNT } from "./streams-support";

let h: Harness;
const { servedLog, streamsOf, waitLive } = gatewayStreams(() => h.gateway.telemetry, MOUNT);
before(async () => {
  h = await startHarness({ enforceRateLimits: false }, undefined, FAST_STREAMS);
});
after(async () => {
  await h.close();
});

/** Moves BTC-USDT and waits until the gateway's ticker shows it (the push is on its way, not instant). */
async function move(last: number): Promise<void> {
  setLast(h.standin, "BTC-USDT", last);
  await waitForLast(h.spot, "BTC_USDT", last);
}

describe("streams: ticker, depth, records", () => {
  it("after warm-up, 200 calls make no REST market request and each equals the stand-in's state", async () => {
    const first = gatewayMarketRequests(h.standin.requests);
    await h.spot.data("ticker", { symbol: "BTC_USDT" });
    await h.spot.data("depth", { symbol: "BTC_USDT", limit: 400 });
    await h.spot.data("records", { symbol: "BTC_USDT", period: 1 });
    assert.ok(gatewayMarketRequests(h.standin.requests) > first, "the first calls are answered by REST");
    await waitLive("tickers", "BTC-USDT");
    await waitLive("books", "BTC-USDT");
    await waitLive("candle1m", "BTC-USDT");
    await move(61000);

    const before = gatewayMarketRequests(h.standin.requests);
    const served = servedLog();
    for (let i = 0; i < 200; i++) {
      const kind = i % 3;
      if (i % 30 === 29) await move(61000 + i);
      if (kind === 0) {
        const t = await h.spot.data<Ticker>("ticker", { symbol: "BTC_USDT" });
        assert.deepEqual(tickerFields(t), await trueTicker(h.standin.url, "BTC-USDT"), `ticker #${i}`);
      } else if (kind === 1) {
        const limit = i % 2 === 0 ? 400 : 20;
        const d = await h.spot.data<Depth>("depth", { symbol: "BTC_USDT", limit });
        const truthBook = await trueBook(h.standin.url, "BTC-USDT", limit);
        assert.deepEqual({ asks: d.asks, bids: d.bids }, truthBook, `depth #${i}, level by level`);
      } else {
        await assertTrueMinuteBars(h.spot, h.standin.url, "BTC_USDT", "BTC-USDT", `records #${i}`);
      }
    }
    assertServedFromStreams(h.standin.requests, before, served, MOUNT);
  });

  it("answers depth beyond 400 levels, and more bars than the stream holds, by REST", async () => {
    await h.spot.data("records", { symbol: "BTC_USDT", period: 1 });
    await waitLive("candle1m", "BTC-USDT");
    await waitLive("books", "BTC-USDT");
    const before = gatewayMarketRequests(h.standin.requests);
    const d = await h.spot.data<Depth>("depth", { symbol: "BTC_USDT", limit: 500 });
    assert.equal(d.asks.length, 400, "OKX's most, as without streams");
    assert.equal(
      gatewayMarketRequests(h.standin.requests),
      before + 1,
      "depth beyond the stream's 400 levels: REST",
    );
    const bars = await h.spot.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1, limit: 2000 });
    assert.equal(bars.length, 2000);
    for (let i = 1; i < bars.length; i++) assert.equal(bars[i][0] - bars[i - 1][0], 60);
    assert.ok(gatewayMarketRequests(h.standin.requests) > before + 1, "paged from REST as without streams");
  });

  it("keeps trades: seeded from REST, then the pushed ones, as many as REST returns", async () => {
    await h.spot.data("trades", { symbol: "ETH_USDT" });
    await waitLive("trades", "ETH-USDT");
    const before = gatewayMarketRequests(h.standin.requests);
    // The stand-in trades every 250 ms: wait for a few pushes so the list is more than the seed.
    await new Promise((r) => setTimeout(r, 700));
    const list = await h.spot.data<Trade[]>("trades", { symbol: "ETH_USDT" });
    assert.equal(gatewayMarketRequests(h.standin.requests), before, "served from the stream");
    const rest = await trueTradeIds(h.standin.url, "ETH-USDT");
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
    await assertOneSharedSubscription({
      clients: Array.from({ length: 10 }, (_, i) =>
        h.spot.with({ exchange: "OKX_SWAP", accessKey: `k${i}`, secretKey: "s,p" }),
      ),
      symbol: "ETH_USDT",
      instId: "ETH-USDT-SWAP",
      standin: h.standin,
      streamsOf: () => streamsOf("OKX_SWAP"),
      streamKey: "ETH-USDT-SWAP",
    });
  });
});
