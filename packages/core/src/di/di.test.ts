// Services by token: what a constructor can inject, what a gateway's container replaces, what stays one.
import "reflect-metadata";
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { container, inject } from "tsyringe";
import type { CallContext } from "../adapter/call-context";
import { ExchangeAdapter, type MountInfo } from "../adapter/exchange-adapter";
import type { MountSource } from "../adapter/mount-source";
import { MemoryRateLimitStore } from "../helpers/rate-limit-store";
import type { TtlCache } from "../helpers/ttl-cache";
import { Gateway } from "../host/gateway";
import { StartupError } from "../host/mounts";
import { type Logger, silentLogger } from "../logging/logger";
import { wireName } from "../protocol/method-table";
import type { InstrumentParams } from "../protocol/params";
import type { Ticker } from "../protocol/reply-types";
import { Exchange } from "../registry/exchange-registry";
import type { MountTelemetry } from "../telemetry/telemetry";
import { provideService, resolveService } from "./service";
import {
  CACHE_FACTORY,
  CLOCK,
  type CacheFactory,
  type Clock,
  MOUNT_INFO,
  MOUNT_LOGGER,
  MOUNT_SOURCES,
  MOUNT_TELEMETRY,
  type MountSources,
  RATE_LIMIT_STORE,
} from "./tokens";

/** Takes every service by token; answers a ticker that shows what it was given. */
@Exchange("DITEST", { autoMount: false })
export class InjectingAdapter extends ExchangeAdapter<{ tag: string; source?: string }> {
  static dependencies(options: Record<string, unknown>): string[] {
    return typeof options.source === "string" ? [options.source] : [];
  }

  private readonly cache: TtlCache<string, number>;
  private loads = 0;
  /** Whether `init` was handed the very services the constructor was. */
  sameAsInit = false;
  source?: MountSource;

  constructor(
    @inject(MOUNT_INFO) private readonly info: MountInfo<{ tag: string; source?: string }>,
    @inject(MOUNT_LOGGER) private readonly logger: Logger,
    @inject(MOUNT_TELEMETRY) private readonly telemetry: MountTelemetry,
    @inject(MOUNT_SOURCES) sources: MountSources,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(CACHE_FACTORY) caches: CacheFactory,
  ) {
    super();
    this.cache = caches.ttl({ ttlMs: 1_000 });
    if (info.options.source) this.source = sources(info.options.source);
  }

  override async init(mount: MountInfo<{ tag: string; source?: string }>): Promise<void> {
    await super.init(mount);
    this.sameAsInit =
      mount === this.info && mount.logger === this.logger && mount.telemetry === this.telemetry;
  }

  override async getTicker(_ctx: CallContext, p: InstrumentParams): Promise<Ticker> {
    const loads = await this.cache.get("k", async () => ++this.loads);
    const from = this.source ? `<${this.source.name}` : "";
    const symbol = `${p.symbol.text}@${this.info.name}:${this.info.options.tag}${from}`;
    const time = this.clock();
    return { symbol, buy: loads, sell: loads, high: 0, low: 0, open: 0, last: 0, vol: 0, time };
  }
}

const UNREGISTERED = Symbol.for("@fmz-gateway/core:di-test-unregistered");

@Exchange("DITEST_BROKEN", { autoMount: false })
export class BrokenAdapter extends ExchangeAdapter {
  constructor(@inject(UNREGISTERED) readonly missing: unknown) {
    super();
  }
}

async function ticker(gw: Gateway, mount: string): Promise<Ticker> {
  const res = await fetch(`${gw.url}/${mount}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      access_key: "",
      secret_key: "",
      method: wireName("getTicker"),
      params: { symbol: "BTC_USDT" },
    }),
  });
  const body = (await res.json()) as { data?: Ticker; error?: string };
  if (!body.data) throw new Error(`no data: ${body.error}`);
  return body.data;
}

describe("dependency injection", () => {
  const gateways: Gateway[] = [];
  after(async () => {
    for (const gw of gateways) await gw.close(0);
  });

  test("a clock registered in the gateway's container reaches every mount and its caches", async () => {
    let now = 1_800_000_000_000;
    const scope = provideService(container.createChildContainer(), CLOCK, () => now);
    const gw = await Gateway.start({
      port: 0,
      logger: silentLogger(),
      container: scope,
      exchanges: {
        DI_A: { adapter: "DITEST", options: { tag: "a" } },
        DI_B: { adapter: "DITEST", options: { tag: "b", source: "DI_A" } },
      },
    });
    gateways.push(gw);

    const a = await ticker(gw, "DI_A");
    assert.equal(a.symbol, "BTC_USDT@DI_A:a");
    assert.equal(a.time, now);
    assert.equal(a.buy, 1);
    assert.equal((await ticker(gw, "DI_B")).symbol, "BTC_USDT@DI_B:b<DI_A");

    // Cached on the swapped clock: still fresh until that clock (not the wall's) moves past the TTL.
    assert.equal((await ticker(gw, "DI_A")).buy, 1);
    now += 1_000;
    const later = await ticker(gw, "DI_A");
    assert.equal(later.buy, 2);
    assert.equal(later.time, now);

    for (const name of ["DI_A", "DI_B"]) {
      const adapter = gw.mounts.get(name)?.adapter as InjectingAdapter;
      assert.ok(adapter.sameAsInit, `${name}: init got what the constructor got`);
    }
  });

  test("the process-wide services are one per process unless a container replaces them", () => {
    const one = resolveService(container.createChildContainer(), RATE_LIMIT_STORE);
    const two = resolveService(container.createChildContainer().createChildContainer(), RATE_LIMIT_STORE);
    assert.ok(one instanceof MemoryRateLimitStore);
    assert.equal(one, two);
    const own = new MemoryRateLimitStore();
    const scope = provideService(container.createChildContainer(), RATE_LIMIT_STORE, own);
    assert.equal(resolveService(scope.createChildContainer(), RATE_LIMIT_STORE), own);
    assert.equal(resolveService(container, RATE_LIMIT_STORE), one);
  });

  test("a constructor asking for a token nobody registered stops start-up, naming the mount", async () => {
    await assert.rejects(
      Gateway.start({
        port: 0,
        logger: silentLogger(),
        exchanges: { BROKEN: { adapter: "DITEST_BROKEN" } },
      }),
      (err: unknown) => {
        assert.ok(err instanceof StartupError);
        assert.match(err.message, /^exchanges\.BROKEN: DITEST_BROKEN could not be built: /);
        return true;
      },
    );
  });
});
