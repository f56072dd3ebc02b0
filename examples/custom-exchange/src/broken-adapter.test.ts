import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type CallContext,
  Exchange,
  ExchangeAdapter,
  type Order,
  type ParamsOf,
  type ResultOf,
  type Ticker,
} from "@fmz-gateway/core";
import { type MethodReport, runConformance } from "@fmz-gateway/testkit";
import { type DemoEnvironment, startDemoEnvironment } from "./test-support/demo-environment";

/**
 * An adapter with the mistakes adapters really make, registered by this test file and mounted beside
 * DEMOEX: the suite must name each faulty method as wrong, with the reason, and the rest as correct.
 */
@Exchange("BROKENEX", { autoMount: false })
export class BrokenExAdapter extends ExchangeAdapter {
  private readonly orders = new Map<string, Order>();

  // Fault: no `last`.
  override async getTicker(_ctx: CallContext, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
    const t = {
      symbol: p.symbol.text,
      buy: 99,
      sell: 101,
      high: 110,
      low: 90,
      open: 95,
      vol: 5,
      time: Date.now(),
    };
    return t as unknown as Ticker;
  }

  // Fault: asks descending (the exchange's order, passed through unsorted).
  override async getDepth(): Promise<ResultOf<"getDepth">> {
    return {
      time: Date.now(),
      asks: [
        [103, 1],
        [102, 1],
        [101, 1],
      ],
      bids: [
        [99, 1],
        [98, 1],
      ],
    };
  }

  override async getTrades(): Promise<ResultOf<"getTrades">> {
    return [{ id: "1", time: Date.now(), price: 100, amount: 1, type: "buy" }];
  }

  // Fault: the exchange's bars as they come: milliseconds, newest first.
  override async getRecords(_ctx: CallContext, p: ParamsOf<"getRecords">): Promise<ResultOf<"getRecords">> {
    const step = p.period * 60_000;
    const newest = Math.floor(Date.now() / step) * step;
    return Array.from({ length: p.limit ?? 100 }, (_, i) => [newest - i * step, 100, 101, 99, 100, 1]);
  }

  override async getMarkets(): Promise<ResultOf<"getMarkets">> {
    return {
      BTC_USDT: {
        symbol: "BTC_USDT",
        baseAsset: "BTC",
        quoteAsset: "USDT",
        tickSize: 1,
        amountSize: 0.001,
        pricePrecision: 0,
        amountPrecision: 3,
        minQty: 0.001,
        maxQty: 10,
        minNotional: 1,
        maxNotional: 1e6,
        ctVal: 1,
        ctValCcy: "BTC",
      },
    };
  }

  override async getAccount(): Promise<ResultOf<"getAccount">> {
    return [{ currency: "USDT", free: 100, frozen: 0 }];
  }

  // Fault: the exchange's bare order id, without the instrument and comma.
  override async createOrder(
    _ctx: CallContext,
    p: ParamsOf<"createOrder">,
  ): Promise<ResultOf<"createOrder">> {
    const id = String(this.orders.size + 1);
    this.orders.set(id, {
      id,
      symbol: p.symbol.text,
      amount: Number(p.amount),
      price: Number(p.price),
      deal_amount: 0,
      avg_price: 0,
      type: "buy",
      status: "pending",
    });
    return { id };
  }

  override async getOrders(): Promise<ResultOf<"getOrders">> {
    return [];
  }

  override async getHistoryOrders(): Promise<ResultOf<"getHistoryOrders">> {
    return [];
  }
}

describe("the conformance suite on a broken adapter", () => {
  let env: DemoEnvironment;
  let reports: Record<string, MethodReport>;
  before(async () => {
    env = await startDemoEnvironment({ exchanges: { BROKENEX: { adapter: "BROKENEX" } } });
    const list = await runConformance({
      baseUrl: env.gateway.url,
      exchange: "BROKENEX",
      accessKey: "broken-access-key",
      secretKey: "broken-secret",
      symbol: "BTC_USDT",
      order: { price: "50", amount: "0.01" },
    });
    reports = Object.fromEntries(list.map((r) => [r.method, r]));
  });
  after(() => env.close());

  const wrong = (method: string, ...reasons: RegExp[]) => {
    assert.equal(reports[method].verdict, "wrong", `${method}: ${JSON.stringify(reports[method])}`);
    for (const reason of reasons) assert.match(reports[method].reason ?? "", reason);
  };

  it("names the ticker without last", () => wrong("ticker", /^data is missing "last"$/));
  it("names the descending asks", () =>
    wrong("depth", /^asks are not ascending: asks\[1\] price 102 comes after 103$/));
  it("names records in milliseconds, newest first", () =>
    wrong(
      "records",
      /^period 1, limit 150: /,
      /looks like milliseconds; the protocol wants seconds/,
      /newest first/,
    ));
  it("names the order id without a comma", () => wrong("trade", /^data\.id "1" is not INSTRUMENT,ORDERID$/));

  it("calls the correct methods correct", () => {
    for (const m of ["trades", "markets", "accounts", "orders", "historyorders", "unknown-method"]) {
      assert.equal(reports[m].verdict, "correct", `${m}: ${reports[m].reason ?? ""}`);
    }
  });

  it("calls what it leaves out not supported, and skips what needed the broken order", () => {
    for (const m of ["tickers", "assets", "positions", "marginlevel", "fundings"]) {
      assert.equal(reports[m].verdict, "not-supported", m);
    }
    for (const m of ["order", "cancel"]) {
      assert.equal(reports[m].verdict, "skipped", m);
      assert.match(reports[m].reason ?? "", /trade was wrong/);
    }
  });

  it("leaves DEMOEX, mounted beside it, untouched", async () => {
    assert.equal((await env.client.call("ticker", { symbol: "BTC_USDT" })).error, undefined);
  });
});
