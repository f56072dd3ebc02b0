// The order rules the replay cannot show with recorded data alone: which exchanges take a market buy
// in the quote currency, client order ids, and the lost-reply search among orders without client ids.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CcxtMarket, type CcxtOrder, createExchange } from "../../ccxt-lib";
import { byLikeness, type SentOrder } from "../../methods/lost-reply";
import { takesRequiresPriceFlag } from "../../methods/place-order";
import { clientOrderIdFor } from "../../orders";

describe("spot market buy by quote amount, from ccxt's code", () => {
  it("exchanges whose createOrder reads createMarketBuyOrderRequiresPrice take the cost as amount", () => {
    for (const id of ["bybit", "bitget", "okx", "coinex", "htx", "gate"]) {
      assert.equal(takesRequiresPriceFlag(createExchange(id, {})), true, id);
    }
  });
  it("a flag read only off createOrder's path does not count (Crypto.com's advanced-order builder)", () => {
    assert.equal(takesRequiresPriceFlag(createExchange("cryptocom", {})), false);
  });
});

describe("client order ids", () => {
  it("letters and digits within each exchange's length", () => {
    assert.match(clientOrderIdFor("kraken"), /^[A-Za-z0-9]{1,18}$/);
    assert.match(clientOrderIdFor("okx"), /^[A-Za-z0-9]{1,32}$/);
  });
  it("Bitfinex: an integer unique within the UTC day (cid is int45)", () => {
    const id = clientOrderIdFor("bitfinex", Date.UTC(2026, 0, 1, 23, 59, 59, 999));
    assert.match(id, /^\d+$/);
    assert.ok(Number(id) < 2 ** 45 && Number(id) >= 86_399_999_000, id);
  });
});

describe("a lost reply where orders carry no client ids: answer only one clear match", () => {
  const m = { symbol: "BTC/USDT" } as CcxtMarket;
  const placedAt = 1_700_000_000_000;
  const sent: SentOrder = { clientOrderId: "fmzx", side: "buy", amount: "0.5", byCost: false, placedAt };
  const order = (over: Partial<CcxtOrder>): CcxtOrder =>
    ({
      id: "1",
      symbol: "BTC/USDT",
      side: "buy",
      amount: 0.5,
      timestamp: placedAt + 100,
      ...over,
    }) as CcxtOrder;

  it("exactly one order of the instrument, side and amount placed since: its id", () => {
    const orders = [order({ id: "7" }), order({ id: "8", side: "sell" }), order({ id: "9", amount: 0.4 })];
    assert.deepEqual(byLikeness("x", orders, m, sent), { found: "7" });
  });
  it("two alike: no guess", () => {
    const out = byLikeness("x", [order({ id: "7" }), order({ id: "8" })], m, sent);
    assert.match("unknown" in out ? out.unknown : "", /2 recent buy orders of 0.5 on BTC\/USDT match/);
  });
  it("none since the order was sent (older ones or another instrument): no guess", () => {
    const orders = [order({ timestamp: placedAt - 120_000 }), order({ symbol: "ETH/USDT" })];
    assert.ok("unknown" in byLikeness("x", orders, m, sent));
  });
  it("the error says why the orders could not be told apart: placed without a client id…", () => {
    const out = byLikeness("x", [order({ id: "7", clientOrderId: "" }), order({ id: "8" })], m, sent);
    const why = "unknown" in out ? out.unknown : "";
    assert.match(why, /^the 2 x orders listed were placed without a client order id, so ours was looked for/);
    assert.doesNotMatch(why, /does not return them/);
  });
  it("…or carry none, which may also be the exchange not returning them", () => {
    const out = byLikeness("x", [order({ id: "7", timestamp: placedAt - 120_000 })], m, sent);
    assert.match(
      "unknown" in out ? out.unknown : "",
      /^the 1 x order listed carries no client order id \(x does not return them, or it was placed without one\)/,
    );
  });
  it("a market buy by cost is matched by what it spent", () => {
    const byCost: SentOrder = { ...sent, amount: "100", byCost: true };
    const orders = [
      order({ id: "5", amount: 0.0015, cost: 100 }),
      order({ id: "6", amount: 0.002, cost: 130 }),
    ];
    assert.deepEqual(byLikeness("x", orders, m, byCost), { found: "5" });
  });
});
