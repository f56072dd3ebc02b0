// One mount reading another's public methods: dependency order, refusals at start, and the call's context.
import "reflect-metadata";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CallContext } from "../adapter/call-context";
import { ExchangeAdapter, type MountInfo } from "../adapter/exchange-adapter";
import type { MountSource } from "../adapter/mount-source";
import { silentLogger } from "../logging/logger";
import type { InstrumentParams } from "../protocol/params";
import type { Ticker } from "../protocol/reply-types";
import { Exchange } from "../registry/exchange-registry";
import { Telemetry } from "../telemetry/telemetry";
import { StartupError, createMounts } from "./mounts";

const initialised: string[] = [];

@Exchange("SRCTEST_UPSTREAM", { autoMount: false })
export class UpstreamAdapter extends ExchangeAdapter {
  override async init(mount: MountInfo): Promise<void> {
    await super.init(mount);
    initialised.push(mount.name);
  }
  override async getTicker(ctx: CallContext, p: InstrumentParams): Promise<Ticker> {
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
