import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CcxtOrder } from "../ccxt-lib";
import { fmzStatus, toFmzOrder } from "../orders";
import { MARKETS } from "./fixtures";

describe("order status: ccxt → FMZ", () => {
  it("open orders are pending until something fills", () => {
    assert.equal(fmzStatus("open", 0, 1), "pending");
    assert.equal(fmzStatus("open", 0.4, 1), "partial-filled");
    assert.equal(fmzStatus(undefined, 0, 1), "pending");
  });
  it("closed is filled", () => {
    assert.equal(fmzStatus("closed", 1, 1), "filled");
  });
  it("canceled, expired and rejected are canceled, or partial-canceled after a fill", () => {
    for (const s of ["canceled", "expired", "rejected"]) {
      assert.equal(fmzStatus(s, 0, 1), "canceled", s);
      assert.equal(fmzStatus(s, 0.5, 1), "partial-canceled", s);
    }
    assert.equal(fmzStatus("canceled", 1, 1), "filled", "a cancel that came too late");
  });
});

function order(over: Partial<CcxtOrder>): CcxtOrder {
  return {
    id: "123",
    clientOrderId: "fmzabc",
    symbol: "BTC/USDT",
    type: "limit",
    side: "buy",
    status: "open",
    price: 30000,
    amount: 0.001,
    filled: 0,
    average: undefined,
    cost: 0,
    reduceOnly: false,
    ...over,
  } as CcxtOrder;
}

describe("ccxt order → FMZ order", () => {
  it("spot: id packed with the exchange's instrument id", () => {
    assert.deepEqual(toFmzOrder(MARKETS, MARKETS["BTC/USDT"], order({})), {
      id: "BTC-USDT,123",
      symbol: "BTC_USDT",
      amount: 0.001,
      price: 30000,
      deal_amount: 0,
      avg_price: 0,
      type: "buy",
      status: "pending",
    });
  });
  it("a spot market buy by quote amount shows what it spends", () => {
    const o = toFmzOrder(
      MARKETS,
      MARKETS["BTC/USDT"],
      order({
        type: "market",
        amount: undefined,
        cost: 100,
        price: undefined,
        status: "closed",
        filled: 0.0016,
        average: 60000,
      }),
    );
    assert.equal(o.amount, 100);
    assert.equal(o.price, 0);
    assert.equal(o.avg_price, 60000);
    assert.equal(o.status, "filled");
  });
  it("futures add offset and contract_type", () => {
    const o = toFmzOrder(
      MARKETS,
      MARKETS["BTC/USDT:USDT"],
      order({ symbol: "BTC/USDT:USDT", side: "sell", reduceOnly: true, amount: 2 }),
    );
    assert.equal(o.id, "BTC-USDT-SWAP,123");
    assert.equal(o.symbol, "BTC_USDT.swap");
    assert.equal(o.type, "sell");
    assert.equal(o.offset, "close");
    assert.equal(o.contract_type, "swap");
  });
});
