import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Order } from "@fmz-gateway/core";
import {
  badSymbolEcho,
  checkMarketFill,
  checkRoundedAmount,
  checkRoundedPrice,
  checkUnfilled,
  notRecentMillis,
  onStep,
  roundDownTo,
} from ".";
import { amountUnderMinimum } from "../order-probes";

const order = (over: Partial<Order> = {}): Order => ({
  id: "BTC-USDT,1",
  symbol: "BTC_USDT",
  amount: 0.01,
  price: 50,
  deal_amount: 0,
  avg_price: 0,
  type: "buy",
  status: "pending",
  ...over,
});

describe("order symbol", () => {
  it("wants the FMZ symbol the docker sent; a bare pair may come back with the contract", () => {
    assert.equal(badSymbolEcho("BTC_USDT", "BTC_USDT", "order"), undefined);
    assert.equal(badSymbolEcho("BTC_USDT.swap", "BTC_USDT", "order"), undefined);
    assert.match(
      badSymbolEcho("BTC_USDT", "BTC_USDT.swap", "order") ?? "",
      /FMZ's symbol is "BTC_USDT.swap"/,
    );
    assert.equal(
      badSymbolEcho("BTC-USDT", "BTC_USDT", "orders"),
      `orders answered symbol "BTC-USDT"; FMZ's symbol is "BTC_USDT" (answer the symbol the docker sent, not the exchange's)`,
    );
  });
});

describe("steps and rounding", () => {
  it("tells on-step values despite float noise", () => {
    assert.ok(onStep(0.30000000000000004, "0.1"));
    assert.ok(onStep("50.5", 0.5));
    assert.ok(!onStep("50.185", "0.5"));
    assert.equal(roundDownTo("0.0106", "0.001"), "0.01");
  });
  it("prices: on the tick and within one tick of the asked", () => {
    assert.deepEqual(checkRoundedPrice("x", "50", "50.185", "0.5"), []);
    assert.deepEqual(checkRoundedPrice("x", 50.5, "50.185", "0.5"), []);
    assert.match(checkRoundedPrice("x", "50.185", "50.185", "0.5").join(), /not on the tick 0.5/);
    assert.match(checkRoundedPrice("x", "52", "50.185", "0.5").join(), /more than one tick/);
  });
  it("amounts: down to the lot, never up", () => {
    assert.deepEqual(checkRoundedAmount("x", 0.01, "0.0106", "0.001"), []);
    assert.match(checkRoundedAmount("x", "0.0106", "0.0106", "0.001").join(), /not on the lot/);
    assert.match(checkRoundedAmount("x", "0.011", "0.0106", "0.001").join(), /was rounded up/);
    assert.match(
      checkRoundedAmount("x", "0.009", "0.0106", "0.001").join(),
      /rounded down to the lot 0.001 is 0.01/,
    );
  });
  it("the minimum probe asks one lot under the minimum, or half a lot", () => {
    assert.equal(amountUnderMinimum({ lot: "0.001", minQty: "0.002" }), "0.001");
    assert.equal(amountUnderMinimum({ lot: "0.001", minQty: "0.0055" }), "0.005");
    assert.equal(amountUnderMinimum({ lot: "1", minQty: "1" }), "0.5");
    assert.equal(amountUnderMinimum({ lot: "0.001", minQty: "0" }), "0.0005");
  });
});

describe("fills", () => {
  it("a resting order filled nothing", () => {
    assert.deepEqual(checkUnfilled(order()), []);
    assert.equal(checkUnfilled(order({ deal_amount: 0.01, avg_price: 50 })).length, 2);
  });
  it("a market order filled in base, near the last price", () => {
    const buy = { side: "buy" as const, amount: "10", quoteSized: true, last: 100 };
    assert.deepEqual(checkMarketFill(order({ deal_amount: 0.1, avg_price: 100, status: "closed" }), buy), []);
    assert.match(
      checkMarketFill(order({ deal_amount: 10, avg_price: 100 }), buy).join(),
      /is in base currency/,
    );
    assert.match(checkMarketFill(order({ deal_amount: 0.1, avg_price: -1 }), buy).join(), /avg_price is -1/);
    assert.match(
      checkMarketFill(order({ deal_amount: 0.1, avg_price: 300 }), buy).join(),
      /far from the last/,
    );
    const sell = { side: "sell" as const, amount: "0.05", quoteSized: false, last: 100 };
    assert.match(
      checkMarketFill(order({ deal_amount: 5, avg_price: 100 }), sell).join(),
      /more than the 0.05/,
    );
  });
  it("a market sell filled in full dealt what it asked, rounded to the lot, not that amount in quote", () => {
    const sell = { side: "sell" as const, amount: "0.05", quoteSized: false, last: 100 };
    const filled = (deal_amount: number, status: Order["status"] = "closed") =>
      checkMarketFill(order({ deal_amount, avg_price: 100, status }), sell);
    assert.deepEqual(filled(0.05), []);
    assert.deepEqual(filled(0.03), [], "0.05 rounded down to a lot of 0.03");
    assert.match(
      filled(0.0005).join(),
      /deal_amount 0.0005 of a closed market sell of 0.05 is far less than asked/,
    );
    assert.deepEqual(filled(0.0005, "partial-canceled"), [], "a market order cut short may deal little");
  });
});

describe("times of now", () => {
  const now = 1_732_250_000_000;
  it("wants milliseconds within a day of the clock", () => {
    assert.equal(notRecentMillis(now - 5000, "t", now), undefined);
    assert.match(notRecentMillis(now / 1000, "t", now) ?? "", /looks like seconds/);
    assert.match(notRecentMillis(now - 8 * 3_600_000 * 4, "t", now) ?? "", /32 h behind the clock/);
  });
});
