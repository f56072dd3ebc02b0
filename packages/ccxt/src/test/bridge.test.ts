import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CallDeadline, TimeoutError, parseCredentials, silentLogger } from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { Bridge, type Ctx } from "../bridge";
import { InstancePool } from "../instances";
import { timeframeOf } from "../methods/market-data";
import type { CcxtOptions } from "../options";

const OPTIONS: CcxtOptions = {
  exchange: "okx",
  market: "spot",
  sandbox: false,
  timeoutMs: 10_000,
  ccxt: {},
  maxInstances: 2,
  baseUrl: "http://127.0.0.1:9",
};

/** A public call's context: its deadline (epoch ms) and its signal, read on first use as the host's is. */
function callContext(options: CcxtOptions, deadline: number, signal: () => AbortSignal): Ctx {
  return {
    exchange: "T",
    method: "ticker",
    credentials: parseCredentials("", ""),
    options,
    logger: silentLogger(),
    get signal() {
      return signal();
    },
    deadline,
    setRaw: () => undefined,
  };
}

/** Whether a promise has settled, read after pending microtasks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return done;
}

describe("per-call deadlines on a shared ccxt instance", () => {
  /** ccxt's own timeout, far above the calls' deadlines: only our race can end them. */
  const INSTANCE_TIMEOUT_MS = 20_000;
  let standin: OkxStandin;
  let options: CcxtOptions;
  let pool: InstancePool;
  let bridge: Bridge;
  before(async () => {
    standin = await startOkxStandin({ port: 0 });
    options = { ...OPTIONS, baseUrl: standin.url, timeoutMs: INSTANCE_TIMEOUT_MS };
    pool = new InstancePool(options, "T", silentLogger());
    bridge = new Bridge(options, pool);
  });
  after(async () => {
    pool.close();
    await standin.close();
  });

  /** One ticker call as the host runs it: under a deadline of its own, on the mount's public instance. */
  function ticker(timeoutMs: number): Promise<unknown> {
    const deadline = CallDeadline.after("T ticker", timeoutMs);
    const ctx = callContext(options, deadline.at, () => deadline.signal);
    return deadline.run(async () => {
      const ex = await bridge.publicExchange(ctx);
      return bridge.run(ctx, "ticker", () => ex.fetchTicker("BTC/USDT"));
    });
  }

  it("concurrent calls each time out at their own deadline; neither changes the other's or ccxt's timeout", async () => {
    const ex = await pool.publicInstance(); // markets loaded before the ticker starts hanging
    standin.faults.add({ path: "market/ticker", kind: "hang", times: 2 });
    const short = ticker(300);
    const long = ticker(1_500);
    await assert.rejects(short, (err: Error) => {
      assert.ok(err instanceof TimeoutError, String(err));
      assert.equal(err.message, "T ticker: no answer within 300 ms");
      return true;
    });
    assert.equal(await settled(long), false, "the short call's deadline does not end the long one");
    assert.equal(ex.timeout, INSTANCE_TIMEOUT_MS, "no call writes the shared instance's timeout");
    await assert.rejects(long, (err: Error) => {
      assert.ok(err instanceof TimeoutError, String(err));
      assert.equal(err.message, "T ticker: no answer within 1500 ms");
      return true;
    });
    assert.equal(ex.timeout, INSTANCE_TIMEOUT_MS);
    // The instance still serves once the exchange answers again.
    const t = (await ticker(5_000)) as { symbol: string; last: number };
    assert.equal(t.symbol, "BTC/USDT");
    assert.ok(t.last > 0);
  });

  it("a context made by hand (no host deadline behind its signal) is still raced with its deadline", async () => {
    const ex = await pool.publicInstance();
    standin.faults.add({ path: "market/ticker", kind: "hang", times: 1 });
    const never = new AbortController().signal;
    const ctx = callContext(options, Date.now() + 200, () => never);
    await assert.rejects(
      bridge.run(ctx, "ticker", () => ex.fetchTicker("BTC/USDT")),
      /^TimeoutError: T ticker: no answer within \d+ ms$/,
    );
    assert.equal(ex.timeout, INSTANCE_TIMEOUT_MS);
  });
});

describe("records periods", () => {
  it("minutes → ccxt timeframes", () => {
    assert.deepEqual([1, 5, 15, 60, 240, 1440, 10080, 7].map(timeframeOf), [
      "1m",
      "5m",
      "15m",
      "1h",
      "4h",
      "1d",
      "1w",
      "7m",
    ]);
  });
});
