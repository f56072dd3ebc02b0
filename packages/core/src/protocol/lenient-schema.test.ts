import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Ajv from "ajv";
import { lenientReplySchema } from "./lenient-schema";
import { REPLY_SCHEMAS } from "./method-table";

const ajv = new Ajv({ allErrors: true, strict: false });
const strict = (method: keyof typeof REPLY_SCHEMAS) => ajv.compile(REPLY_SCHEMAS[method]);
const lenient = (method: keyof typeof REPLY_SCHEMAS) =>
  ajv.compile(lenientReplySchema(REPLY_SCHEMAS[method]));

const TICKER = { symbol: "BTC_USDT", buy: 1, sell: 2, high: 3, low: 1, open: 1, last: 2, vol: 5, time: 1 };

describe("reply schemas: strict for what the gateway sends, lenient for what a plugin may send", () => {
  it("the strict schema wants JSON numbers and no extra field", () => {
    assert.equal(strict("getTicker")(TICKER), true);
    assert.equal(strict("getTicker")({ ...TICKER, last: "2" }), false);
    assert.equal(strict("getTicker")({ ...TICKER, extra: 1 }), false);
    assert.equal(strict("getDepth")({ time: 1, asks: [[1, 2, 3]], bids: [] }), false);
  });

  it("the lenient schema takes numeric strings, extra fields and numeric trade ids", () => {
    assert.equal(lenient("getTicker")({ ...TICKER, last: "2.5", buy: "1e-8", extra: 1 }), true);
    assert.equal(lenient("getDepth")({ time: "1", asks: [["1", 2, 3]], bids: [] }), true);
    assert.equal(lenient("getTrades")([{ id: 12232153, time: 1, price: 1, amount: 1, type: "buy" }]), true);
  });

  it("the lenient schema keeps every other rule", () => {
    assert.equal(lenient("getTicker")({ ...TICKER, last: "lots" }), false);
    assert.equal(lenient("getTicker")({ ...TICKER, last: undefined }), false);
    assert.equal(lenient("createOrder")({ id: 42 }), false, "an order ref stays INSTRUMENT,ORDERID text");
    assert.equal(lenient("getOrder")({ ...order(), status: "open" }), false);
    assert.equal(lenient("cancelOrder")("ok"), false);
    assert.equal(lenient("getRecords")([[1, 2, 3]]), false, "a bar has six numbers");
  });

  it("leaves the strict schema as it was", () => {
    const before = JSON.stringify(REPLY_SCHEMAS.getOrders);
    lenientReplySchema(REPLY_SCHEMAS.getOrders);
    assert.equal(JSON.stringify(REPLY_SCHEMAS.getOrders), before);
  });
});

function order() {
  return {
    id: "BTC-USDT,1",
    symbol: "BTC_USDT",
    amount: 1,
    price: 1,
    deal_amount: 0,
    avg_price: 0,
    type: "buy",
  };
}
