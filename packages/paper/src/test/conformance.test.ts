// The testkit's conformance suite against paper mounts over the simulated market, spot and swap.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { wireName } from "@fmz-gateway/core";
import { type ConformanceTarget, conformanceTests } from "@fmz-gateway/testkit";
import { type Harness, startHarness } from "./harness";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

function target(over: Partial<ConformanceTarget>): ConformanceTarget {
  return {
    baseUrl: h.gateway.url,
    exchange: "SIM",
    accessKey: "paper-account-1",
    secretKey: "x",
    symbol: "BTC_USDT",
    // The simulated market runs on the test's clock: its times are checked against that one.
    clock: () => h.clock.now,
    ...over,
  };
}

/** Leverage and funding are for swaps: a spot mount answers "not supported" to them. */
const SWAP_ONLY = [wireName("setMarginLevel"), wireName("getFundings")];

describe("conformance on the simulated market", () => {
  describe("spot: every method correct; leverage and funding are for swaps", () => {
    conformanceTests(() => target({ range: "USDT.swap", order: { price: "30000", amount: "0.001" } }), {
      notSupported: SWAP_ONLY,
    });
  });

  describe("swap: every method correct", () => {
    conformanceTests(
      () => target({ exchange: "SIM_SWAP", range: "USDT.swap", order: { price: "30000", amount: "1" } }),
      { notSupported: [] },
    );
  });

  describe("swap with an explicit .swap symbol and a sell order: every method correct", () => {
    conformanceTests(
      () =>
        target({
          exchange: "SIM_SWAP",
          symbol: "ETH_USDT.swap",
          order: { price: "9000", amount: "2", side: "sell" },
        }),
      { notSupported: [] },
    );
  });

  it("records: 500 bars at every period", async () => {
    for (const period of [1, 3, 5, 15, 30, 60, 120, 240, 360, 720, 1440, 10080]) {
      const bars = await h.spot.data<number[][]>("records", { symbol: "BTC_USDT", period, limit: 500 });
      assert.equal(bars.length, 500, `period ${period}`);
      assert.equal(bars[1][0] - bars[0][0], period * 60, `period ${period}`);
    }
  });
});
