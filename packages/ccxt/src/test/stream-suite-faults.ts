// Streams that break, written once for every mount (stream-mounts.ts): a dropped socket, a silent one, a
// sequence gap, a refused subscription. Meanwhile every answer is the stand-in's true state by REST, and
// the stream comes back and serves again by itself.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { StreamEvent, Ticker } from "@fmz-gateway/core";
import {
  assertRestWhileDropped,
  assertTrueDepth,
  assertTrueTicker,
  checkUntilStreamServes,
  gatewayStreams,
  setLast,
  tickerFields,
  trueTicker,
  waitFor,
  whileHeld,
} from "@fmz-gateway/okx-standin/test-support";
import { type StreamHarness, type StreamMount, startStreamHarness } from "./stream-mounts";

export function faultStreamSuite(m: StreamMount): void {
  let h: StreamHarness;
  const { servedLog, streamState, streamsOf, waitLive } = gatewayStreams(() => h.gateway.telemetry, m.name);
  const events: StreamEvent[] = [];
  const { ticker: TICKER, book: BOOK } = m.channels;
  const BTC = m.key("BTC-USDT");

  let price = 50_000;
  function moveMarket(instId = "BTC-USDT"): void {
    price += 7;
    setLast(h.standin, instId, price);
  }

  const tickerMatches = () => assertTrueTicker(h.spot, h.standin.url, "BTC_USDT", "BTC-USDT");
  const depthMatches = () => assertTrueDepth(h.spot, h.standin.url, "BTC_USDT", "BTC-USDT", 50);
  const notLive = (channel: string) => () => streamState(channel, BTC) !== "live";
  const reconnectsOf = (channel: string) => streamsOf().find((s) => s.channel === channel)?.reconnects ?? 0;

  /**
   * Waits until the stream is live again, moving the market meanwhile: the stand-in pushes a ticker only
   * when it changes, and a resubscription made while it was silent lost its first push.
   */
  async function liveAgain(channel: string): Promise<void> {
    let polls = 0;
    await waitFor(
      () => {
        if (polls++ % 10 === 0) moveMarket();
        return streamState(channel, BTC) === "live";
      },
      8000,
      `${channel} live again`,
    );
    // The push of the last move may still be on its way: let it land before answers are compared.
    await waitFor(async () => (await h.spot.data<Ticker>("ticker", { symbol: "BTC_USDT" })).last === price);
  }

  /** Calls until an answer came from the stream again, checking every answer on the way. */
  const untilServedFromStream = (method: "ticker" | "depth", check: () => Promise<void>) =>
    checkUntilStreamServes(servedLog, m.name, method, check);

  before(async () => {
    h = await startStreamHarness(m);
    h.gateway.telemetry.on("stream", (e) => {
      if (e.exchange === m.name) events.push(e);
    });
    await h.spot.data("ticker", { symbol: "BTC_USDT" });
    await h.spot.data("depth", { symbol: "BTC_USDT", limit: 50 });
    await waitLive(TICKER, BTC);
    await waitLive(BOOK, BTC);
  });
  after(async () => {
    await h.close();
  });

  it("a dropped socket: answers by REST meanwhile, and the stream is back within the backoff", async () => {
    const reconnects = reconnectsOf(TICKER);
    await assertRestWhileDropped({
      standin: h.standin,
      tickerDown: notLive(TICKER),
      moveMarket,
      servedLog,
      tickerMatches,
      depthMatches,
    });
    await waitLive(TICKER, BTC);
    await untilServedFromStream("ticker", tickerMatches);
    await untilServedFromStream("depth", depthMatches);
    assert.ok(reconnectsOf(TICKER) > reconnects, "resubscribed");
  });

  it("a silent socket past the keepalive: the same", async () => {
    await waitLive(TICKER, BTC);
    h.standin.ws.goSilent(true);
    try {
      await waitFor(notLive(TICKER), 8000, "silence noticed");
      moveMarket();
      await tickerMatches();
      await depthMatches();
    } finally {
      h.standin.ws.goSilent(false);
    }
    await liveAgain(TICKER);
    await liveAgain(BOOK);
    await untilServedFromStream("ticker", tickerMatches);
    await untilServedFromStream("depth", depthMatches);
  });

  it("a skipped sequence number: the book is discarded, never served, and resubscribed", async () => {
    await waitLive(BOOK, BTC);
    await untilServedFromStream("depth", depthMatches);
    const from = events.length;
    // Held, the book's resubscription (OKX's `books` channel) waits until answers were checked while the
    // book was down, however slow the machine is.
    const served = servedLog();
    await whileHeld(h.standin.ws, "books", async () => {
      h.standin.ws.skipSequence("BTC-USDT");
      moveMarket();
      // Every answer on the way is checked against the true book: a broken book must never be served.
      await waitFor(
        async () => {
          await depthMatches();
          return notLive(BOOK)();
        },
        8000,
        "gap noticed",
      );
      await depthMatches();
    });
    await untilServedFromStream("depth", depthMatches);
    const books = events.slice(from).filter((e) => e.channel === BOOK);
    assert.ok(
      books.some((e) => e.state === "down"),
      "discarded",
    );
    assert.ok(
      books.some((e) => e.reconnect),
      "resubscribed",
    );
    assert.ok(
      served.some((e) => e.method === "depth" && e.source === "rest"),
      "REST while it was down",
    );
    assert.equal(streamState(TICKER, BTC), "live", "the ticker on the same socket was untouched");
  });

  it("a refused subscription leaves the calls to REST, with the exchange's answer unchanged", async () => {
    const from = events.length;
    h.standin.ws.refuse("LTC-USDT");
    try {
      for (let i = 0; i < 3; i++) {
        const t = await h.spot.data<Ticker>("ticker", { symbol: "LTC_USDT" });
        assert.deepEqual(tickerFields(t), await trueTicker(h.standin.url, "LTC-USDT"));
      }
      // Counted from the refusal on, so a ticker that went down in an earlier test does not count.
      await waitFor(
        () => events.slice(from).some((e) => e.channel === TICKER && e.state === "down"),
        8000,
        "refusal seen",
      );
      const t = await h.spot.data<Ticker>("ticker", { symbol: "LTC_USDT" });
      assert.deepEqual(tickerFields(t), await trueTicker(h.standin.url, "LTC-USDT"));
      assert.notEqual(streamState(TICKER, m.key("LTC-USDT")), "live");
    } finally {
      h.standin.ws.clearFaults();
    }
  });
}
