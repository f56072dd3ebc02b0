import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CreateOrderParams, parseSymbol, readOrderIntent } from "@fmz-gateway/core";
import type { DemoInstrument } from "./api-types";
import { sizeOrder } from "./order-sizing";
import { Market } from "./standin/market";

const market = new Market();
const BTC = market.instrument("BTC-USDT");
const DOGE = market.instrument("DOGE-USDT");

function params(over: Partial<CreateOrderParams>): CreateOrderParams {
  const symbol = parseSymbol("BTC_USDT");
  if (symbol.kind !== "instrument") throw new Error("unreachable");
  return { symbol, side: "buy", orderType: "limit", price: "30000", amount: "0.01", ...over };
}

const size = (inst: DemoInstrument, over: Partial<CreateOrderParams>) =>
  sizeOrder(inst, readOrderIntent(params(over), "spot"));

describe("sizeOrder", () => {
  it("rounds the amount down to the lot and drops trailing zeros", () => {
    assert.equal(size(BTC, { amount: "0.30000000000000004" }).qty, "0.3");
    assert.equal(size(BTC, { amount: "0.01239" }).qty, "0.0123");
    assert.equal(size(DOGE, { price: "0.15", amount: "159.9" }).qty, "159");
  });

  it("rounds the price to the nearest tick, half up", () => {
    assert.equal(size(BTC, { price: "30000.05" }).price, "30000.1");
    assert.equal(size(BTC, { price: "30000.04999" }).price, "30000");
    assert.equal(size(DOGE, { price: "0.150004", amount: "100" }).price, "0.15");
  });

  it("market buy: the quote amount, down to the quote step; market sell: the base amount", () => {
    assert.deepEqual(size(BTC, { orderType: "market", price: undefined, amount: "100.129" }), {
      symbol: "BTC-USDT",
      side: "buy",
      type: "market",
      quoteQty: "100.12",
    });
    assert.deepEqual(size(BTC, { side: "sell", orderType: "market", price: undefined, amount: "0.01999" }), {
      symbol: "BTC-USDT",
      side: "sell",
      type: "market",
      qty: "0.0199",
    });
  });

  it("refuses what falls under a minimum, naming it", () => {
    assert.throws(() => size(BTC, { amount: "0.00009" }), {
      message: "amount 0.00009 is below the minimum for BTC_USDT: 0.0001 BTC (lot 0.0001)",
    });
    assert.throws(() => size(DOGE, { price: "0.15", amount: "9.99" }), {
      message: "amount 9.99 is below the minimum for DOGE_USDT: 10 DOGE (lot 1)",
    });
    assert.throws(() => size(BTC, { price: "400", amount: "0.01" }), {
      message: "order value 4 USDT is below the minimum for BTC_USDT: 5 USDT",
    });
    assert.throws(() => size(BTC, { price: "0.04" }), {
      message: "price 0.04 rounds to 0 at BTC_USDT's tick size 0.1",
    });
    assert.throws(() => size(BTC, { amount: "101" }), {
      message: "amount 101 is above the maximum for BTC_USDT: 100 BTC",
    });
    assert.throws(() => size(BTC, { side: "closesell" }), {
      message: "closesell closes a contract position; BTC_USDT is a spot pair: use buy or sell",
    });
  });

  it("refuses with the gateway's bad-request class, so the docker sees the text as is", () => {
    assert.throws(() => size(BTC, { amount: "0.00001" }), { name: "BadRequestError", kind: "bad-request" });
  });
});
