// The testkit's conformance suite against the spot and the swap mount, driven over loopback.
import { after, before, describe } from "node:test";
import { wireName } from "@fmz-gateway/core";
import { type ConformanceTarget, conformanceTests } from "@fmz-gateway/testkit";
import { type Harness, LIVE, LIVE_SECRET_KEY, startHarness } from "./harness";

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
    exchange: "OKX",
    accessKey: LIVE.apiKey,
    secretKey: LIVE_SECRET_KEY,
    symbol: "BTC_USDT",
    ...over,
  };
}

/** Leverage and funding are for swaps: a spot mount answers "not supported" to them. */
const SWAP_ONLY = [wireName("setMarginLevel"), wireName("getFundings")];

describe("spot mount: every method correct; leverage and funding are for swaps", () => {
  conformanceTests(() => target({ range: "USDT.swap", order: { price: "30000", amount: "0.001" } }), {
    notSupported: SWAP_ONLY,
  });
});

describe("swap mount: every method correct", () => {
  conformanceTests(
    () => target({ exchange: "OKX_SWAP", range: "USDT.swap", order: { price: "30000", amount: "1" } }),
    { notSupported: [] },
  );
});

describe("swap mount with an explicit .swap symbol and a sell order: every method correct", () => {
  conformanceTests(
    () =>
      target({
        exchange: "OKX_SWAP",
        symbol: "ETH_USDT.swap",
        order: { price: "9000", amount: "2", side: "sell" },
      }),
    { notSupported: [] },
  );
});
