// How long ccxt streams live: unwatched when idle, bounded by maxStreams, absent with streams: false,
// and what the debug log says about each answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Writable } from "node:stream";
import { type Ticker, createLogger } from "@fmz-gateway/core";
import { LIVE } from "./harness";
import {
  type StreamHarness,
  gatewayMarketRequests,
  startStreamHarness,
  streamsOf,
  subscribed,
  waitFor,
  waitLive,
} from "./streams-support";

async function withHarness(mountOptions: Record<string, unknown>, run: (h: StreamHarness) => Promise<void>) {
  const h = await startStreamHarness(mountOptions);
  try {
    await run(h);
  } finally {
    await h.close();
  }
}

describe("ccxt streams: lifecycle", () => {
  it("unwatches a stream nobody asked for within streamIdleMs (the stand-in sees it go), and keeps one in use", async () => {
    await withHarness({ streamIdleMs: 400 }, async (h) => {
      await h.spot.data("ticker", { symbol: "BTC_USDT" });
      await h.spot.data("ticker", { symbol: "ETH_USDT" });
      await h.spot.data("depth", { symbol: "ETH_USDT" });
      await waitLive(h, "watchTicker", "BTC/USDT");
      await waitLive(h, "watchTicker", "ETH/USDT");
      await waitLive(h, "watchOrderBook", "ETH/USDT");
      assert.deepEqual(subscribed(h, "tickers"), ["BTC-USDT", "ETH-USDT"]);
      // Keep asking for BTC only: ETH's ticker and book are unsubscribed at the stand-in, BTC stays.
      await waitFor(
        async () => {
          await h.spot.data("ticker", { symbol: "BTC_USDT" });
          return subscribed(h, "tickers").join() === "BTC-USDT" && subscribed(h, "books").length === 0;
        },
        8000,
        "ETH unsubscribed at the stand-in",
      );
      assert.deepEqual(
        streamsOf(h).map((s) => s.key),
        ["BTC/USDT"],
      );
      // With nothing asked any more the last one goes too.
      await waitFor(() => subscribed(h, "tickers").length === 0, 8000, "BTC unsubscribed");
      assert.equal(streamsOf(h).length, 0);
    });
  });

  it("holds at most maxStreams per mount, letting the least recently used go", async () => {
    await withHarness({ maxStreams: 2 }, async (h) => {
      for (const symbol of ["BTC_USDT", "ETH_USDT", "LTC_USDT", "BTC_USDT"]) {
        const t = await h.spot.data<Ticker>("ticker", { symbol });
        assert.equal(t.symbol, symbol);
        assert.ok(streamsOf(h).length <= 2);
      }
      assert.deepEqual(
        streamsOf(h)
          .map((s) => s.key)
          .sort(),
        ["BTC/USDT", "LTC/USDT"],
      );
      await waitFor(
        () => subscribed(h, "tickers").join() === "BTC-USDT,LTC-USDT",
        8000,
        "the stand-in holds two",
      );
    });
  });

  it("says in the debug log what each answer came from", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const h = await startStreamHarness({}, createLogger({ level: "debug", stream }));
    try {
      await h.spot.data("depth", { symbol: "BTC_USDT", limit: 20 });
      await waitLive(h, "watchOrderBook", "BTC/USDT");
      await h.spot.data("depth", { symbol: "BTC_USDT", limit: 20 });
      h.standin.ws.dropAll();
      await waitFor(() => lines.join("").includes("stream watchOrderBook BTC/USDT: down"));
      const text = lines.join("");
      assert.match(text, /answered by REST: stream connecting \(watchOrderBook BTC\/USDT\)/);
      assert.match(text, /stream watchOrderBook BTC\/USDT: live/);
      assert.match(text, /answered from stream watchOrderBook BTC\/USDT/);
      assert.match(text, /stream watchOrderBook BTC\/USDT: down \(NetworkError: .*; retry in \d+ ms\)/);
      assert.doesNotMatch(text, new RegExp(LIVE.secret), "no secret in the log");
    } finally {
      await h.close();
    }
  });

  it("with streams: false, every call is a REST request and no websocket opens", async () => {
    await withHarness({ streams: false }, async (h) => {
      const before = gatewayMarketRequests(h);
      for (let i = 0; i < 5; i++) {
        await h.spot.data("ticker", { symbol: "BTC_USDT" });
        await h.spot.data("depth", { symbol: "BTC_USDT" });
      }
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(gatewayMarketRequests(h), before + 10);
      assert.equal(h.standin.ws.connectionCount(), 0);
      assert.equal(streamsOf(h).length, 0);
    });
  });

  it("closing the gateway closes the websocket", async () => {
    const h = await startStreamHarness();
    try {
      await h.spot.data("ticker", { symbol: "BTC_USDT" });
      await waitLive(h, "watchTicker", "BTC/USDT");
      assert.equal(h.standin.ws.connectionCount(), 1);
      await h.gateway.close(1_000);
      await waitFor(() => h.standin.ws.connectionCount() === 0, 8000, "socket closed");
    } finally {
      await h.standin.close();
    }
  });
});
