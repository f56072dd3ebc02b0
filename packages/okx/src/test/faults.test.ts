// Every fault the stand-in can inject ends in a clear {"error"} or a correct answer, and the gateway
// keeps serving. Lost order replies leave exactly one order, or none, at the exchange.
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { PassThrough } from "node:stream";
import { type Order, type OrderRef, type Ticker, createLogger } from "@fmz-gateway/core";
import { type Harness, LIVE, TIMEOUT_MS, startHarness } from "./harness";

const PLACE = "/api/v5/trade/order";
const TICKER = "/api/v5/market/ticker";

// Everything the gateway logs during these tests, at debug level, to check no secret ever appears.
const logStream = new PassThrough();
let logText = "";
logStream.on("data", (chunk: Buffer) => (logText += chunk.toString("utf8")));

let h: Harness;
before(async () => {
  h = await startHarness({}, createLogger({ level: "debug", stream: logStream }));
});
after(async () => {
  await h.close();
  assert.ok(logText.includes("looking it up by client order id"), "the lost-reply path logs what it does");
  assert.ok(!logText.includes(LIVE.secret), "no secret in the logs");
  assert.ok(!logText.includes(LIVE.passphrase), "no passphrase in the logs");
});
beforeEach(() => h.standin.reset());
afterEach(async () => {
  // Whatever a fault did, the gateway still answers.
  const t = await h.spot.data<Ticker>("ticker", { symbol: "BTC_USDT" });
  assert.equal(t.symbol, "BTC_USDT");
});

