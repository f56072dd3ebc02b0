// How long streams live, written once for every mount (stream-mounts.ts): released when idle (the
// stand-in sees the subscription go), bounded by maxStreams, absent with streams: false, closed with the
// gateway, and what the debug log says about each answer.
import assert from "node:assert/strict";
import { it } from "node:test";
import { createLogger } from "@fmz-gateway/core";
import {
  type GatewayStreams,
  assertLeastRecentlyUsedGo,
  assertRestOnly,
  captureLog,
  gatewayStreams,
  subscribed,
  waitFor,
} from "@fmz-gateway/okx-standin/test-support";
import { LIVE } from "./harness";
import { type StreamHarness, type StreamMount, startStreamHarness } from "./stream-mounts";

export function lifecycleStreamSuite(m: StreamMount): void {
  const { ticker, book } = m.channels;
  const BTC = m.key("BTC-USDT");
  const ETH = m.key("ETH-USDT");

  async function withHarness(
    mountOptions: Record<string, unknown>,
    run: (h: StreamHarness, streams: GatewayStreams) => Promise<void>,
  ) {
    const h = await startStreamHarness(m, mountOptions);
    try {
      await run(
        h,
        gatewayStreams(() => h.gateway.telemetry, m.name),
      );
    } finally {
      await h.close();
    }
  }

  it("releases a stream nobody asked for within streamIdleMs (the stand-in sees it go), and keeps one in use", async () => {
    await withHarness({ streamIdleMs: 400 }, async (h, { streamsOf, askUntilLive }) => {
      await askUntilLive(async () => {
        await h.spot.data("ticker", { symbol: "BTC_USDT" });
        await h.spot.data("ticker", { symbol: "ETH_USDT" });
        await h.spot.data("depth", { symbol: "ETH_USDT" });
      }, [
        [ticker, BTC],
        [ticker, ETH],
        [book, ETH],
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
        [BTC],
      );
      // With nothing asked any more the last one goes too (and, where the adapter does so, its socket).
      await waitFor(
        () =>
          subscribed(h.standin.ws, "tickers").length === 0 &&
          (!m.closesIdleSocket || h.standin.ws.connectionCount() === 0),
        8000,
        "BTC unsubscribed",
      );
      assert.equal(streamsOf().length, 0);
    });
  });

  it("holds at most maxStreams per mount, letting the least recently used go", async () => {
    await withHarness({ maxStreams: 2 }, async (h, { streamsOf }) => {
      await assertLeastRecentlyUsedGo(h.spot, h.standin, streamsOf, m.key);
    });
  });

  it("says in the debug log what each answer came from", async () => {
    const log = captureLog();
    const h = await startStreamHarness(m, {}, createLogger({ level: "debug", stream: log.stream }));
    const { waitLive } = gatewayStreams(() => h.gateway.telemetry, m.name);
    const shown = `${book} ${BTC}`;
    try {
      await h.spot.data("depth", { symbol: "BTC_USDT", limit: 20 });
      await waitLive(book, BTC);
      await h.spot.data("depth", { symbol: "BTC_USDT", limit: 20 });
      h.standin.ws.dropAll();
      await waitFor(() => log.text().includes(`stream ${shown}: down`));
      const text = log.text();
      assert.ok(text.includes(`answered by REST: stream connecting (${shown})`), text);
      assert.ok(text.includes(`stream ${shown}: live`));
      assert.ok(text.includes(`answered from stream ${shown}`));
      const down = text.split("\n").find((l) => l.includes(`stream ${shown}: down`)) ?? "";
      assert.match(down, new RegExp(`down \\(${m.droppedReason.source}\\)`));
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
    const h = await startStreamHarness(m);
    const { waitLive } = gatewayStreams(() => h.gateway.telemetry, m.name);
    try {
      await h.spot.data("ticker", { symbol: "BTC_USDT" });
      await waitLive(ticker, BTC);
      assert.equal(h.standin.ws.connectionCount(), 1);
      await h.gateway.close(1_000);
      await waitFor(() => h.standin.ws.connectionCount() === 0, 8000, "socket closed");
    } finally {
      await h.standin.close();
    }
  });
}
