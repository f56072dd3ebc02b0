import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as ccxt from "ccxt";
import {
  BadRequestError,
  ExchangeError,
  NetworkError,
  NotSupportedError,
  RateLimitedError,
  TimeoutError,
  mayHaveReachedExchange,
  unclearOutcomeOf,
} from "@fmz-gateway/core";
import { isUncertainOutcome, mapCcxtError, mapOrderError, parseCcxtMessage } from "../errors";

const OKX_51008 =
  'okx {"code":"1","data":[{"clOrdId":"x","ordId":"","sCode":"51008","sMsg":"Order failed. Insufficient USDT balance in account.","tag":""}],"inTime":"1","msg":"All operations failed","outTime":"2"}';

describe("the exchange's code and message out of a ccxt error", () => {
  it("OKX per-item sCode/sMsg beat the envelope", () => {
    assert.deepEqual(parseCcxtMessage("okx", "InsufficientFunds", OKX_51008), {
      code: "51008",
      message: "Order failed. Insufficient USDT balance in account.",
    });
  });
  it("OKX top-level code and msg", () => {
    assert.deepEqual(
      parseCcxtMessage("okx", "AuthenticationError", 'okx {"msg":"Invalid Sign","code":"50113"}'),
      {
        code: "50113",
        message: "Invalid Sign",
      },
    );
  });
  it("Binance numeric codes", () => {
    const text = 'binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}';
    assert.deepEqual(parseCcxtMessage("binance", "InsufficientFunds", text), {
      code: "-2010",
      message: "Account has insufficient balance for requested action.",
    });
  });
  it("Bybit retCode/retMsg", () => {
    const text = 'bybit {"retCode":10001,"retMsg":"params error","result":{}}';
    assert.deepEqual(parseCcxtMessage("bybit", "BadRequest", text), {
      code: "10001",
      message: "params error",
    });
  });
  it("plain text keeps ccxt's class as the code", () => {
    assert.deepEqual(
      parseCcxtMessage(
        "okx",
        "InvalidOrder",
        "okx amount of BTC/USDT must be greater than minimum amount precision of 0.00000001",
      ),
      {
        code: "InvalidOrder",
        message: "amount of BTC/USDT must be greater than minimum amount precision of 0.00000001",
      },
    );
  });
});

describe("ccxt exception classes → the core's error tree", () => {
  const map = (e: Error) => mapCcxtError(e, "okx", "trade");

  it("exchange rejections keep code and message", () => {
    for (const Cls of [
      ccxt.InsufficientFunds,
      ccxt.InvalidOrder,
      ccxt.OrderNotFound,
      ccxt.AuthenticationError,
      ccxt.PermissionDenied,
      ccxt.BadSymbol,
      ccxt.ExchangeError,
    ]) {
      const e = map(new Cls(OKX_51008));
      assert.ok(e instanceof ExchangeError && !(e instanceof RateLimitedError), Cls.name);
      assert.equal(e.message, "okx 51008: Order failed. Insufficient USDT balance in account.", Cls.name);
    }
  });
  it("rate limits", () => {
    const e = map(new ccxt.RateLimitExceeded('okx {"msg":"Too Many Requests","code":"50011"}'));
    assert.ok(e instanceof RateLimitedError);
    assert.equal(e.message, "okx 50011: Too Many Requests");
    assert.ok(map(new ccxt.DDoSProtection("okx 418")) instanceof RateLimitedError);
  });
  it("timeouts and network failures", () => {
    const t = map(new ccxt.RequestTimeout("okx GET https://x/api request timed out (10000 ms)"));
    assert.ok(t instanceof TimeoutError);
    assert.match(t.message, /^okx: GET https:\/\/x\/api request timed out/);
    const n = map(new ccxt.NetworkError("okx GET https://x fetch failed: ECONNREFUSED"));
    assert.ok(n instanceof NetworkError && !(n instanceof TimeoutError));
    assert.ok(map(new ccxt.BadResponse("okx <html>")) instanceof NetworkError);
    const signed = mapCcxtError(
      new ccxt.RequestTimeout(
        "binance GET https://api.binance.com/api/v3/account?timestamp=1&signature=abc request timed out (10000 ms)",
      ),
      "binance",
      "accounts",
    );
    assert.equal(
      signed.message,
      "binance: GET https://api.binance.com/api/v3/account request timed out (10000 ms)",
    );
  });
  it("an unavailable exchange that said why is an exchange error", () => {
    const e = map(
      new ccxt.ExchangeNotAvailable('okx {"code":"50026","msg":"System error. Try again later"}'),
    );
    assert.ok(e instanceof ExchangeError);
    assert.equal(e.message, "okx 50026: System error. Try again later");
  });
  it("NotSupported reads `not supported: <method> on <exchange>`", () => {
    const e = map(new ccxt.NotSupported("okx fetchFoo() is not supported yet"));
    assert.ok(e instanceof NotSupportedError);
    assert.match(e.message, /^not supported: trade on okx/);
  });
  it("ArgumentsRequired is the caller's to fix", () => {
    assert.ok(
      map(new ccxt.ArgumentsRequired("okx fetchOrder() requires a symbol argument")) instanceof
        BadRequestError,
    );
  });
  it("gateway errors pass through; anything else stays an internal error", () => {
    const own = new BadRequestError("x");
    assert.equal(map(own), own);
    const plain = new TypeError("boom");
    assert.equal(map(plain), plain);
  });
});

describe("which order failures leave the outcome unknown", () => {
  it("lost connections, timeouts and unreadable replies", () => {
    assert.ok(isUncertainOutcome(new ccxt.RequestTimeout("t")));
    assert.ok(isUncertainOutcome(new ccxt.NetworkError("n")));
    assert.ok(isUncertainOutcome(new ccxt.BadResponse("b")));
    assert.ok(isUncertainOutcome(new ccxt.ExchangeNotAvailable("e")));
  });
  it("not rejections or rate limits", () => {
    assert.ok(!isUncertainOutcome(new ccxt.InsufficientFunds("i")));
    assert.ok(!isUncertainOutcome(new ccxt.RateLimitExceeded("r")));
    assert.ok(!isUncertainOutcome(new ccxt.InvalidNonce("n")));
    assert.ok(!isUncertainOutcome(new Error("plain")));
  });
});

describe("order failures in core's terms (the MayHaveBeenSent marker)", () => {
  const how = (err: unknown) => {
    const mapped = mapOrderError(err, "okx", "trade");
    return mayHaveReachedExchange(mapped) ? unclearOutcomeOf(mapped) : "definite";
  };
  it("each uncertain ccxt class is marked with what happened", () => {
    assert.equal(how(new ccxt.RequestTimeout("okx POST https://x timed out")), "timeout");
    assert.equal(how(new ccxt.NetworkError("okx POST https://x fetch failed")), "connection");
    assert.equal(how(new ccxt.BadResponse("okx unreadable reply")), "unreadable");
    assert.equal(
      how(new ccxt.ExchangeNotAvailable('okx {"code":"50026","msg":"System error"}')),
      "server-error",
    );
  });
  it("refusals and rate limits stay definite, mapped as any ccxt error", () => {
    assert.equal(how(new ccxt.InsufficientFunds(OKX_51008)), "definite");
    assert.equal(how(new ccxt.RateLimitExceeded("okx 50011")), "definite");
    assert.equal(how(new ccxt.InvalidNonce("okx nonce")), "definite");
    assert.ok(mapOrderError(new ccxt.InsufficientFunds(OKX_51008), "okx", "trade") instanceof ExchangeError);
  });
});