const order = { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0.01" };

describe("market data faults", () => {
  it("HTTP 500 gives OKX's code", async () => {
    h.standin.faults.add({ path: TICKER, kind: "http500" });
    const r = await h.spot.call("ticker", { symbol: "BTC_USDT" });
    assert.equal(r.error, "OKX 50026: System error. Try again later");
    assert.equal(r.status, 200);
  });
  it("a garbage body is an unreadable reply", async () => {
    h.standin.faults.add({ path: TICKER, kind: "garbage" });
    const r = await h.spot.call("ticker", { symbol: "BTC_USDT" });
    assert.match(r.error ?? "", /^OKX HTTP 200: unreadable response \(not JSON\): <html>/);
  });
  it("a hang is a timeout after the mount's timeoutMs", async () => {
    h.standin.faults.add({ path: TICKER, kind: "hang" });
    const r = await h.spot.call("ticker", { symbol: "BTC_USDT" });
    assert.equal(r.error, `OKX did not answer GET ${TICKER} within ${TIMEOUT_MS} ms`);
  });
  it("HTTP 429 / 50011 is a rate-limit error", async () => {
    h.standin.faults.add({ path: TICKER, kind: "rate-limit" });
    const r = await h.spot.call("ticker", { symbol: "BTC_USDT" });
    assert.equal(r.error, "OKX 50011: Too Many Requests");
  });
  it("a top-level OKX error reaches the strategy", async () => {
    h.standin.faults.add({ path: "/api/v5/market/books", kind: "okx-error", code: "50001" });
    const r = await h.spot.call("depth", { symbol: "BTC_USDT" });
    assert.equal(r.error, "OKX 50001: Service temporarily unavailable. Please try again later.");
  });
  it("a fault in the middle of records paging fails the call cleanly", async () => {
    h.standin.faults.add({ path: "/api/v5/market/history-candles", kind: "http500" });
    const r = await h.spot.call("records", { symbol: "BTC_USDT", period: 1, limit: 400 });
    assert.equal(r.error, "OKX 50026: System error. Try again later");
  });
});

describe("order faults", () => {
  it("an sCode inside an HTTP 200 reply reaches the strategy, and nothing is looked up", async () => {
    h.standin.faults.add({
      path: PLACE,
      method: "POST",
      kind: "okx-error",
      code: "51008",
      msg: "Order failed. Insufficient USDT balance in account.",
    });
    const r = await h.spot.call("trade", order);
    assert.equal(r.error, "OKX 51008: Order failed. Insufficient USDT balance in account.");
    assert.equal(h.requestsTo("GET", PLACE).length, 0);
    assert.equal(h.standin.orders().length, 0);
  });

  it("a real rejection from the engine carries sCode and sMsg", async () => {
    const r = await h.spot.call("trade", { ...order, amount: "1000" });
    assert.match(r.error ?? "", /^OKX 51008: Order failed\. Insufficient USDT balance in account$/);
  });

  it("drop-after-accept: the gateway finds the order by clOrdId and answers its id; exactly one order exists", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "drop-after-accept" });
    const r = await h.spot.call<OrderRef>("trade", order);
    assert.equal(r.error, undefined, r.error);
    const held = h.standin.orders();
    assert.equal(held.length, 1);
    assert.equal(r.data?.id, `BTC-USDT,${held[0].ordId}`);
    assert.equal(h.requestsTo("POST", PLACE).length, 1, "never sent twice");
    const lookup = h.requestsTo("GET", PLACE)[0];
    assert.match(lookup.query, new RegExp(`^instId=BTC-USDT&clOrdId=${held[0].clOrdId}$`));
    const o = await h.spot.data<Order>("order", { id: r.data?.id });
    assert.equal(o.status, "pending");
  });

  it("a hang where the order was not placed: a clear error, no second order sent", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "hang" });
    const r = await h.spot.call("trade", order);
    assert.match(
      r.error ?? "",
      /^OKX trade: the order was not placed: no answer in time, and OKX has no order with client order id fmz\w+$/,
    );
    assert.equal(h.requestsTo("POST", PLACE).length, 1);
    assert.equal(h.standin.orders().length, 0);
  });

  it("HTTP 500 and garbage on placement are looked up too", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "http500" });
    const five = await h.spot.call("trade", order);
    assert.match(
      five.error ?? "",
      /^OKX trade: the order was not placed: OKX answered 50026: System error\. Try again later, and OKX has no order/,
    );
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "garbage" });
    const garbage = await h.spot.call("trade", order);
    assert.match(
      garbage.error ?? "",
      /^OKX trade: the order was not placed: an unreadable reply, and OKX has no/,
    );
    assert.equal(h.requestsTo("POST", PLACE).length, 2);
    assert.equal(h.standin.orders().length, 0);
  });

  it("a lost reply whose lookups fail a few times is still found: one order, its id", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "drop-after-accept" });
    h.standin.faults.add({ path: PLACE, method: "GET", kind: "http500", times: 5 });
    const r = await h.spot.call<OrderRef>("trade", order);
    assert.equal(r.error, undefined, r.error);
    const [placed] = h.standin.orders();
    assert.equal(r.data?.id, `BTC-USDT,${placed.ordId}`);
    assert.equal(h.requestsTo("POST", PLACE).length, 1);
    assert.equal(h.requestsTo("GET", PLACE).length, 6);
    assert.equal(h.standin.orders().length, 1);
  });

  it("a lost reply whose lookups keep failing says the state is unknown", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "drop-after-accept" });
    h.standin.faults.add({ path: PLACE, method: "GET", kind: "http500", times: 1_000 });
    const r = await h.spot.call("trade", order);
    assert.match(
      r.error ?? "",
      /^OKX trade: the order may have been placed: .* client order id fmz\w+ failed \(OKX answered 50026: System error\. Try again later\); check open orders/,
    );
    assert.equal(h.requestsTo("POST", PLACE).length, 1);
    assert.equal(h.standin.orders().length, 1);
  });

  it("429 on placement is a rate-limit error, not a lookup", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "rate-limit" });
    const r = await h.spot.call("trade", order);
    assert.equal(r.error, "OKX 50011: Too Many Requests");
    assert.equal(h.requestsTo("GET", PLACE).length, 0);
  });

  it("a cancel refused with sCode reaches the strategy", async () => {
    const { id } = await h.spot.data<OrderRef>("trade", order);
    h.standin.faults.add({ path: "/api/v5/trade/cancel-order", kind: "okx-error", code: "51410" });
    const r = await h.spot.call("cancel", { id });
    assert.match(r.error ?? "", /^OKX 51410: /);
    assert.equal(await h.spot.data("cancel", { id }), true);
  });
});

describe("rate limiting", () => {
  it("keeps a burst inside OKX's published limit instead of hitting it", async () => {
    h.standin.clearRequests();
    // market/ticker allows 20 requests per 2 s; 30 at once must all succeed, with no 429 at the exchange.
    const replies = await Promise.all(
      Array.from({ length: 30 }, () => h.spot.call<Ticker>("ticker", { symbol: "ETH_USDT" })),
    );
    assert.deepEqual(
      replies.filter((r) => r.error !== undefined).map((r) => r.error),
      [],
    );
    assert.equal(h.requestsTo("GET", TICKER).filter((r) => r.status === 429).length, 0);
  });
});
