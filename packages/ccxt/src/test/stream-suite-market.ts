// Market data from streams through the real gateway, against the stand-in's websocket, written once for
// every mount (stream-mounts.ts): after warm-up no REST request, every answer the stand-in's true state
// and what the same mount without streams answers; one subscription for many robots.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
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
  waitFor,
  waitForLast,
} from "@fmz-gateway/okx-standin/test-support";
import { type StreamHarness, type StreamMount, startStreamHarness } from "./stream-mounts";

export function marketStreamSuite(m: StreamMount): void {
  let h: StreamHarness;
  const { servedLog, streamsOf, waitLive } = gatewayStreams(() => h.gateway.telemetry, m.name);
  const [candles, btcMinuteKey] = m.minuteBars("BTC-USDT");
  const BTC = m.key("BTC-USDT");
  before(async () => {
    h = await startStreamHarness(m);
  });
  after(async () => {
    await h.close();
  });

  /** Moves BTC-USDT and waits until the gateway's ticker shows it (the push is on its way, not instant). */
  async function move(last: number): Promise<void> {
    setLast(h.standin, "BTC-USDT", last);
    await waitForLast(h.spot, "BTC_USDT", last);
  }

  it("after warm-up, 200 calls make no REST market request and each equals the stand-in's state", async () => {
    const first = gatewayMarketRequests(h.standin.requests);
    await h.spot.data("ticker", { symbol: "BTC_USDT" });
    await h.spot.data("depth", { symbol: "BTC_USDT", limit: 400 });
    await h.spot.data("depth", { symbol: "BTC_USDT" });
    await h.spot.data("records", { symbol: "BTC_USDT", period: 1 });
    assert.ok(gatewayMarketRequests(h.standin.requests) > first, "the first calls are answered by REST");
    await waitLive(m.channels.ticker, BTC);
    await waitLive(m.channels.book, BTC);
    await waitLive(candles, btcMinuteKey);
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
        const truthBook = await trueBook(h.standin.url, "BTC-USDT", limit ?? m.depthWithoutLimit);
        assert.deepEqual({ asks: d.asks, bids: d.bids }, truthBook, `depth #${i} (${limit}), level by level`);
      } else {
        await assertTrueMinuteBars(h.spot, h.standin.url, "BTC_USDT", "BTC-USDT", `records #${i}`);
      }
    }
    assertServedFromStreams(h.standin.requests, before, served, m.name);
  });

  it("answers exactly what the mount without streams answers, in the same shape", async () => {
    await h.spot.data("trades", { symbol: "BTC_USDT" });
    await waitLive(m.channels.book, BTC);
    await waitLive(m.channels.ticker, BTC);
    await waitLive(candles, btcMinuteKey);
    await waitLive(m.channels.trades, BTC);
    const served = servedLog();
    const t = await h.spot.data<Ticker>("ticker", { symbol: "BTC_USDT" });
    const tr = await h.rest.data<Ticker>("ticker", { symbol: "BTC_USDT" });
    assert.deepEqual({ ...t, time: 0 }, { ...tr, time: 0 });
    for (const limit of [5, 20, undefined]) {
      const params = { symbol: "BTC_USDT", ...(limit ? { limit } : {}) };
      const d = await h.spot.data<Depth>("depth", params);
      const dr = await h.rest.data<Depth>("depth", params);
      assert.deepEqual({ ...d, time: 0 }, { ...dr, time: 0 }, `depth ${limit}`);
    }
    for (const limit of [10, undefined]) {
      const params = { symbol: "BTC_USDT", period: 1, ...(limit ? { limit } : {}) };
      const bars = await h.spot.data<Bar[]>("records", params);
      const barsRest = await h.rest.data<Bar[]>("records", params);
      // A minute may turn between the two calls: then only the bars both still hold are compared.
      if (bars.at(-1)?.[0] === barsRest.at(-1)?.[0]) assert.deepEqual(bars, barsRest, `records ${limit}`);
    }
    const trades = await h.spot.data<Trade[]>("trades", { symbol: "BTC_USDT" });
    const tradesRest = await h.rest.data<Trade[]>("trades", { symbol: "BTC_USDT" });
    assert.equal(trades.length, tradesRest.length);
    assert.deepEqual(Object.keys(trades[0]).sort(), Object.keys(tradesRest[0]).sort());
    const onBoth = tradesRest.filter((x) => trades.some((y) => y.id === x.id));
    assert.ok(onBoth.length >= tradesRest.length - 2, "the same trades, give or take the newest");
    for (const x of onBoth)
      assert.deepEqual(
        x,
        trades.find((y) => y.id === x.id),
      );
    const ours = served.filter((e) => e.exchange === m.name);
    assert.ok(ours.length >= 7 && ours.every((e) => e.source === "stream"), JSON.stringify(ours));
  });

  it("answers more bars than the stream holds, and depth beyond its 400 levels, by REST", async () => {
    await h.spot.data("records", { symbol: "BTC_USDT", period: 1 });
    await waitLive(candles, btcMinuteKey);
    await waitLive(m.channels.book, BTC);
    const served = servedLog();
    const before = gatewayMarketRequests(h.standin.requests);
    const bars = await h.spot.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1, limit: m.deepBars });
    assert.equal(bars.length, m.deepBars);
    for (let i = 1; i < bars.length; i++) assert.equal(bars[i][0] - bars[i - 1][0], 60);
    assert.ok(gatewayMarketRequests(h.standin.requests) > before, "paged from REST as without streams");
    assert.deepEqual(
      served.map((e) => e.source),
      ["rest"],
    );
    // Whatever REST answers beyond 400 levels (OKX's adapter: OKX's most, 400; ccxt's okx asks
    // `market/books-full`, which the stand-in does not serve), the streamed mount answers the same, by REST.
    const deep = await h.spot.call("depth", { symbol: "BTC_USDT", limit: 500 });
    const deepRest = await h.rest.call("depth", { symbol: "BTC_USDT", limit: 500 });
    assert.equal(deep.error, deepRest.error);
    const levels = (r: typeof deep) => (r.data as Depth | undefined)?.asks.length;
    assert.equal(levels(deep), levels(deepRest));
    assert.deepEqual(
      served.map((e) => e.source),
      ["rest", "rest"],
    );
  });

  it("keeps trades: seeded from REST, then the pushed ones, as many as REST returns", async () => {
    const trades = () => h.spot.data<Trade[]>("trades", { symbol: "ETH_USDT" });
    await trades();
    await waitLive(m.channels.trades, m.key("ETH-USDT"));
    const before = gatewayMarketRequests(h.standin.requests);
    // The stand-in trades every 250 ms: wait for a push on top of the seed, so the list is more than it.
    const seeded = (await trades()).at(-1)?.id;
    await waitFor(async () => (await trades()).at(-1)?.id !== seeded, 8000, "a pushed trade");
    const list = await trades();
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
    const swap = `${m.name}_SWAP`;
    await assertOneSharedSubscription({
      clients: Array.from({ length: 10 }, (_, i) =>
        h.spot.with({ exchange: swap, accessKey: `k${i}`, secretKey: "s,p" }),
      ),
      symbol: "ETH_USDT",
      instId: "ETH-USDT-SWAP",
      standin: h.standin,
      streamsOf: () => streamsOf(swap),
      streamKey: m.key("ETH-USDT-SWAP"),
    });
  });
}
