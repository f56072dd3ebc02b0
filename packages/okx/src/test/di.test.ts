// The OKX adapter takes its rate-limit store and clock from the container: a store handed to the gateway
// is the one its calls take slots from, and by default every OKX mount of the process shares one store.
import "../index";
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import {
  CLOCK,
  Gateway,
  MemoryRateLimitStore,
  RATE_LIMIT_STORE,
  type RateLimitStore,
  type SlotRequest,
  type Ticker,
  provideService,
  silentLogger,
  wireName,
} from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { DockerClient } from "@fmz-gateway/testkit";
import { type DependencyContainer, container } from "tsyringe";
import { LIVE, LIVE_SECRET_KEY, TIMEOUT_MS } from "./harness";

const TICKER = wireName("getTicker");
const ACCOUNT = wireName("getAccount");

/** Remembers every key it was asked for; refuses (a slot a second past the caller's bound) what `refuse` matches. */
class RecordingStore implements RateLimitStore {
  readonly keys: string[] = [];
  private readonly inner = new MemoryRateLimitStore();
  constructor(private readonly refuse?: RegExp) {}
  take(key: string, slot: SlotRequest): number {
    this.keys.push(key);
    return this.refuse?.test(key) ? slot.latest + 1_000 : this.inner.take(key, slot);
  }
}

interface Setup {
  standin: OkxStandin;
  spot: DockerClient;
  swap: DockerClient;
}

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

/** A stand-in OKX and a gateway with a spot and a swap mount on it, resolved in `scope`. */
async function start(scope: DependencyContainer): Promise<Setup> {
  const standin = await startOkxStandin({ port: 0 });
  closers.push(() => standin.close());
  const common = { baseUrl: standin.url, timeoutMs: TIMEOUT_MS, streams: false };
  const gateway = await Gateway.start({
    port: 0,
    logger: silentLogger(),
    container: scope,
    exchanges: {
      OKX: { adapter: "OKX", options: common },
      OKX_SWAP: { adapter: "OKX", options: { ...common, market: "swap" } },
    },
  });
  closers.push(() => gateway.close(1_000));
  const spot = new DockerClient({
    baseUrl: gateway.url,
    exchange: "OKX",
    accessKey: LIVE.apiKey,
    secretKey: LIVE_SECRET_KEY,
    timeoutMs: 20_000,
  });
  return { standin, spot, swap: spot.with({ exchange: "OKX_SWAP" }) };
}

describe("services from the container", () => {
  it("takes every slot from the rate-limit store registered in the gateway's container", async () => {
    const store = new RecordingStore();
    const { spot, swap } = await start(
      provideService(container.createChildContainer(), RATE_LIMIT_STORE, store),
    );

    await spot.data<Ticker>(TICKER, { symbol: "BTC_USDT" });
    await swap.data<Ticker>(TICKER, { symbol: "BTC_USDT" });
    await spot.data(ACCOUNT);

    // Public limits count per IP: both mounts' tickers land in one window of the store.
    const tickers = store.keys.filter((k) => k.startsWith("OKX GET /api/v5/market/ticker|"));
    assert.equal(tickers.length, 2);
    assert.equal(tickers[0], tickers[1]);
    // Private ones per user: the balance's window is the caller's.
    const balance = store.keys.filter((k) => k.startsWith("OKX GET /api/v5/account/balance|"));
    assert.equal(balance.length, 1);
    assert.ok(
      balance[0].split("|")[1] === LIVE.apiKey,
      "the balance window is keyed by the caller's API key",
    );
  });

  it("answers the rate-limited error when that store refuses, and sends nothing to OKX", async () => {
    const store = new RecordingStore(/market\/ticker/);
    const scope = provideService(container.createChildContainer(), RATE_LIMIT_STORE, store);
    const { standin, spot } = await start(scope);

    const r = await spot.call<Ticker>(TICKER, { symbol: "BTC_USDT" });
    // The store's slot lies 1 s past the limiter's 5 s wait bound.
    assert.equal(
      r.error,
      "OKX rate-limit: gateway limiter: more than 20 requests per 2000 ms to GET /api/v5/market/ticker; retry in 6000 ms",
    );
    assert.equal(standin.requests.filter((q) => q.path === "/api/v5/market/ticker").length, 0);
    // Other endpoints still go.
    assert.ok((await spot.data<unknown[]>(ACCOUNT)).length > 0);
  });

  it("shares one store between two OKX mounts by default", async () => {
    // Only the clock is the test's (the store is the process's default), so slots are placed in time
    // without waiting: the spot mount's burst fills the ticker window at T + 3 s ...
    const T = Date.now();
    let now = T + 3_000;
    const { spot, swap } = await start(provideService(container.createChildContainer(), CLOCK, () => now));
    for (let i = 0; i < 20; i++) await spot.data<Ticker>(TICKER, { symbol: "BTC_USDT" });

    // ... so the swap mount, asking at T, would have to wait 5.25 s for its slot: past the 5 s bound.
    now = T;
    const r = await swap.call<Ticker>(TICKER, { symbol: "BTC_USDT" });
    assert.equal(
      r.error,
      "OKX rate-limit: gateway limiter: more than 20 requests per 2000 ms to GET /api/v5/market/ticker; retry in 5250 ms",
    );
    // Only that window is full: the swap mount's other calls go.
    assert.ok(await swap.data(wireName("getDepth"), { symbol: "BTC_USDT" }));
  });
});
