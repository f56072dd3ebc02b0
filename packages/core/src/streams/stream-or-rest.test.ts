import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Logger, silentLogger } from "../logging/logger";
import { type ServedEvent, Telemetry } from "../telemetry/telemetry";
import { StreamCache } from "./stream-cache";
import type { StreamFeed, StreamRunner } from "./stream-feed";
import { type StreamQuestion, streamOrRest } from "./stream-or-rest";

/** A runner that keeps the feeds it was asked to open, so the test can push into them like a socket. */
class FakeRunner implements StreamRunner<number> {
  readonly feeds: StreamFeed<number>[] = [];
  open(feed: StreamFeed<number>): void {
    this.feeds.push(feed);
  }
  close(feed: StreamFeed<number>): void {
    this.feeds.splice(this.feeds.indexOf(feed), 1);
  }
}

/** A logger that keeps its debug lines, read synchronously (winston's transports write later). */
function debugLines(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = { isLevelEnabled: () => true, debug: (m: string) => lines.push(m) } as unknown as Logger;
  return { logger, lines };
}

function setup(logger: Logger = silentLogger()) {
  const hub = new Telemetry();
  const served: ServedEvent[] = [];
  hub.on("served", (e) => served.push(e));
  const cache = new StreamCache({ telemetry: hub.forMount("TEST"), logger });
  const runner = new FakeRunner();
  cache.register("tickers", runner);
  let restCalls = 0;
  const question = (over: Partial<StreamQuestion<number, string>> = {}): StreamQuestion<number, string> => ({
    ctx: { logger },
    method: "getTicker",
    channel: "tickers",
    key: "BTC-USDT",
    answer: (v) => `stream ${v}`,
    rest: async () => `rest ${++restCalls}`,
    ...over,
  });
  /** Opens (channel, key, scope) and makes it live with `value`. */
  const live = async (value: number, over: Partial<StreamQuestion<number, string>> = {}) => {
    await streamOrRest(cache, question(over));
    const feed = runner.feeds.at(-1);
    assert.ok(feed);
    feed.set(value);
    feed.live();
    return feed;
  };
  return { hub, cache, runner, served, question, live, restCalls: () => restCalls };
}

describe("streamOrRest", () => {
  it("a mount without streams: REST, with nothing counted", async () => {
    const { served, question } = setup();
    assert.equal(await streamOrRest(undefined, question()), "rest 1");
    assert.deepEqual(served, []);
  });

  it("a channel the mount does not stream: REST, with no stream opened and nothing counted", async () => {
    const { cache, runner, served, question } = setup();
    assert.equal(await streamOrRest(cache, question({ channel: "books", method: "getDepth" })), "rest 1");
    assert.equal(await streamOrRest(cache, question({ channel: "books", method: "getDepth" })), "rest 2");
    assert.equal(runner.feeds.length, 0);
    assert.equal(cache.size, 0);
    assert.deepEqual(served, []);
    cache.close();
  });

  it("a streamed channel: REST until live, then the stream, counted under the method's wire name", async () => {
    const { cache, served, question, live } = setup();
    await live(7);
    assert.equal(await streamOrRest(cache, question()), "stream 7");
    assert.deepEqual(served, [
      { exchange: "TEST", method: "ticker", source: "rest" },
      { exchange: "TEST", method: "ticker", source: "stream" },
    ]);
    cache.close();
  });

  it("keeps scopes apart: each scope its own stream, the runner told whose, people shown scope:key", async () => {
    const { hub, cache, runner, question, live } = setup();
    const shared = await live(1);
    const demo = await live(2, { scope: "demo" });
    const account = await live(3, { scope: "acct#1a2b" });
    assert.deepEqual(
      runner.feeds.map((f) => [f.scope, f.key]),
      [
        ["", "BTC-USDT"],
        ["demo", "BTC-USDT"],
        ["acct#1a2b", "BTC-USDT"],
      ],
      "the runner gets the bare key and the scope apart",
    );
    assert.equal(await streamOrRest(cache, question()), "stream 1");
    assert.equal(await streamOrRest(cache, question({ scope: "demo" })), "stream 2");
    assert.equal(await streamOrRest(cache, question({ scope: "acct#1a2b" })), "stream 3");
    // One scope's stream going down sends only that scope to REST.
    demo.down("socket closed");
    assert.equal(await streamOrRest(cache, question({ scope: "demo" })), "rest 4");
    assert.equal(await streamOrRest(cache, question()), "stream 1");
    assert.equal(await streamOrRest(cache, question({ scope: "acct#1a2b" })), "stream 3");
    assert.deepEqual(
      hub
        .streams("TEST")
        .map((s) => s.key)
        .sort(),
      ["BTC-USDT", "acct#1a2b:BTC-USDT", "demo:BTC-USDT"],
    );
    assert.equal(shared.scope, "");
    assert.equal(account.active, true);
    cache.close();
  });

  it("a value that cannot answer, and a closed cache: REST, counted as REST", async () => {
    const { cache, served, question, live } = setup();
    await live(5);
    const picky = question({ method: "getDepth", answer: (v) => (v > 10 ? "enough" : undefined) });
    assert.equal(await streamOrRest(cache, picky), "rest 2");
    cache.close();
    assert.equal(await streamOrRest(cache, question()), "rest 3");
    assert.deepEqual(
      served.map((e) => `${e.method}:${e.source}`),
      ["ticker:rest", "depth:rest", "ticker:rest"],
    );
  });

  it("says at debug level, in the call's log, where each answer came from and why", async () => {
    const { logger, lines } = debugLines();
    const { cache, question, live } = setup(logger);
    const feed = await live(1, { scope: "demo" });
    await streamOrRest(cache, question({ scope: "demo" }));
    feed.down("socket closed");
    await streamOrRest(cache, question({ scope: "demo" }));
    const said = lines.filter((l) => l.startsWith("answered"));
    assert.deepEqual(said, [
      "answered by REST: stream connecting (tickers demo:BTC-USDT)",
      "answered from stream tickers demo:BTC-USDT",
      "answered by REST: stream down (tickers demo:BTC-USDT)",
    ]);
    cache.close();
  });

  it("does not touch the call's logger when debug logging is off (a call that logs makes one)", async () => {
    const { cache, question, live } = setup();
    await live(1);
    let made = 0;
    const ctx = {
      get logger(): Logger {
        made++;
        return silentLogger();
      },
    };
    assert.equal(await streamOrRest(cache, question({ ctx })), "stream 1");
    assert.equal(await streamOrRest(cache, question({ ctx, key: "ETH-USDT" })), "rest 2");
    assert.equal(made, 0);
    cache.close();
  });
});
