import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Gateway } from "@fmz-gateway/core";
import {
  type Fault,
  MEMORY_EXCHANGE,
  MemoryExchange,
  SPOT_ONLY_EXCHANGE,
  startMemoryGateway,
} from "../test-support/memory-exchange";
import { SUITE_METHODS } from "./methods";
import { runConformance } from "./run-conformance";
import type { ConformanceTarget, MethodReport } from "./types";

const FAULTS: Fault[] = [
  "ticker-in-seconds",
  "depth-ignores-limit",
  "records-short",
  "cancel-leaves-open",
  "markets-bad-key",
  "unknown-error-on-accounts",
];

function byMethod(reports: MethodReport[]): Record<string, MethodReport> {
  return Object.fromEntries(reports.map((r) => [r.method, r]));
}

describe("runConformance", () => {
  let gateway: Gateway;
  let target: (exchange: string, over?: Partial<ConformanceTarget>) => ConformanceTarget;

  before(async () => {
    gateway = await startMemoryGateway({
      GOOD: { adapter: MEMORY_EXCHANGE },
      BAD: { adapter: MEMORY_EXCHANGE, options: { faults: FAULTS } },
      SPOT: { adapter: SPOT_ONLY_EXCHANGE },
    });
    target = (exchange, over = {}) => ({
      baseUrl: gateway.url,
      exchange,
      accessKey: "test-access-key",
      secretKey: "test-secret",
      symbol: "BTC_USDT",
      order: { price: "50", amount: "0.01" },
      ...over,
    });
  });
  after(() => gateway.close());

  it("finds a complete adapter correct everywhere, in suite order, and cleans up its order", async () => {
    const reports = await runConformance(target("GOOD"));
    assert.deepEqual(
      reports.map((r) => r.method),
      [...SUITE_METHODS],
    );
    for (const r of reports) assert.equal(r.verdict, "correct", `${r.method}: ${r.reason ?? ""}`);
    const adapter = gateway.mounts.get("GOOD")?.adapter as MemoryExchange;
    assert.deepEqual(adapter.openOrders(), []);
  });

  it("names each fault as wrong, with its reason", async () => {
    const r = byMethod(await runConformance(target("BAD")));
    assert.match(r.ticker.reason ?? "", /looks like seconds/);
    assert.match(r.depth.reason ?? "", /asks has 20 levels; asked for at most 5/);
    assert.match(r.records.reason ?? "", /period 1, limit 150: answered 149 bars; asked for exactly 150/);
    assert.match(r.markets.reason ?? "", /"BTC-USDT" is not an FMZ symbol/);
    assert.match(r.accounts.reason ?? "", /^internal error: boom$/);
    assert.match(r.order.reason ?? "", /^after cancel: status is "pending" after cancelling/);
    for (const m of ["ticker", "depth", "records", "markets", "accounts", "order"])
      assert.equal(r[m].verdict, "wrong", m);
    for (const m of ["trades", "trade", "orders", "cancel", "historyorders", "fundings"]) {
      assert.equal(r[m].verdict, m === "historyorders" ? "wrong" : "correct", `${m}: ${r[m].reason ?? ""}`);
    }
    assert.match(r.historyorders.reason ?? "", /does not list the order/);
  });

  it("reports methods an adapter leaves out as not supported", async () => {
    const r = byMethod(await runConformance(target("SPOT")));
    assert.equal(r.ticker.verdict, "correct");
    for (const m of [
      "depth",
      "records",
      "trade",
      "order",
      "cancel",
      "positions",
      "marginlevel",
      "fundings",
    ]) {
      assert.equal(r[m].verdict, "not-supported", m);
      assert.match(r[m].reason ?? "", new RegExp(`^not supported: ${m}`));
    }
  });

  it("skips private methods without keys, and the order round trip without an order", async () => {
    const r = byMethod(await runConformance(target("GOOD", { accessKey: undefined, secretKey: undefined })));
    for (const m of [
      "accounts",
      "assets",
      "trade",
      "order",
      "orders",
      "cancel",
      "historyorders",
      "positions",
      "marginlevel",
    ]) {
      assert.equal(r[m].verdict, "skipped", m);
    }
    assert.equal(r.fundings.verdict, "correct", "fundings is public");
    const noOrder = byMethod(await runConformance(target("GOOD", { order: undefined })));
    for (const m of ["trade", "order", "cancel"]) assert.equal(noOrder[m].verdict, "skipped", m);
    for (const m of ["orders", "historyorders"]) assert.equal(noOrder[m].verdict, "correct", m);
  });

  it("runs only the methods asked, still placing the order they need", async () => {
    const reports = await runConformance(target("GOOD", { methods: ["getOrder", "ticker"] }));
    assert.deepEqual(reports, [
      { method: "ticker", verdict: "correct" },
      { method: "order", verdict: "correct" },
    ]);
  });

  it("checks market-data times against the target's clock", async () => {
    const ahead = () => Date.now() + 3 * 86_400_000; // a simulated market three days on
    const r = byMethod(await runConformance(target("GOOD", { clock: ahead, methods: ["ticker", "depth"] })));
    assert.match(r.ticker.reason ?? "", /^ticker\.time \d+ is 72 h behind the clock/);
    assert.match(r.depth.reason ?? "", /^depth\.time \d+ is 72 h behind the clock/);
  });

  it("refuses a target that makes no sense", async () => {
    await assert.rejects(runConformance(target("GOOD", { symbol: "USDT.swap" })), /must be one instrument/);
    await assert.rejects(runConformance(target("GOOD", { range: "BTC_USDT" })), /must be a range/);
    await assert.rejects(runConformance(target("GOOD", { methods: ["nope"] })), /unknown method "nope"/);
    await assert.rejects(
      runConformance(target("GOOD", { marketOrders: { buyQuote: "0", sellBase: "1" } })),
      /positive buyQuote and sellBase/,
    );
  });

  it("reports an unreachable gateway as wrong, not as a crash", async () => {
    const reports = await runConformance(
      target("GOOD", { baseUrl: "http://127.0.0.1:1", methods: ["ticker", "trade"] }),
    );
    for (const r of reports) {
      assert.equal(r.verdict, "wrong");
      assert.match(r.reason ?? "", /^call failed: .*ECONNREFUSED/);
    }
  });

  it("reports an unknown mount as wrong with the gateway's error", async () => {
    const [r] = await runConformance(target("NOPE", { methods: ["ticker"] }));
    assert.equal(r.verdict, "wrong");
    assert.match(r.reason ?? "", /unknown exchange "NOPE"/);
  });
});
