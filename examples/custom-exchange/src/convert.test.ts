import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSymbol } from "@fmz-gateway/core";
import type { DemoOrder } from "./api-types";
import { toBar, toOrder, toOrderStatus } from "./convert";
import { toDemoPair, toInterval } from "./symbols";

const order = (over: Partial<DemoOrder>): DemoOrder => ({
  orderId: "7",
  clientOrderId: "c7",
  symbol: "ETH-USDT",
  side: "sell",
  type: "limit",
  price: "3100.5",
  qty: "1.25",
  quoteQty: "0",
  filledQty: "0",
  avgPrice: "0",
  status: "open",
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe("DEMOEX → FMZ", () => {
  it("maps order statuses, telling a partly filled cancel apart", () => {
    assert.equal(toOrderStatus(order({ status: "open" })), "pending");
    assert.equal(toOrderStatus(order({ status: "partially_filled" })), "partial-filled");
    assert.equal(toOrderStatus(order({ status: "filled" })), "filled");
    assert.equal(toOrderStatus(order({ status: "canceled" })), "canceled");
    assert.equal(toOrderStatus(order({ status: "canceled", filledQty: "0.5" })), "partial-canceled");
  });

  it("packs the order id with the instrument and converts decimals to numbers", () =>
    assert.deepEqual(toOrder(order({})), {
      id: "ETH-USDT,7",
      symbol: "ETH_USDT",
      amount: 1.25,
      price: 3100.5,
      deal_amount: 0,
      avg_price: 0,
      type: "sell",
      status: "pending",
    }));

  it("turns bar starts from milliseconds into seconds", () =>
    assert.deepEqual(
      toBar([1_732_250_040_000, "1", "2", "0.5", "1.5", "10"]),
      [1_732_250_040, 1, 2, 0.5, 1.5, 10],
    ));

  it("refuses ranges and periods DEMOEX has not", () => {
    assert.throws(() => toDemoPair(parseSymbol("USDT.swap")), /DEMOEX trades spot only/);
    assert.equal(toDemoPair(parseSymbol("eth_usdt")), "ETH-USDT");
    assert.equal(toInterval(1440), "1d");
    assert.throws(() => toInterval(3), /no 3-minute bars/);
  });
});
