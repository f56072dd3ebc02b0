// Streams that break: a dropped socket, a silent one, a sequence gap, a wrong checksum. Meanwhile every
// answer is the stand-in's true state by REST, and the stream comes back and serves again by itself.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { StreamEvent, Ticker } from "@fmz-gateway/core";
import {
  assertTrueDepth,
  assertRestWhileDropped,
  assertTrueTicker,
  checkUntilStreamServes,
  gatewayStreams,
  setLast,
  tickerFields,
  trueTicker,
  waitFor,
  whileHeld,
} from "@fmz-gateway/okx-standin/test-support";
import { type Harness, startHarness } from "./harness";
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

let price = 50_000;
function moveMarket(instId = "BTC-USDT"): void {
  price += 7;
  setLast(h.standin, instId, price);
}

const tickerMatches = () => assertTrueTicker(h.spot, h.standin.url, "BTC_USDT", "BTC-USDT");
const depthMatches = () => assertTrueDepth(h.spot, h.standin.url, "BTC_USDT", "BTC-USDT", 50);

const notLive = (channel: string) => () => streamState(channel, "BTC-USDT") !== "live";

/** Calls until an answer came from the stream again, checking every answer on the way. */
const untilServedFromStream = (method: "ticker" | "depth", check: () => Promise<void>) =>
  checkUntilStreamServes(servedLog, MOUNT, method, check);

describe("streams: faults", () => {
  before(async () => {
    await h.spot.data("ticker", { symbol: "BTC_USDT" });
    await h.spot.data("depth", { symbol: "BTC_USDT" });
    await waitLive("tickers", "BTC-USDT");
    await waitLive("books", "BTC-USDT");
  });

  it("a dropped socket: answers by REST meanwhile, and the stream is back within the backoff", async () => {
    const reconnects = streamsOf().find((s) => s.channel === "tickers")?.reconnects ?? 0;
    await assertRestWhileDropped({
      standin: h.standin,
      tickerDown: notLive("tickers"),
      moveMarket,
      servedLog,
      tickerMatches,
      depthMatches,
    });
    await waitLive("tickers", "BTC-USDT");
    await untilServedFromStream("ticker", tickerMatches);
    await untilServedFromStream("depth", depthMatches);
    assert.ok((streamsOf().find((s) => s.channel === "tickers")?.reconnects ?? 0) > reconnects);
  });

  it("a silent socket past the keepalive: the same", async () => {
    h.standin.ws.goSilent(true);
    try {
      await waitFor(notLive("tickers"), 8000, "silence noticed");
      moveMarket();
      await tickerMatches();
      await depthMatches();
    } finally {
      h.standin.ws.goSilent(false);
    }
    await waitLive("tickers", "BTC-USDT");
    await untilServedFromStream("ticker", tickerMatches);
    await untilServedFromStream("depth", depthMatches);
  });

  it("a skipped sequence number: the book is discarded, never served, and resubscribed", async () => {
    await waitLive("books", "BTC-USDT");
    const from = events.length;
    // Held, the book's resubscription waits until an answer was checked while the book was down.
    await whileHeld(h.standin.ws, "books", async () => {
      h.standin.ws.skipSequence("BTC-USDT");
      moveMarket();
      await waitFor(notLive("books"), 8000, "gap noticed");
      await depthMatches();
    });
    await untilServedFromStream("depth", depthMatches);
    const books = events.slice(from).filter((e) => e.channel === "books");
    assert.ok(
      books.some((e) => e.state === "down"),
      "discarded",
    );
    assert.ok(
      books.some((e) => e.reconnect),
      "resubscribed",
    );
    assert.equal(
      streamState("tickers", "BTC-USDT"),
      "live",
      "the other streams on the socket were untouched",
    );
  });

  it("real checksums are verified; a wrong non-zero one discards the book until a good snapshot", async () => {
    h.standin.ws.setChecksums(true);
    try {
      moveMarket();
      await untilServedFromStream("depth", depthMatches);
      const from = events.length;
      await whileHeld(h.standin.ws, "books", async () => {
        h.standin.ws.badChecksum("BTC-USDT");
        moveMarket();
        await waitFor(notLive("books"), 8000, "bad checksum noticed");
        await depthMatches();
      });
      await untilServedFromStream("depth", depthMatches);
      const books = events.slice(from).filter((e) => e.channel === "books");
      assert.ok(books.some((e) => e.state === "down") && books.some((e) => e.reconnect));
      // Still checked and still right after more moves with real checksums.
      moveMarket();
      await untilServedFromStream("depth", depthMatches);
    } finally {
      h.standin.ws.setChecksums(false);
    }
  });

  it("a refused subscription leaves the calls to REST, with OKX's answer unchanged", async () => {
    h.standin.ws.refuse("LTC-USDT");
    try {
      for (let i = 0; i < 3; i++) {
        const t = await h.spot.data<Ticker>("ticker", { symbol: "LTC_USDT" });
        assert.deepEqual(tickerFields(t), await trueTicker(h.standin.url, "LTC-USDT"));
      }
      await waitFor(() => streamState("tickers", "LTC-USDT") === "down", 8000, "refusal seen");
      const t = await h.spot.data<Ticker>("ticker", { symbol: "LTC_USDT" });
      assert.deepEqual(tickerFields(t), await trueTicker(h.standin.url, "LTC-USDT"));
    } finally {
      h.standin.ws.clearFaults();
    }
  });
});
