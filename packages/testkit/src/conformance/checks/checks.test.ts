import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Bar, Order, Ticker } from "@fmz-gateway/core";
import {
  badOrderId,
  checkBalances,
  checkDepth,
  checkFundings,
  checkMarkets,
  checkOrder,
  checkOrderList,
  checkRecords,
  checkTicker,
  checkTrades,
  checkUnknownMethodReply,
  notMillis,
  notSeconds,
} from ".";

const NOW_MS = 1_732_250_000_000;
const NOW_S = 1_732_250_000;

const ticker = (over: Partial<Ticker> = {}): Ticker => ({
  symbol: "BTC_USDT",
  buy: 99,
  sell: 101,
  high: 110,
  low: 90,
  open: 95,
  last: 100,
  vol: 1,
  time: NOW_MS,
  ...over,
});

describe("time units", () => {
  it("tells seconds and milliseconds apart", () => {
    assert.equal(notMillis(NOW_MS, "t"), undefined);
    assert.match(notMillis(NOW_S, "t") ?? "", /looks like seconds/);
    assert.equal(notSeconds(NOW_S, "t"), undefined);
    assert.match(notSeconds(NOW_MS, "t") ?? "", /looks like milliseconds/);
    assert.match(notSeconds(42, "t") ?? "", /not a timestamp in seconds/);
    assert.equal(notMillis(String(NOW_MS), "t"), undefined, "numeric strings are allowed");
  });
});

describe("checkTicker", () => {
  it("accepts a sane ticker", () => assert.deepEqual(checkTicker(ticker()), []));
  it("refuses buy above sell, and a time in seconds", () => {
    const problems = checkTicker(ticker({ buy: 102, time: NOW_S }));
    assert.equal(problems.length, 2);
    assert.match(problems.join(), /looks like seconds/);
    assert.match(problems.join(), /buy 102 is above ticker.sell 101/);
  });
});

describe("checkDepth", () => {
  const asks: [number, number][] = [
    [101, 1],
    [102, 2],
  ];
  const bids: [number, number][] = [
    [100, 1],
    [99, 2],
  ];
  it("accepts ordered sides within the limit", () =>
    assert.deepEqual(checkDepth({ time: NOW_MS, asks, bids }, 2), []));
  it("refuses asks descending", () =>
    assert.match(
      checkDepth({ time: NOW_MS, asks: [...asks].reverse(), bids }, 5).join(),
      /asks are not ascending/,
    ));
  it("refuses bids ascending", () =>
    assert.match(
      checkDepth({ time: NOW_MS, asks, bids: [...bids].reverse() }, 5).join(),
      /bids are not descending/,
    ));
  it("refuses more levels than asked", () =>
    assert.match(
      checkDepth({ time: NOW_MS, asks, bids }, 1).join(),
      /asks has 2 levels; asked for at most 1/,
    ));
  it("refuses a crossed book", () =>
    assert.match(
      checkDepth({ time: NOW_MS, asks, bids: [[101.5, 1]] }, 5).join(),
      /best bid 101.5 is not below best ask 101/,
    ));
});

describe("checkRecords", () => {
  const bars = (n: number, step = 60, start = NOW_S - (NOW_S % 60)): Bar[] =>
    Array.from({ length: n }, (_, i): Bar => [start + i * step, 10, 12, 9, 11, 5]);

  it("accepts exactly limit bars, oldest first, in seconds", () =>
    assert.deepEqual(checkRecords(bars(150), { period: 1, limit: 150 }), []));
  it("refuses too few bars", () =>
    assert.match(
      checkRecords(bars(100), { period: 1, limit: 150 }).join(),
      /answered 100 bars; asked for exactly 150/,
    ));
  it("refuses milliseconds and newest first, naming both", () => {
    const ms = bars(5)
      .map((b): Bar => [b[0] * 1000, b[1], b[2], b[3], b[4], b[5]])
      .reverse();
    const text = checkRecords(ms, { period: 1, limit: 5 }).join("; ");
    assert.match(text, /looks like milliseconds/);
    assert.match(text, /newest first/);
  });
  it("refuses bars off the period", () =>
    assert.match(
      checkRecords(bars(3, 90), { period: 1, limit: 3 }).join(),
      /90 s apart, not a multiple of 1 min/,
    ));
  it("refuses a bar whose high is below its close", () =>
    assert.match(
      checkRecords([[NOW_S, 10, 10.5, 9, 11, 1]], { period: 1, limit: 1 }).join(),
      /bar 0 is inconsistent/,
    ));
});

