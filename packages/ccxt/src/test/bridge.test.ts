import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TimeoutError, parseCredentials, silentLogger } from "@fmz-gateway/core";
import { Bridge, type Ctx, raceAbort } from "../bridge";
import { createExchange } from "../ccxt-lib";
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

function ctx(deadlineIn: number, signal = new AbortController().signal): Ctx {
  return {
    exchange: "T",
    method: "ticker",
    credentials: parseCredentials("", ""),
    options: OPTIONS,
    logger: silentLogger(),
    signal,
    deadline: Date.now() + deadlineIn,
    setRaw: () => undefined,
  };
}

describe("per-call deadline", () => {
  const bridge = new Bridge(OPTIONS, new InstancePool(OPTIONS, "T", silentLogger()));

  it("ccxt's timeout stays under half the time left, and never above timeoutMs", async () => {
    const ex = createExchange("okx", {});
    await bridge.runRaw(ctx(30_000), ex, async () => undefined);
    assert.equal(ex.timeout, 10_000);
    await bridge.runRaw(ctx(4_000), ex, async () => undefined);
    assert.ok(ex.timeout <= 2_000 && ex.timeout >= 1_900, String(ex.timeout));
  });

  it("an aborted call rejects at once with the abort reason; the abandoned work is swallowed", async () => {
    const ac = new AbortController();
    let rejectLate: (err: Error) => void = () => undefined;
    const slow = new Promise<never>((_, reject) => (rejectLate = reject));
    const raced = raceAbort(slow, ac.signal);
    ac.abort(new TimeoutError("deadline"));
    await assert.rejects(raced, /deadline/);
    // The abandoned work fails after the caller has gone: that rejection must not surface as unhandled.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      rejectLate(new Error("late"));
      // Node reports an unhandled rejection once the microtasks have run: one turn of the loop is enough.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    assert.deepEqual(unhandled, []);
  });

  it("passes results and errors through when not aborted", async () => {
    const signal = new AbortController().signal;
    assert.equal(await raceAbort(Promise.resolve(7), signal), 7);
    await assert.rejects(raceAbort(Promise.reject(new Error("x")), signal), /x/);
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
