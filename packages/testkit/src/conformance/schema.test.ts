import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonPath, schemaProblems } from "./schema";

describe("schemaProblems", () => {
  it("accepts numbers and numeric strings", () => {
    const ticker = {
      symbol: "X_Y",
      buy: "1",
      sell: 2,
      high: 3,
      low: 1,
      open: 1,
      last: "2.5",
      vol: 0,
      time: 1,
    };
    assert.deepEqual(schemaProblems("getTicker", ticker), []);
  });
  it("names a missing field", () =>
    assert.deepEqual(
      schemaProblems("getTicker", {
        symbol: "X_Y",
        buy: 1,
        sell: 2,
        high: 3,
        low: 1,
        open: 1,
        vol: 0,
        time: 1,
      }),
      ['data is missing "last"'],
    ));
  it("names a bad number once, with its value", () => {
    const problems = schemaProblems("getDepth", { time: 1, asks: [[1, "lots"]], bids: [] });
    assert.deepEqual(problems, ['data.asks[0][1] must be a number or numeric string (got "lots")']);
  });
  it("names wrong enums and consts", () => {
    assert.match(schemaProblems("cancelOrder", "ok").join(), /data must be true \(got "ok"\)/);
    assert.match(
      schemaProblems("getTrades", [{ id: "1", time: 1, price: 1, amount: 1, type: "BUY" }]).join(),
      /data\[0\].type must be one of "buy", "sell" \(got "BUY"\)/,
    );
  });
  it("lists at most three problems", () => assert.equal(schemaProblems("getTicker", {}).length, 3));
  it("writes JSON pointers as paths", () => {
    assert.equal(jsonPath(""), "data");
    assert.equal(jsonPath("/BTC_USDT.swap/tickSize"), 'data["BTC_USDT.swap"].tickSize');
    assert.equal(jsonPath("/asks/0/1"), "data.asks[0][1]");
  });
});
