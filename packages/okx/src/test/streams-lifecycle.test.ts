// How long streams live: released when idle, bounded by maxStreams, and absent with streams: false.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Ticker, createLogger } from "@fmz-gateway/core";
import { OKX_BARS } from "../index";
import { SUBS_PER_SOCKET } from "../streams/okx-streams";
import {
  type GatewayStreams,
  assertLeastRecentlyUsedGo,
  assertRestOnly,
  captureLog,
  gatewayStreams,
  subscribed,
  waitFor,
} from "@fmz-gateway/okx-standin/test-support";
import { DEMO, DEMO_SECRET_KEY, type Harness, LIVE, startHarness } from "./harness";
import { FAST_STREAMS, MOUNT } from "./streams-support";

async function withHarness(
  mountOptions: Record<string, unknown>,
  run: (h: Harness, streams: GatewayStreams) => Promise<void>,
) {
  const h = await startHarness({ enforceRateLimits: false }, undefined, mountOptions);
  try {
    await run(
      h,
      gatewayStreams(() => h.gateway.telemetry, MOUNT),
    );
  } finally {
    await h.close();
  }
}

describe("streams: lifecycle", () => {
  it("releases a stream nobody asked for within streamIdleMs, and keeps one in use", async () => {
    await withHarness({ ...FAST_STREAMS, streamIdleMs: 400 }, async (h, { streamsOf, askUntilLive }) => {
      await askUntilLive(async () => {
        await h.spot.data("ticker", { symbol: "BTC_USDT" });
        await h.spot.data("ticker", { symbol: "ETH_USDT" });
      }, [
        ["tickers", "BTC-USDT"],
        ["tickers", "ETH-USDT"],
      ]);
      // Keep asking for BTC only: ETH goes, BTC stays.
      await waitFor(
        async () => {
          await h.spot.data("ticker", { symbol: "BTC_USDT" });
          return subscribed(h.standin.ws, "tickers").join() === "BTC-USDT";
        },
        8000,
        "ETH released at the stand-in",
      );
      assert.deepEqual(
        streamsOf().map((s) => s.key),
        ["BTC-USDT"],
      );
      // With nothing asked any more the last one goes too, and the socket with it.
      await waitFor(
        () => subscribed(h.standin.ws, "tickers").length === 0 && h.standin.ws.connectionCount() === 0,
      );
      assert.equal(streamsOf().length, 0);
    });
  });

  it("holds at most maxStreams per mount, letting the least recently used go", async () => {
    await withHarness({ ...FAST_STREAMS, maxStreams: 2 }, async (h, { streamsOf }) => {
      await assertLeastRecentlyUsedGo(h.spot, h.standin, streamsOf, (instId) => instId);
    });
  });

  it("spreads many subscriptions over several connections, and keeps demo callers' streams apart", async () => {
    await withHarness(FAST_STREAMS, async (h, { servedLog, streamsOf, waitLive }) => {
      const periods = [...OKX_BARS.keys()];
      for (const symbol of ["BTC_USDT", "ETH_USDT"]) {
        for (const period of periods) await h.spot.data("records", { symbol, period, limit: 10 });
      }
      const total = periods.length * 2;
      await waitFor(() => streamsOf().filter((s) => s.state === "live").length === total, 8000, "all live");
      assert.equal(h.standin.ws.connectionCount(), Math.ceil(total / SUBS_PER_SOCKET));

      const demo = h.spot.with({ accessKey: DEMO.apiKey, secretKey: DEMO_SECRET_KEY });
      await demo.data("ticker", { symbol: "BTC_USDT" });
      await waitLive("tickers", "demo:BTC-USDT");
      const served = servedLog();
      const t = await demo.data<Ticker>("ticker", { symbol: "BTC_USDT" });
      assert.equal(t.symbol, "BTC_USDT");
      assert.deepEqual(
        served.map((e) => e.source),
        ["stream"],
      );
      assert.equal(
        streamsOf().filter((s) => s.channel === "tickers").length,
        1,
        "only the demo key's stream: live keys have none here",
      );
    });
  });

  it("says in the debug log what each answer came from", async () => {
    const log = captureLog();
    const h = await startHarness(
      { enforceRateLimits: false },
      createLogger({ level: "debug", stream: log.stream }),
      FAST_STREAMS,
    );
    const { waitLive } = gatewayStreams(() => h.gateway.telemetry, MOUNT);
    try {
      await h.spot.data("depth", { symbol: "BTC_USDT" });
      await waitLive("books", "BTC-USDT");
      await h.spot.data("depth", { symbol: "BTC_USDT" });
      const text = log.text();
      assert.match(text, /answered by REST: stream connecting \(books BTC-USDT\)/);
      assert.match(text, /stream books BTC-USDT: live/);
      assert.match(text, /answered from stream books BTC-USDT/);
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
});
