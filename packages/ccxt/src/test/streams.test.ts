// ccxt.pro streams through the real gateway, against the stand-in's websocket: after warm-up no REST
// request, every answer the stand-in's true state; one subscription for many robots.
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
import { MOUNT, type StreamHarness, startStreamHarness } from "./streams-support";

let h: StreamHarness;
const { servedLog, streamsOf, waitLive } = gatewayStreams(() => h.gateway.telemetry, MOUNT);
before(async () => {
  h = await startStreamHarness();
});
after(async () => {
  await h.close();
});

/** Moves BTC-USDT and waits until the gateway's ticker shows it (the push is on its way, not instant). */
async function move(last: number): Promise<void> {
  setLast(h.standin, "BTC-USDT", last);
  await waitForLast(h.spot, "BTC_USDT", last);
}

describe("ccxt streams: ticker, depth, records", () => {
  it("after warm-up, 200 calls make no REST market request and each equals the stand-in's state", async () => {
    const first = gatewayMarketRequests(h.standin.requests);
    await h.spot.data("ticker", { symbol: "BTC_USDT" });
    await h.spot.data("depth", { symbol: "BTC_USDT", limit: 400 });
    await h.spot.data("depth", { symbol: "BTC_USDT" });
    await h.spot.data("records", { symbol: "BTC_USDT", period: 1 });
    assert.ok(gatewayMarketRequests(h.standin.requests) > first, "the first calls are answered by REST");
    await waitLive("watchTicker", "BTC/USDT");
    await waitLive("watchOrderBook", "BTC/USDT");
    await waitLive("watchOHLCV", "BTC/USDT 1m");
    await move(61000);

    const before = gatewayMarketRequests(h.standin.requests);
    const served = servedLog();
    for (let i = 0; i < 200; i++) {
      const kind = i % 3;
      if (i % 30 === 29) await move(61000 + i);
      if (kind === 0) {
        const t = await h.spot.data<Ticker>("ticker", { symbol: "BTC_USDT" });
        assert.deepEqual(tickerFields(t), await trueTicker(h.standin.url, "BTC-USDT"), `ticker #${i}`);
        assert.equal(t.symbol, "BTC_USDT");
      } else if (kind === 1) {
        const limit = [400, 20, undefined][Math.floor(i / 3) % 3];
        const d = await h.spot.data<Depth>("depth", { symbol: "BTC_USDT", ...(limit ? { limit } : {}) });
        // Without a limit ccxt's okx asks REST for 100 levels, and the stream answers as many.
        const truthBook = await trueBook(h.standin.url, "BTC-USDT", limit ?? 100);
        assert.deepEqual({ asks: d.asks, bids: d.bids }, truthBook, `depth #${i} (${limit}), level by level`);
      } else {
        await assertTrueMinuteBars(h.spot, h.standin.url, "BTC_USDT", "BTC-USDT", `records #${i}`);
      }
    }
    assertServedFromStreams(h.standin.requests, before, served, MOUNT);
  });

  it("answers exactly what a mount without streams answers, in the same shape", async () => {
    const rest = h.spot.with({ exchange: "OKXC_REST" });
    await h.spot.data("trades", { symbol: "BTC_USDT" });
    await waitLive("watchOrderBook", "BTC/USDT");
    await waitLive("watchTicker", "BTC/USDT");
    await waitLive("watchOHLCV", "BTC/USDT 1m");
    await waitLive("watchTrades", "BTC/USDT");
    const served = servedLog();
    const t = await h.spot.data<Ticker>("ticker", { symbol: "BTC_USDT" });
    const tr = await rest.data<Ticker>("ticker", { symbol: "BTC_USDT" });
    assert.deepEqual({ ...t, time: 0 }, { ...tr, time: 0 });
    for (const limit of [5, 20, undefined]) {
      const params = { symbol: "BTC_USDT", ...(limit ? { limit } : {}) };
      const d = await h.spot.data<Depth>("depth", params);
      const dr = await rest.data<Depth>("depth", params);
      assert.deepEqual({ ...d, time: 0 }, { ...dr, time: 0 }, `depth ${limit}`);
    }
    for (const limit of [10, undefined]) {
      const params = { symbol: "BTC_USDT", period: 1, ...(limit ? { limit } : {}) };
      const bars = await h.spot.data<Bar[]>("records", params);
      const barsRest = await rest.data<Bar[]>("records", params);
      // A minute may turn between the two calls: then only the bars both still hold are compared.
      if (bars.at(-1)?.[0] === barsRest.at(-1)?.[0]) assert.deepEqual(bars, barsRest, `records ${limit}`);
    }
    const trades = await h.spot.data<Trade[]>("trades", { symbol: "BTC_USDT" });
    const tradesRest = await rest.data<Trade[]>("trades", { symbol: "BTC_USDT" });
    assert.equal(trades.length, tradesRest.length);
    assert.deepEqual(Object.keys(trades[0]).sort(), Object.keys(tradesRest[0]).sort());
    const onBoth = tradesRest.filter((x) => trades.some((y) => y.id === x.id));
    assert.ok(onBoth.length >= tradesRest.length - 2, "the same trades, give or take the newest");
    for (const x of onBoth)
      assert.deepEqual(
        x,
        trades.find((y) => y.id === x.id),
      );
    const ours = served.filter((e) => e.exchange === MOUNT);
    assert.ok(ours.length >= 7 && ours.every((e) => e.source === "stream"), JSON.stringify(ours));
  });

  it("answers depth beyond the stream's 400 levels, and more bars than it holds, by REST", async () => {
    await h.spot.data("records", { symbol: "BTC_USDT", period: 1 });
    await waitLive("watchOHLCV", "BTC/USDT 1m");
    await waitLive("watchOrderBook", "BTC/USDT");
    const served = servedLog();
    const before = gatewayMarketRequests(h.standin.requests);
    const bars = await h.spot.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1, limit: 500 });
    assert.equal(bars.length, 500);
    for (let i = 1; i < bars.length; i++) assert.equal(bars[i][0] - bars[i - 1][0], 60);
    assert.ok(gatewayMarketRequests(h.standin.requests) > before, "paged from REST as without streams");
    assert.deepEqual(
      served.map((e) => e.source),
      ["rest"],
    );
    // Beyond 400 levels ccxt's okx asks `market/books-full`, which the stand-in does not serve: whatever
    // REST answers, the streamed mount answers the same, by REST.
    const deep = await h.spot.call("depth", { symbol: "BTC_USDT", limit: 500 });
    const deepRest = await h.spot
      .with({ exchange: "OKXC_REST" })
      .call("depth", { symbol: "BTC_USDT", limit: 500 });
    assert.equal(deep.error, deepRest.error);
    assert.deepEqual(
      served.map((e) => e.source),
      ["rest", "rest"],
    );
  });

  it("keeps trades: seeded from REST, then the pushed ones, as many as REST returns", async () => {
    await h.spot.data("trades", { symbol: "ETH_USDT" });
    await waitLive("watchTrades", "ETH/USDT");
    const before = gatewayMarketRequests(h.standin.requests);
    // The stand-in trades every 250 ms: wait for a few pushes so the list is more than the seed.
    await new Promise((r) => setTimeout(r, 800));
    const list = await h.spot.data<Trade[]>("trades", { symbol: "ETH_USDT" });
    assert.equal(gatewayMarketRequests(h.standin.requests), before, "served from the stream");
    const rest = await trueTradeIds(h.standin.url, "ETH-USDT");
    assert.equal(list.length, rest.length);
    const ids = list.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length, "no trade twice");
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
        h.spot.with({ exchange: "OKXC_SWAP", accessKey: `k${i}`, secretKey: "s,p" }),
      ),
      symbol: "ETH_USDT",
      instId: "ETH-USDT-SWAP",
      standin: h.standin,
      streamsOf: () => streamsOf("OKXC_SWAP"),
      streamKey: "ETH/USDT:USDT",
    });
  });
});
