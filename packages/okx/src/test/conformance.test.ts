// The testkit's conformance suite against the spot and the swap mount, driven over loopback.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ConformanceTarget, formatReport, runConformance } from "@fmz-gateway/testkit";
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

describe("conformance", () => {
  it("spot mount: every method correct; leverage and funding are for swaps", async () => {
    const reports = await runConformance(
      target({ range: "USDT.swap", order: { price: "30000", amount: "0.001" } }),
    );
    const report = formatReport(reports);
    const verdicts = Object.fromEntries(reports.map((r) => [r.method, r.verdict]));
    for (const r of reports) {
      const expected = r.method === "marginlevel" || r.method === "fundings" ? "not-supported" : "correct";
      assert.equal(r.verdict, expected, `${r.method}\n${report}`);
    }
    assert.equal(verdicts.trade, "correct");
  });

  it("swap mount: every method correct", async () => {
    const reports = await runConformance(
      target({ exchange: "OKX_SWAP", range: "USDT.swap", order: { price: "30000", amount: "1" } }),
    );
    const report = formatReport(reports);
    for (const r of reports) assert.equal(r.verdict, "correct", `${r.method}\n${report}`);
  });

  it("swap mount with an explicit .swap symbol and a sell order: every method correct", async () => {
    const reports = await runConformance(
      target({
        exchange: "OKX_SWAP",
        symbol: "ETH_USDT.swap",
        order: { price: "9000", amount: "2", side: "sell" },
      }),
    );
    const report = formatReport(reports);
    for (const r of reports) assert.equal(r.verdict, "correct", `${r.method}\n${report}`);
  });
});
