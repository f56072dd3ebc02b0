import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCreateOrder } from "../protocol/params";
import { readOrderIntent } from "./order-intent";

const trade = (type: string, price: unknown, symbol = "BTC_USDT") =>
  parseCreateOrder({ symbol, type, price, amount: "0.5" });

describe("readOrderIntent: FMZ's order type, read once", () => {
  it("spot: buy and sell, limit or market; a market buy spends quote currency", () => {
    assert.deepEqual(readOrderIntent(trade("buy", "100"), "spot"), {
      symbol: trade("buy", "100").symbol,
      type: "buy",
      side: "buy",
      reduceOnly: false,
      sizeUnit: "base",
      amount: "0.5",
      orderType: "limit",
      price: "100",
    });
    const marketBuy = readOrderIntent(trade("buy", -1), "spot");
    assert.equal(marketBuy.orderType, "market");
    assert.equal(marketBuy.sizeUnit, "quote");
    assert.equal(marketBuy.price, undefined);
    assert.equal(readOrderIntent(trade("sell", -1), "spot").sizeUnit, "base");
  });

  it("contracts: sides, reduce-only and the position each type opens or closes", () => {
    const read = (type: string) => {
      const i = readOrderIntent(trade(type, "100", "BTC_USDT.swap"), "contract");
      return [i.side, i.reduceOnly, i.position, i.sizeUnit];
    };
    assert.deepEqual(read("buy"), ["buy", false, "long", "contracts"]);
    assert.deepEqual(read("sell"), ["sell", false, "short", "contracts"]);
    assert.deepEqual(read("closebuy"), ["sell", true, "long", "contracts"]);
    assert.deepEqual(read("closesell"), ["buy", true, "short", "contracts"]);
    assert.equal(readOrderIntent(trade("buy", -1, "BTC_USDT.swap"), "contract").sizeUnit, "contracts");
  });

  it("closing on a spot pair: one text, a bad request", () => {
    for (const type of ["closebuy", "closesell"]) {
      assert.throws(() => readOrderIntent(trade(type, "100"), "spot"), {
        kind: "bad-request",
        message: `${type} closes a contract position; BTC_USDT is a spot pair: use buy or sell`,
      });
    }
  });
});
