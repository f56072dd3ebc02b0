// The testkit's conformance suite against ccxt okx mounts pointed at the OKX stand-in, through the real
// gateway: spot and swap.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ConformanceTarget, conformanceTests, formatReport, runConformance } from "@fmz-gateway/testkit";
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
    exchange: "OKXC",
    accessKey: LIVE.apiKey,
    secretKey: LIVE_SECRET_KEY,
    symbol: "BTC_USDT",
    range: "USDT.swap",
    order: { price: "30000", amount: "0.001" },
    ...over,
  };
}

describe("conformance: ccxt okx, spot mount", () => {
  it("every method correct; leverage and funding are not supported on spot", async () => {
    const reports = await runConformance(target({}));
    const report = formatReport(reports);
    for (const r of reports) {
      const expected = r.method === "marginlevel" || r.method === "fundings" ? "not-supported" : "correct";
      assert.equal(r.verdict, expected, `${r.method}\n${report}`);
    }
  });
});

describe("conformance: ccxt okx, swap mount", () => {
  it("every method correct", async () => {
    const reports = await runConformance(
      target({ exchange: "OKXC_SWAP", order: { price: "30000", amount: "1" } }),
    );
    const report = formatReport(reports);
    for (const r of reports) assert.equal(r.verdict, "correct", `${r.method}\n${report}`);
  });

  it("with an explicit .swap symbol and a sell order", async () => {
    const reports = await runConformance(
      target({
        exchange: "OKXC_SWAP",
        symbol: "ETH_USDT.swap",
        order: { price: "9000", amount: "2", side: "sell" },
      }),
    );
    const report = formatReport(reports);
    for (const r of reports) assert.equal(r.verdict, "correct", `${r.method}\n${report}`);
  });
});

describe("conformance tests, one per method (swap mount, spot symbol on the spot mount)", () => {
  conformanceTests(() =>
    target({ exchange: "OKXC_SWAP", symbol: "BTC_USDT.swap", order: { price: "30000", amount: "1" } }),
  );
});
