// What only the OKX adapter's streams do; the behaviour every streamed mount shares (warm-up, lifecycle,
// faults, served-by counts) is one suite run on this adapter and on ccxt's okx, in the ccxt package
// (packages/ccxt/src/test/stream-suite-*.ts). Here: many subscriptions spread over several connections,
// demo callers' streams apart from live ones, and OKX's book checksums.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { StreamEvent, Ticker } from "@fmz-gateway/core";
import {
  assertTrueDepth,
  checkUntilStreamServes,
  gatewayStreams,
  setLast,
  waitFor,
  whileHeld,
} from "@fmz-gateway/okx-standin/test-support";
import { OKX_BARS } from "../index";
import { SUBS_PER_SOCKET } from "../streams/okx-streams";
import { DEMO, DEMO_SECRET_KEY, type Harness, startHarness } from "./harness";
import { FAST_STREAMS, MOUNT } from "./streams-support";

let h: Harness;
const { servedLog, streamState, streamsOf, waitLive } = gatewayStreams(() => h.gateway.telemetry, MOUNT);
const events: StreamEvent[] = [];
before(async () => {
  h = await startHarness({ enforceRateLimits: false }, undefined, FAST_STREAMS);
  h.gateway.telemetry.on("stream", (e) => events.push(e));
});
after(async () => {
  await h.close();
});

describe("OKX streams: connections and scopes", () => {
  it("spreads many subscriptions over several connections, and keeps demo callers' streams apart", async () => {
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
    // A live caller's ticker is not the demo stream's: it opens a stream of its own, by REST meanwhile.
    const live = servedLog();
    await h.spot.data("ticker", { symbol: "BTC_USDT" });
    assert.deepEqual(
      live.map((e) => e.source),
      ["rest"],
    );
    assert.deepEqual(
      streamsOf()
        .filter((s) => s.channel === "tickers")
        .map((s) => s.key)
        .sort(),
      ["BTC-USDT", "demo:BTC-USDT"],
    );
  });
});

describe("OKX streams: book checksums", () => {
  let price = 50_000;
  const moveMarket = () => setLast(h.standin, "BTC-USDT", (price += 7));
  const depthMatches = () => assertTrueDepth(h.spot, h.standin.url, "BTC_USDT", "BTC-USDT", 50);
  const untilServedFromStream = () => checkUntilStreamServes(servedLog, MOUNT, "depth", depthMatches);

  it("real checksums are verified; a wrong non-zero one discards the book until a good snapshot", async () => {
    await h.spot.data("depth", { symbol: "BTC_USDT", limit: 50 });
    await waitLive("books", "BTC-USDT");
    h.standin.ws.setChecksums(true);
    try {
      moveMarket();
      await untilServedFromStream();
      const from = events.length;
      await whileHeld(h.standin.ws, "books", async () => {
        h.standin.ws.badChecksum("BTC-USDT");
        moveMarket();
        await waitFor(() => streamState("books", "BTC-USDT") !== "live", 8000, "bad checksum noticed");
        await depthMatches();
      });
      await untilServedFromStream();
      const books = events.slice(from).filter((e) => e.channel === "books");
      assert.ok(books.some((e) => e.state === "down") && books.some((e) => e.reconnect));
      // Still checked and still right after more moves with real checksums.
      moveMarket();
      await untilServedFromStream();
    } finally {
      h.standin.ws.setChecksums(false);
    }
  });
});
