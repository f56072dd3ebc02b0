// A paper mount over another mount's public data (here a SIM mount, standing in for a live exchange),
// through the core's mount-source facility; and the refusals at start.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  Dec,
  type Depth,
  Gateway,
  type Market,
  type Order,
  type Ticker,
  parseSymbol,
  requireInstrument,
  silentLogger,
  wireName,
} from "@fmz-gateway/core";
import type { PaperAdapter } from "../paper-adapter";
import { type Harness, T0, startHarness } from "./harness";

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

let h: Harness;
before(async () => {
  h = await startHarness({ LIVE: { adapter: "PAPER", options: { source: "SIM" } } });
  h.clock.now = T0;
});
after(async () => {
  await h.close();
});

describe("paper over another mount", () => {
  it("answers the source's data and fills against the source's book", async () => {
    const live = h.spot.with({ exchange: "LIVE", accessKey: "over-mount" });
    const depth = await live.data<Depth>("depth", { symbol: "BTC_USDT", limit: 5 });
    assert.deepEqual(depth, await h.spot.data<Depth>("depth", { symbol: "BTC_USDT", limit: 5 }));
    const sell = await live.call("trade", { symbol: "BTC_USDT", type: "sell", price: -1, amount: "0.01" });
    assert.match(sell.error ?? "", /^LIVE INSUFFICIENT_BALANCE: needs 0\.01 BTC/);
    const buy = await live.data<{ id: string }>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "99999",
      amount: "0.01",
    });
    const order = await live.data<Order>("order", { id: buy.id, symbol: "BTC_USDT" });
    assert.equal(order.status, "filled");
    assert.equal(order.avg_price, depth.asks[0][0]);
    const [usdt] = (await live.data<Array<{ currency: string; free: number }>>("accounts")).filter(
      (b) => b.currency === "USDT",
    );
    assert.equal(usdt.free, new Dec(10000).minus(new Dec(depth.asks[0][0]).mul("0.01")).toNumber());
    // Its accounts are its own: the same key on SIM has nothing.
    assert.deepEqual(
      await h.spot.with({ accessKey: "over-mount" }).data("orders", { symbol: "BTC_USDT" }),
      [],
    );
  });

  it("reads the source's money as exact decimal text, and answers the docker the same numbers", async () => {
    const source = (h.gateway.mounts.get("LIVE")?.adapter as PaperAdapter).engine.ctx.source;
    const symbol = requireInstrument(parseSymbol("BTC_USDT"), wireName("getDepth"));
    const depth = await source.call("getDepth", { symbol, limit: 5 });
    const levels = [...depth.asks, ...depth.bids];
    assert.equal(levels.length, 10);
    for (const level of levels) for (const text of level) assert.match(text, DECIMAL_TEXT);
    const live = h.spot.with({ exchange: "LIVE" });
    const docker = await live.data<Depth>("depth", { symbol: "BTC_USDT", limit: 5 });
    assert.deepEqual(docker, {
      time: depth.time,
      asks: depth.asks.map(([p, a]) => [Number(p), Number(a)]),
      bids: depth.bids.map(([p, a]) => [Number(p), Number(a)]),
    });

    const ticker = await source.call("getTicker", { symbol });
    for (const field of ["buy", "sell", "high", "low", "open", "last", "vol"] as const)
      assert.match(ticker[field], DECIMAL_TEXT, field);
    const dockerTicker = await live.data<Ticker>("ticker", { symbol: "BTC_USDT" });
    assert.equal(dockerTicker.last, Number(ticker.last));

    const markets = await source.call("getMarkets", {});
    assert.deepEqual(
      [markets.BTC_USDT.tickSize, markets.BTC_USDT.amountSize, markets.BTC_USDT.pricePrecision],
      ["0.1", "0.00001", 1],
    );
    const dockerMarkets = await live.data<Record<string, Market>>("markets");
    assert.equal(dockerMarkets.BTC_USDT.amountSize, 0.00001);
  });

  it("an unknown or circular source is refused at start, naming the config path", async () => {
    const start = (exchanges: Record<string, { adapter: string; options: Record<string, unknown> }>) =>
      Gateway.start({ port: 0, logger: silentLogger(), baseDir: h.dir, exchanges });
    await assert.rejects(
      start({ P: { adapter: "PAPER", options: { source: "NOWHERE" } } }),
      /exchanges\.P\.options: no mount named "NOWHERE"/,
    );
    await assert.rejects(
      start({
        A: { adapter: "PAPER", options: { source: "B" } },
        B: { adapter: "PAPER", options: { source: "A" } },
      }),
      /circular source: A → B → A/,
    );
  });
});
