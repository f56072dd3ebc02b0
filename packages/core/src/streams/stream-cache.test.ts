import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { silentLogger } from "../logging/logger";
import { type ServedEvent, type StreamEvent, Telemetry } from "../telemetry/telemetry";
import { StreamCache } from "./stream-cache";
import { streamOrRest } from "./stream-or-rest";
import type { StreamFeed, StreamRunner } from "./stream-feed";

/** A runner that records what the cache asked of it and lets the test push like a socket would. */
class FakeRunner implements StreamRunner<number> {
  readonly feeds = new Map<string, StreamFeed<number>>();
  readonly opened: string[] = [];
  readonly closed: string[] = [];
  open(feed: StreamFeed<number>): void {
    this.opened.push(feed.key);
    this.feeds.set(feed.key, feed);
  }
  close(feed: StreamFeed<number>): void {
    this.closed.push(feed.key);
    this.feeds.delete(feed.key);
  }
}

function setup(opts: { idleMs?: number; maxStreams?: number } = {}) {
  let clock = 1_000_000;
  const hub = new Telemetry();
  const served: ServedEvent[] = [];
  const states: StreamEvent[] = [];
  hub.on("served", (e) => served.push(e));
  hub.on("stream", (e) => states.push(e));
  const cache = new StreamCache({
    telemetry: hub.forMount("TEST"),
    logger: silentLogger(),
    now: () => clock,
    ...opts,
  });
  const runner = new FakeRunner();
  cache.register("tickers", runner);
  let restCalls = 0;
  const ctx = { logger: silentLogger() };
  const ask = (key: string) =>
    streamOrRest<number, string>(cache, {
      ctx,
      channel: "tickers",
      key,
      method: "getTicker",
      answer: (v) => `stream ${v}`,
      rest: async () => `rest ${++restCalls}`,
    });
  return { cache, runner, hub, served, states, ask, tick: (ms: number) => (clock += ms) };
}

describe("StreamCache", () => {
  it("answers the first call by REST and opens one subscription for it", async () => {
    const { cache, runner, ask, served } = setup();
    assert.equal(await ask("BTC-USDT"), "rest 1");
    assert.deepEqual(runner.opened, ["BTC-USDT"]);
    assert.equal(await ask("BTC-USDT"), "rest 2", "still connecting: REST");
    assert.deepEqual(runner.opened, ["BTC-USDT"], "no second subscription");
    assert.deepEqual(
      served.map((e) => e.source),
      ["rest", "rest"],
    );
    cache.close();
  });

  it("serves a value only while the runner says the stream is live", async () => {
    const { cache, runner, ask, hub } = setup();
    await ask("BTC-USDT");
    const feed = runner.feeds.get("BTC-USDT");
    assert.ok(feed);
    feed.set(1);
    assert.equal(await ask("BTC-USDT"), "rest 2", "a value before the ack is not served");
    feed.live();
    assert.equal(await ask("BTC-USDT"), "stream 1");
    feed.set(2);
    assert.equal(await ask("BTC-USDT"), "stream 2");
    feed.down("socket closed");
    assert.equal(await ask("BTC-USDT"), "rest 3", "down: REST, even though a value is held");
    feed.connecting(true);
    feed.live();
    assert.equal(await ask("BTC-USDT"), "stream 2");
    feed.down("sequence gap", { discard: true });
    feed.live();
    assert.equal(await ask("BTC-USDT"), "rest 4", "a discarded value never comes back");
    const [snap] = hub.streams("TEST");
    assert.equal(snap.reconnects, 1);
    assert.equal(snap.state, "live");
    cache.close();
  });

  it("falls back to REST when the value cannot answer the call", async () => {
    const { cache, runner } = setup();
    cache.want("tickers", "X");
    const feed = runner.feeds.get("X");
    feed?.set(5);
    feed?.live();
    const r = await streamOrRest<number, string>(cache, {
      ctx: { logger: silentLogger() },
      channel: "tickers",
      key: "X",
      method: "getDepth",
      answer: (v) => (v > 10 ? "enough" : undefined),
      rest: async () => "rest",
    });
    assert.equal(r, "rest");
    cache.close();
  });

  it("releases a stream nobody asked for within idleMs, and keeps one in use", async () => {
    const { cache, runner, ask, tick } = setup({ idleMs: 1000 });
    await ask("A");
    await ask("B");
    tick(600);
    await ask("B");
    tick(600);
    cache.sweep();
    assert.deepEqual(runner.closed, ["A"]);
    assert.deepEqual(
      cache.snapshot().map((s) => s.key),
      ["B"],
    );
    await ask("A");
    assert.deepEqual(runner.opened, ["A", "B", "A"], "asked again: subscribed again");
    cache.close();
  });

  it("holds at most maxStreams, letting the least recently used go", async () => {
    const { cache, runner, ask } = setup({ maxStreams: 3 });
    for (const k of ["A", "B", "C"]) await ask(k);
    await ask("A"); // A is now the most recently used; B the least
    await ask("D");
    assert.equal(cache.size, 3);
    assert.deepEqual(runner.closed, ["B"]);
    await ask("E");
    assert.deepEqual(runner.closed, ["B", "C"]);
    assert.deepEqual(
      cache
        .snapshot()
        .map((s) => s.key)
        .sort(),
      ["A", "D", "E"],
    );
    cache.close();
  });

  it("reports states to telemetry and stops feeding released streams", async () => {
    const { cache, runner, ask, states } = setup();
    await ask("A");
    const feed = runner.feeds.get("A");
    feed?.live();
    feed?.down("closed");
    feed?.connecting(true);
    cache.close();
    assert.deepEqual(
      states.map((s) => `${s.channel}:${s.state}${s.reconnect ? ":re" : ""}`),
      ["tickers:connecting", "tickers:live", "tickers:down", "tickers:connecting:re"],
    );
    assert.deepEqual(runner.closed, ["A"]);
    assert.equal(feed?.active, false);
    feed?.live();
    assert.equal(states.length, 4, "a released feed reports nothing");
    assert.equal(await ask("A"), "rest 2", "a closed cache answers by REST");
  });

  it("treats a runner that throws on open as down", async () => {
    const hub = new Telemetry();
    const cache = new StreamCache({ telemetry: hub.forMount("T"), logger: silentLogger() });
    cache.register("books", {
      open: () => {
        throw new Error("no socket");
      },
      close: () => undefined,
    });
    cache.want("books", "X");
    assert.equal(hub.streams("T")[0]?.state, "down");
    cache.close();
  });
});