describe("checkMarkets", () => {
  const market = (symbol: string) => ({
    symbol,
    baseAsset: "BTC",
    quoteAsset: "USDT",
    tickSize: 0.1,
    amountSize: 0.001,
    pricePrecision: 1,
    amountPrecision: 3,
    minQty: 0.001,
    maxQty: 100,
    minNotional: 5,
    maxNotional: 1e6,
    ctVal: 1,
    ctValCcy: "BTC",
  });
  it("accepts FMZ keys listing the symbol, in any case", () =>
    assert.deepEqual(checkMarkets({ BTC_USDT: market("BTC_USDT") }, "btc_usdt"), []));
  it("accepts a bare pair listed under a contract", () =>
    assert.deepEqual(checkMarkets({ "BTC_USDT.swap": market("BTC_USDT.swap") }, "BTC_USDT"), []));
  it("refuses exchange-native keys and zero sizes", () => {
    assert.match(checkMarkets({ "BTC-USDT": market("BTC-USDT") }, "BTC_USDT").join(), /not an FMZ symbol/);
    const zero = { ...market("BTC_USDT"), tickSize: 0 };
    assert.match(checkMarkets({ BTC_USDT: zero }, "BTC_USDT").join(), /tickSize 0 is not positive/);
  });
  it("refuses a list without the symbol", () =>
    assert.match(
      checkMarkets({ ETH_USDT: market("ETH_USDT") }, "BTC_USDT").join(),
      /does not list BTC_USDT/,
    ));
});

describe("checkBalances and checkTrades", () => {
  it("refuses lower-case currencies and negative amounts", () => {
    assert.deepEqual(checkBalances([{ currency: "USDT", free: 1, frozen: 0 }]), []);
    assert.match(checkBalances([{ currency: "usdt", free: 1, frozen: 0 }]).join(), /not an upper-case/);
    assert.match(checkBalances([{ currency: "BTC", free: -1, frozen: 0 }]).join(), /negative free or frozen/);
  });
  it("refuses trade times in seconds", () => {
    assert.deepEqual(checkTrades([{ id: "1", time: NOW_MS, price: 1, amount: 1, type: "buy" }]), []);
    assert.match(checkTrades([{ id: "1", time: NOW_S, price: 1, amount: 1, type: "buy" }]).join(), /seconds/);
  });
  it("refuses a funding interval in hours", () =>
    assert.match(
      checkFundings([{ symbol: "BTC_USDT.swap", rate: 0.0001, interval: 8, time: NOW_MS }]).join(),
      /interval 8 is not in milliseconds/,
    ));
});

describe("orders", () => {
  const order = (over: Partial<Order> = {}): Order => ({
    id: "BTC-USDT,42",
    symbol: "BTC_USDT",
    amount: 0.01,
    price: 50000,
    deal_amount: 0,
    avg_price: 0,
    type: "buy",
    status: "pending",
    ...over,
  });
  const want = { id: "BTC-USDT,42", side: "buy" as const, price: "50000", amount: "0.01" };

  it("packs ids as INSTRUMENT,ORDERID", () => {
    assert.equal(badOrderId("BTC-USDT,42", "id"), undefined);
    assert.match(badOrderId("42", "id") ?? "", /not INSTRUMENT,ORDERID/);
    assert.match(badOrderId("a,b,c", "id") ?? "", /not INSTRUMENT,ORDERID/);
  });
  it("checks the placed order in both phases", () => {
    assert.deepEqual(checkOrder(order(), { ...want, phase: "open" }), []);
    assert.deepEqual(checkOrder(order({ status: "canceled" }), { ...want, phase: "done" }), []);
    assert.match(
      checkOrder(order(), { ...want, phase: "done" }).join(),
      /status is "pending" after cancelling/,
    );
    assert.match(
      checkOrder(order({ price: 50001 }), { ...want, phase: "open" }).join(),
      /price is 50001; the order asked 50000/,
    );
    assert.match(checkOrder(order({ type: "sell" }), { ...want, phase: "open" }).join(), /was a buy/);
  });
  it("finds the order in a list", () => {
    assert.deepEqual(checkOrderList([order()], "BTC-USDT,42"), []);
    assert.match(
      checkOrderList([], "BTC-USDT,42").join(),
      /does not list the order BTC-USDT,42 \(listed 0: none\)/,
    );
  });
});

describe("checkUnknownMethodReply", () => {
  it("wants the invalid-method error", () => {
    assert.deepEqual(checkUnknownMethodReply({ status: 200, error: "invalid method: nope" }, "nope"), []);
    assert.match(checkUnknownMethodReply({ status: 200, data: 1 }, "nope").join(), /answered data/);
    assert.match(
      checkUnknownMethodReply({ status: 200, error: "boom" }, "nope").join(),
      /answered the error "boom"/,
    );
    assert.match(checkUnknownMethodReply({ status: 404, error: "x" }, "nope").join(), /HTTP 404/);
  });
});
