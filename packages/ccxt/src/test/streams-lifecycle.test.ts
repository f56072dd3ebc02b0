// How long ccxt streams live: unwatched when idle, bounded by maxStreams, absent with streams: false,
// and what the debug log says about each answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger } from "@fmz-gateway/core";
import { LIVE } from "./harness";
import {
  type GatewayStreams,
  assertLeastRecentlyUsedGo,
  assertRestOnly,
  captureLog,
  gatewayStreams,
  subscribed,
  waitFor,
} from "@fmz-gateway/okx-standin/test-support";
import { MOUNT, type StreamHarness, startStreamHarness } from "./streams-support";

async function withHarness(
  mountOptions: Record<string, unknown>,
  run: (h: StreamHarness, streams: GatewayStreams) => Promise<void>,
) {
  const h = await startStreamHarness(mountOptions);
  try {
    await run(
      h,
      gatewayStreams(() => h.gateway.telemetry, MOUNT),
    );
  } finally {
    await h.close();
  }
}

describe("ccxt streams: lifecycle", () => {
  it("unwatches a stream nobody asked for within streamIdleMs (the stand-in sees it go), and keeps one in use", async () => {
    await withHarness({ streamIdleMs: 400 }, async (h, { streamsOf, askUntilLive }) => {
      await askUntilLive(async () => {
        await h.spot.data("ticker", { symbol: "BTC_USDT" });
        await h.spot.data("ticker", { symbol: "ETH_USDT" });
        await h.spot.data("depth", { symbol: "ETH_USDT" });
      }, [
        ["watchTicker", "BTC/USDT"],
        ["watchTicker", "ETH/USDT"],
        ["watchOrderBook", "ETH/USDT"],
      ]);
      assert.deepEqual(subscribed(h.standin.ws, "tickers"), ["BTC-USDT", "ETH-USDT"]);
      // Keep asking for BTC only: ETH's ticker and book are unsubscribed at the stand-in, BTC stays.
      await waitFor(
        async () => {
          await h.spot.data("ticker", { symbol: "BTC_USDT" });
          return (
            subscribed(h.standin.ws, "tickers").join() === "BTC-USDT" &&
            subscribed(h.standin.ws, "books").length === 0
          );
        },
        8000,
        "ETH unsubscribed at the stand-in",
      );
      assert.deepEqual(
        streamsOf().map((s) => s.key),
        ["BTC/USDT"],
      );
      // With nothing asked any more the last one goes too.
      await waitFor(() => subscribed(h.standin.ws, "tickers").length === 0, 8000, "BTC unsubscribed");
      assert.equal(streamsOf().length, 0);
    });
  });

  it("holds at most maxStreams per mount, letting the least recently used go", async () => {
    await withHarness({ maxStreams: 2 }, async (h, { streamsOf }) => {
      await assertLeastRecentlyUsedGo(h.spot, h.standin, streamsOf, (instId) => instId.replace("-", "/"));
    });
  });

  it("says in the debug log what each answer came from", async () => {
    const log = captureLog();
    const h = await startStreamHarness({}, createLogger({ level: "debug", stream: log.stream }));
    const { waitLive } = gatewayStreams(() => h.gateway.telemetry, MOUNT);
    try {
      await h.spot.data("depth", { symbol: "BTC_USDT", limit: 20 });
      await waitLive("watchOrderBook", "BTC/USDT");
      await h.spot.data("depth", { symbol: "BTC_USDT", limit: 20 });
      h.standin.ws.dropAll();
      await waitFor(() => log.text().includes("stream watchOrderBook BTC/USDT: down"));
      const text = log.text();
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
    await withHarness({ streams: false }, async (h, { streamsOf }) => {
      await assertRestOnly(h.spot, h.standin, streamsOf);
    });
  });

  it("closing the gateway closes the websocket", async () => {
    const h = await startStreamHarness();
    const { waitLive } = gatewayStreams(() => h.gateway.telemetry, MOUNT);
    try {
      await h.spot.data("ticker", { symbol: "BTC_USDT" });
      await waitLive("watchTicker", "BTC/USDT");
      assert.equal(h.standin.ws.connectionCount(), 1);
      await h.gateway.close(1_000);
      await waitFor(() => h.standin.ws.connectionCount() === 0, 8000, "socket closed");
    } finally {
      await h.standin.close();
    }
  });
});
