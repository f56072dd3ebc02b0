// Pure pieces: the signature (the reference's computed vectors), the query builder, order rounding, the
// symbol mapping and the rate limiter's window.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BadRequestError, RateLimiter, parseCreateOrder, parseCredentials } from "@fmz-gateway/core";
import { okxAuth, wantsDemo } from "../auth/credentials";
import { okxTimestamp, signRequest } from "../auth/sign";
import type { Instrument } from "../market/instruments";
import { fmzSymbolOf, resolveSymbol } from "../market/symbols";
import { buildQuery } from "../rest/query";
import { endpointLimit, rateKey } from "../rest/rate-limits";
import { orderStatus } from "../trading/order-mapping";
import { buildOrderBody } from "../trading/order-request";

describe("signature (reference §1.5 vectors)", () => {
  const secret = "22582BD0CFF14C41EDBF1AB98506286D";
  const ts = "2020-12-08T09:08:57.715Z";
  it("signs a POST with its exact body", () => {
    const body =
      '{"instId":"BTC-USDT","tdMode":"cash","clOrdId":"b15","side":"buy","ordType":"limit","px":"2.15","sz":"2"}';
    assert.equal(
      signRequest(secret, ts, "POST", "/api/v5/trade/order", body),
      "dI6rrL9rXW/HdaPKJ/6LC1OgvH4/PYju6R3CqixMTNQ=",
    );
  });
  it("signs a GET with its query and without", () => {
    assert.equal(
      signRequest(secret, ts, "get", "/api/v5/account/balance?ccy=BTC", ""),
      "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=",
    );
    assert.equal(
      signRequest(secret, ts, "GET", "/api/v5/account/balance", ""),
      "AkD5YszBhggtIyjDlmTy/9PpNVntel+1Lff8wh0qpQw=",
    );
  });
  it("signs set-leverage and cancel bodies", () => {
    assert.equal(
      signRequest(
        secret,
        ts,
        "POST",
        "/api/v5/account/set-leverage",
        '{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}',
      ),
      "eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=",
    );
    assert.equal(
      signRequest(
        secret,
        ts,
        "POST",
        "/api/v5/trade/cancel-order",
        '{"ordId":"590908157585625111","instId":"BTC-USD-190927"}',
      ),
      "9rJCW+tYaJKYFYAsQ8oiDr3cbk9xDtMKZ+WFVEpgNcU=",
    );
  });
  it("stamps ISO 8601 UTC with milliseconds", () => {
    assert.equal(okxTimestamp(1607418537715), ts);
    assert.match(okxTimestamp(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe("credentials", () => {
  it("reads SECRET,PASSPHRASE and the simulate flag", () => {
    const live = okxAuth(parseCredentials("key", "sec,pass"));
    assert.deepEqual(live, { apiKey: "key", secret: "sec", passphrase: "pass", demo: false });
    const demo = okxAuth(parseCredentials("key", "sec,pass,simulate"));
    assert.equal(demo.demo, true);
    assert.equal(wantsDemo(parseCredentials("key", "sec,pass,Simulate")), true);
    assert.equal(wantsDemo(parseCredentials("", "")), false);
  });
  it("refuses a secret without a passphrase, without echoing any part of the key", () => {
    assert.throws(
      () => okxAuth(parseCredentials("key", "mysecret")),
      (e: Error) => {
        assert.ok(e instanceof BadRequestError);
        assert.match(e.message, /SECRET,PASSPHRASE/);
        assert.doesNotMatch(e.message, /mysecret/);
        return true;
      },
    );
    assert.throws(() => okxAuth(parseCredentials("key", "mysecret,")), /passphrase/);
    assert.throws(
      () => okxAuth(parseCredentials("key", "s,p,oops")),
      (e: Error) => !e.message.includes("oops"),
    );
  });
});

describe("query", () => {
  it("drops empty values, keeps commas, encodes the rest", () => {
    assert.equal(buildQuery({}), "");
    assert.equal(buildQuery({ instId: "BTC-USDT", after: undefined, x: "" }), "?instId=BTC-USDT");
    assert.equal(buildQuery({ ccy: "BTC,ETH", q: "a b&c" }), "?ccy=BTC,ETH&q=a%20b%26c");
  });
});

describe("symbols", () => {
  const sym = (text: string) => {
    const p = parseCreateOrder({ symbol: text, type: "buy", amount: "1" });
    return p.symbol;
  };
  it("maps FMZ symbols to instIds and back", () => {
    assert.deepEqual(resolveSymbol(sym("btc_usdt"), "spot", "t"), { instId: "BTC-USDT", instType: "SPOT" });
    assert.deepEqual(resolveSymbol(sym("BTC_USDT"), "swap", "t"), {
      instId: "BTC-USDT-SWAP",
      instType: "SWAP",
    });
    assert.deepEqual(resolveSymbol(sym("BTC_USD.swap"), "spot", "t"), {
      instId: "BTC-USD-SWAP",
      instType: "SWAP",
    });
    assert.throws(
      () => resolveSymbol(sym("BTC_USD.quarter"), "swap", "trade"),
      /not supported: trade for dated futures/,
    );
    assert.equal(fmzSymbolOf("BTC-USDT"), "BTC_USDT");
    assert.equal(fmzSymbolOf("BTC-USDT-SWAP"), "BTC_USDT.swap");
  });
});

describe("order rounding", () => {
  const spot: Instrument = {
    instId: "BTC-USDT",
    instType: "SPOT",
    symbol: "BTC_USDT",
    base: "BTC",
    quote: "USDT",
    lever: "",
    tickSz: "0.1",
    lotSz: "0.00000001",
    minSz: "0.00001",
    maxLmtSz: "9999999999",
    maxLmtAmt: "1000000",
    ctVal: "1",
    ctValCcy: "BTC",
    settleCcy: "",
    ctType: "",
    alias: "",
    live: true,
  };
  const swap: Instrument = {
    ...spot,
    instId: "BTC-USDT-SWAP",
    instType: "SWAP",
    symbol: "BTC_USDT.swap",
    lotSz: "0.01",
    minSz: "0.01",
    ctVal: "0.01",
    settleCcy: "USDT",
    ctType: "linear",
  };
  const order = (type: string, price: unknown, amount: unknown) =>
    parseCreateOrder({ symbol: "BTC_USDT", type, price, amount });

  it("sends 0.1 + 0.2 as 0.3 and the price on the tick", () => {
    const body = buildOrderBody(spot, order("buy", 60000.04, 0.1 + 0.2), "cross", "id1");
    assert.deepEqual(body, {
      instId: "BTC-USDT",
      tdMode: "cash",
      clOrdId: "id1",
      side: "buy",
      ordType: "limit",
      px: "60000",
      sz: "0.3",
    });
    assert.equal(
      JSON.stringify(body),
      '{"instId":"BTC-USDT","tdMode":"cash","clOrdId":"id1","side":"buy","ordType":"limit","px":"60000","sz":"0.3"}',
    );
  });
  it("rounds amounts down to the lot and refuses below the minimum, naming it", () => {
    assert.equal(
      buildOrderBody(spot, order("sell", "60000.06", "0.123456789"), "cross", "x").sz,
      "0.12345678",
    );
    assert.equal(buildOrderBody(spot, order("sell", "60000.06", "1"), "cross", "x").px, "60000.1");
    assert.throws(
      () => buildOrderBody(spot, order("buy", "60000", "0.000001"), "cross", "x"),
      /minimum order size of BTC-USDT: 0\.00001 BTC/,
    );
  });
  it("spends quote currency on a spot market buy, sells base on a market sell", () => {
    const buy = buildOrderBody(spot, order("buy", -1, "100.567"), "cross", "x");
    assert.deepEqual([buy.ordType, buy.sz, buy.tgtCcy, buy.px], ["market", "100.5", "quote_ccy", undefined]);
    const sell = buildOrderBody(spot, order("sell", -1, "0.5"), "cross", "x");
    assert.deepEqual([sell.sz, sell.tgtCcy], ["0.5", "base_ccy"]);
  });
  it("opens and closes swaps in the mount's margin mode, closes reduce-only", () => {
    const open = buildOrderBody(swap, order("sell", "60000", "1.234"), "isolated", "x");
    assert.deepEqual(
      [open.tdMode, open.side, open.sz, open.reduceOnly],
      ["isolated", "sell", "1.23", undefined],
    );
    const closeLong = buildOrderBody(swap, order("closebuy", -1, "1"), "cross", "x");
    assert.deepEqual([closeLong.side, closeLong.reduceOnly, closeLong.tgtCcy], ["sell", true, undefined]);
    const closeShort = buildOrderBody(swap, order("closesell", -1, "1"), "cross", "x");
    assert.deepEqual([closeShort.side, closeShort.reduceOnly], ["buy", true]);
    assert.throws(() => buildOrderBody(spot, order("closebuy", "1", "1"), "cross", "x"), /spot pair/);
  });
});

describe("order status", () => {
  it("maps OKX states", () => {
    assert.equal(orderStatus("live", "0"), "pending");
    assert.equal(orderStatus("partially_filled", "1"), "partial-filled");
    assert.equal(orderStatus("filled", "1"), "filled");
    assert.equal(orderStatus("canceled", "0"), "canceled");
    assert.equal(orderStatus("canceled", "0.5"), "partial-canceled");
    assert.equal(orderStatus("mmp_canceled", ""), "canceled");
  });
});

describe("rate limits", () => {
  it("keys public limits per endpoint and private ones per user (and instrument)", () => {
    const ticker = endpointLimit("GET", "/api/v5/market/ticker");
    assert.equal(ticker.capacity, 20);
    assert.equal(
      rateKey("GET", "/api/v5/market/ticker", ticker, "k1", "BTC-USDT"),
      "GET /api/v5/market/ticker||",
    );
    const place = endpointLimit("post", "/api/v5/trade/order");
    assert.equal(
      rateKey("POST", "/api/v5/trade/order", place, "k1", "BTC-USDT"),
      "POST /api/v5/trade/order|k1|BTC-USDT",
    );
    assert.equal(endpointLimit("GET", "/api/v5/unknown").capacity, 10);
  });
  it("never puts more than capacity requests into one window, and fails fast past the wait bound", () => {
    const limiter = new RateLimiter({ exchange: "OKX", maxWaitMs: 5_000 });
    const rule = { capacity: 3, intervalMs: 1_000 };
    const waits = [0, 0, 0, 0, 0, 0, 0].map(() => limiter.reserve("k", rule, 10_000));
    assert.deepEqual(waits, [0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
    const tight = new RateLimiter({ exchange: "OKX", maxWaitMs: 500 });
    for (let i = 0; i < 3; i++) tight.reserve("k", rule, 0);
    assert.throws(() => tight.reserve("k", rule, 0), /gateway limiter: more than 3 requests per 1000 ms/);
  });
});
