import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Gateway } from "@fmz-gateway/core";
import { MEMORY_EXCHANGE, type MemoryExchange, startMemoryGateway } from "../test-support/memory-exchange";
import { serveOrderLog } from "../test-support/order-log-server";
import { PLANTED_DEFECTS, type PlantedDefect, defectMissed } from "./planted-defects";
import { runConformance } from "./run-conformance";
import type { ConformanceTarget, MethodReport } from "./types";

// Every money defect, planted one at a time in a copy of the memory adapter, must be named by the suite:
// with an order log (what the venue received, over HTTP) and without one (what `order` answers).
const DEFECTS = Object.keys(PLANTED_DEFECTS) as PlantedDefect[];
const MARKET_ORDERS = { buyQuote: "10", sellBase: "0.05" };

describe("planted defects", () => {
  let gateway: Gateway;
  const logs: { url: string; close: () => Promise<void> }[] = [];
  const logUrl = new Map<string, string>();
  const adapter = (mount: string) => gateway.mounts.get(mount)?.adapter as MemoryExchange;

  before(async () => {
    const mounts = Object.fromEntries([
      ["CLEAN", { adapter: MEMORY_EXCHANGE }],
      ...DEFECTS.map((d) => [d, { adapter: MEMORY_EXCHANGE, options: { defects: [d] } }]),
    ]);
    gateway = await startMemoryGateway(mounts);
    for (const mount of Object.keys(mounts)) {
      const log = await serveOrderLog(() => adapter(mount).received());
      logs.push(log);
      logUrl.set(mount, log.url);
    }
  });
  after(async () => {
    await Promise.all(logs.map((l) => l.close()));
    await gateway.close();
  });

  const target = (mount: string, withLog: boolean): ConformanceTarget => ({
    baseUrl: gateway.url,
    exchange: mount,
    accessKey: "k",
    secretKey: "s",
    symbol: "BTC_USDT",
    order: { price: "50", amount: "0.01" },
    marketOrders: MARKET_ORDERS,
    ...(withLog ? { orderLog: logUrl.get(mount) } : {}),
  });
  const wrongOnes = (reports: MethodReport[]) =>
    reports.filter((r) => r.verdict !== "correct").map((r) => `${r.method}: ${r.reason ?? ""}`);

  for (const withLog of [true, false]) {
    const mode = withLog ? "with an order log" : "without an order log";

    it(`passes the clean adapter everywhere, ${mode}, and leaves no order open`, async () => {
      const reports = await runConformance(target("CLEAN", withLog));
      assert.deepEqual(wrongOnes(reports), []);
      assert.equal(reports.find((r) => r.method === "trade")?.reason, undefined, "every trade check ran");
      assert.deepEqual(adapter("CLEAN").openOrders(), []);
    });

    for (const defect of DEFECTS) {
      it(`catches ${defect}, ${mode}`, async () => {
        const reports = await runConformance(target(defect, withLog));
        assert.equal(defectMissed(reports, defect), undefined);
        assert.deepEqual(adapter(defect).openOrders(), [], "the suite cancelled every order it placed");
      });
    }
  }

  it("with the log, names what the exchange received", async () => {
    const reports = await runConformance(target("price-unrounded", true));
    const trade = reports.find((r) => r.method === "trade");
    assert.match(
      trade?.reason ?? "",
      /^rounding: the exchange received price 50\.185, not on the tick 0\.5 \(asked 50\.185\): round prices to the tick before sending$/,
    );
    const base = await runConformance(target("market-buy-in-base", true));
    assert.match(
      base.find((r) => r.method === "trade")?.reason ?? "",
      /market buy: reached the exchange sized in base \(amount 10\); FMZ's market buy amount is the quote to spend \(10\)/,
    );
  });

  it("the symbol message names both symbols", async () => {
    const reports = await runConformance(target("order-symbol-exchange-format", false));
    assert.match(
      reports.find((r) => r.method === "order")?.reason ?? "",
      /order answered symbol "BTC-USDT"; FMZ's symbol is "BTC_USDT" \(answer the symbol the docker sent, not the exchange's\)/,
    );
  });

  it("market orders are only tried when the target gives marketOrders", async () => {
    const markets = () =>
      adapter("market-buy-in-base")
        .received()
        .filter((o) => o.type === "market");
    const before = markets().length;
    const reports = await runConformance({ ...target("market-buy-in-base", true), marketOrders: undefined });
    assert.deepEqual(wrongOnes(reports), []);
    assert.equal(markets().length, before, "no market order was placed");
  });
});
