import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ConformanceTarget, conformanceTests, formatReport, runConformance } from "@fmz-gateway/testkit";
import {
  type DemoEnvironment,
  TEST_ACCOUNT,
  TEST_SECRET_KEY,
  startDemoEnvironment,
} from "./test-support/demo-environment";

/** What the suite should say about DEMOEX: everything it implements is correct; spot has no futures. */
const NOT_SUPPORTED = ["positions", "marginlevel", "fundings"];

describe("DEMOEX passes the conformance suite", () => {
  let env: DemoEnvironment;
  let target: () => ConformanceTarget;
  before(async () => {
    env = await startDemoEnvironment();
    target = () => ({
      baseUrl: env.gateway.url,
      exchange: "DEMOEX",
      accessKey: TEST_ACCOUNT.key,
      secretKey: TEST_SECRET_KEY,
      symbol: "BTC_USDT",
      // A resting buy far under the stand-in's 60000 market, on BTC_USDT's tick and lot.
      order: { price: "30000", amount: "0.001", side: "buy" },
    });
  });
  after(() => env.close());

  it("every implemented method is correct; positions, marginlevel and fundings are not supported", async () => {
    const reports = await runConformance(target());
    const table = formatReport(reports);
    for (const r of reports) {
      assert.equal(r.verdict, NOT_SUPPORTED.includes(r.method) ? "not-supported" : "correct", table);
    }
    assert.match(table, /14 correct, 3 not supported, 0 wrong, 0 skipped/);
    assert.deepEqual(env.standin.ledger.open(TEST_ACCOUNT.key), [], "the suite cancelled its order");
  });

  // The same suite as one node:test test per method, the way an adapter author would use it.
  describe("as node:test tests", () => {
    conformanceTests(() => target());
  });
});
