// One mount reading another's public methods: dependency order, refusals at start, and the call's context.
import "reflect-metadata";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CallContext } from "../adapter/call-context";
import { ExchangeAdapter, type MountInfo } from "../adapter/exchange-adapter";
import type { MountSource } from "../adapter/mount-source";
import { TimeoutError } from "../errors/gateway-errors";
import { silentLogger } from "../logging/logger";
import type { DepthParams, InstrumentParams } from "../protocol/params";
import type { Depth, Ticker } from "../protocol/reply-types";
import { Exchange } from "../registry/exchange-registry";
import { Telemetry } from "../telemetry/telemetry";
import { StartupError, createMounts } from "./mounts";

const initialised: string[] = [];
/** How many of the upstream's calls are hanging, and why each was told to stop (its signal's reason). */
let hanging = 0;
const stopped: string[] = [];

@Exchange("SRCTEST_UPSTREAM", { autoMount: false })
export class UpstreamAdapter extends ExchangeAdapter {
  override async init(mount: MountInfo): Promise<void> {
    await super.init(mount);
    initialised.push(mount.name);
  }
  override async getTicker(ctx: CallContext, p: InstrumentParams): Promise<Ticker> {
    if (p.symbol.base === "HANG") {
      const signal = ctx.signal;
      hanging++;
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      stopped.push(String(signal.reason));
      throw signal.reason;
    }
    // What the reader's call looks like from here: public, with a deadline.
    const seen = `${ctx.exchange}|${ctx.method}|${ctx.credentials.accessKey}|${ctx.deadline > Date.now()}`;
    return {
      symbol: `${p.symbol.text} ${seen}`,
      buy: 1,
      sell: 2,
      high: 2,
      low: 1,
      open: 1,
      last: 1,
      vol: 0,
      time: 0,
    };
  }
  override async getDepth(_ctx: CallContext, _p: DepthParams): Promise<Depth> {
    // Numbers as an adapter answers them: 0.3 and 1e-7 are floats that print as their decimals.
    return { time: 1, asks: [[0.3, 1e-7]], bids: [[0.29999, 12.5]] };
  }
}

@Exchange("SRCTEST_READER", { autoMount: false })
export class ReaderAdapter extends ExchangeAdapter<{ source: string }> {
  static dependencies(options: Record<string, unknown>): string[] {
    return [String(options.source)];
  }
  source?: MountSource;
  base = "";
  override async init(mount: MountInfo<{ source: string }>): Promise<void> {
    await super.init(mount);
    initialised.push(mount.name);
    this.base = mount.baseDir;
    this.source = mount.mountSource(mount.options.source);
  }
}

const start = (exchanges: Record<string, { adapter: string; options?: Record<string, unknown> }>) =>
  createMounts(exchanges, silentLogger(), 5_000, new Telemetry(), "/some/config/dir");

describe("mount sources", () => {
  test("a reader is initialised after its source and calls its typed public methods", async () => {
    initialised.length = 0;
    const mounts = await start({
      READ: { adapter: "SRCTEST_READER", options: { source: "up" } },
      UP: { adapter: "SRCTEST_UPSTREAM" },
    });
    assert.deepEqual(initialised, ["UP", "READ"]);
    assert.deepEqual([...mounts.keys()], ["READ", "UP"]);
    const reader = mounts.get("READ")?.adapter as ReaderAdapter;
    assert.equal(reader.base, "/some/config/dir");
    const ticker = await reader.source?.call("getTicker", {
      symbol: { kind: "instrument", base: "BTC", quote: "USDT", text: "BTC_USDT" },
    });
    assert.equal(ticker?.symbol, "BTC_USDT UP|ticker||true");
  });

  test("a reader gets the source's money as exact decimal text", async () => {
    const mounts = await start({
      READ: { adapter: "SRCTEST_READER", options: { source: "UP" } },
      UP: { adapter: "SRCTEST_UPSTREAM" },
    });
    const source = (mounts.get("READ")?.adapter as ReaderAdapter).source;
    const symbol = { kind: "instrument", base: "BTC", quote: "USDT", text: "BTC_USDT" } as const;
    assert.deepEqual(await source?.call("getDepth", { symbol, limit: 5 }), {
      time: 1,
      asks: [["0.3", "0.0000001"]],
      bids: [["0.29999", "12.5"]],
    });
    const ticker = await source?.call("getTicker", { symbol });
    assert.deepEqual(
      [ticker?.buy, ticker?.sell, ticker?.last, ticker?.vol, ticker?.time],
      ["1", "2", "1", "0", 0],
    );
  });

  test("a source call ends at the caller's deadline, or at once when the caller gives up", async () => {
    const mounts = await start({
      READ: { adapter: "SRCTEST_READER", options: { source: "UP" } },
      UP: { adapter: "SRCTEST_UPSTREAM" },
    });
    const source = (mounts.get("READ")?.adapter as ReaderAdapter).source;
    const symbol = { kind: "instrument", base: "HANG", quote: "USDT", text: "HANG_USDT" } as const;
    stopped.length = 0;
    hanging = 0;
    await assert.rejects(
      source?.call("getTicker", { symbol }, { deadline: Date.now() + 100 }) ?? Promise.resolve(),
      (err: Error) => err instanceof TimeoutError && /^UP ticker: no answer within \d+ ms$/.test(err.message),
    );
    const caller = new AbortController();
    const pending = source?.call("getTicker", { symbol }, { signal: caller.signal }) ?? Promise.resolve();
    while (hanging < 2) await new Promise((resolve) => setImmediate(resolve));
    caller.abort(new TimeoutError("READ ticker: no answer within 300 ms"));
    await assert.rejects(pending, /^TimeoutError: READ ticker: no answer within 300 ms$/);
    // The upstream's own call was told to stop, each time with the reason the reader got.
    assert.equal(stopped.length, 2);
    assert.match(stopped[0], /^TimeoutError: UP ticker: no answer within \d+ ms$/);
    assert.equal(stopped[1], "TimeoutError: READ ticker: no answer within 300 ms");
  });

  test("an unknown source is refused at start, naming the config path", async () => {
    await assert.rejects(
      start({ READ: { adapter: "SRCTEST_READER", options: { source: "NOPE" } } }),
      (err: Error) =>
        err instanceof StartupError && /^exchanges\.READ\.options: no mount named "NOPE"/.test(err.message),
    );
  });

  test("a circular source is refused at start", async () => {
    await assert.rejects(
      start({
        A: { adapter: "SRCTEST_READER", options: { source: "B" } },
        B: { adapter: "SRCTEST_READER", options: { source: "A" } },
      }),
      (err: Error) => err instanceof StartupError && /circular source: A → B → A/.test(err.message),
    );
  });
});
