import assert from "node:assert/strict";
import { test } from "node:test";
import { BadRequestError } from "../errors/gateway-errors";
import { parseSymbol, requireInstrument } from "./symbol";

test("spot pairs parse in any case to the canonical spelling", () => {
  assert.deepEqual(parseSymbol("eth_usdt"), {
    kind: "instrument",
    base: "ETH",
    quote: "USDT",
    text: "ETH_USDT",
  });
  assert.deepEqual(parseSymbol(" LTC_USDT "), {
    kind: "instrument",
    base: "LTC",
    quote: "USDT",
    text: "LTC_USDT",
  });
});

test("contracts keep their code, linear and inverse alike", () => {
  const swap = parseSymbol("BTC_USDT.SWAP");
  assert.equal(swap.kind, "instrument");
  assert.equal(swap.text, "BTC_USDT.swap");
  assert.deepEqual(parseSymbol("BTC_USD.quarter"), {
    kind: "instrument",
    base: "BTC",
    quote: "USD",
    contract: "quarter",
    text: "BTC_USD.quarter",
  });
  for (const code of ["this_week", "next_week", "next_quarter"]) {
    assert.equal(parseSymbol(`ETH_USDT.${code}`).text, `ETH_USDT.${code}`);
  }
});

test("ranges cover one settlement currency on one market", () => {
  assert.deepEqual(parseSymbol("USDT.swap"), {
    kind: "range",
    quote: "USDT",
    market: "swap",
    text: "USDT.swap",
  });
  assert.deepEqual(parseSymbol("usd.futures"), {
    kind: "range",
    quote: "USD",
    market: "futures",
    text: "USD.futures",
  });
});

test("a symbol without a base, or with an unknown contract, is a bad request that says why", () => {
  for (const bad of ["USDT", "_USDT", "BTC_", "", "BTC_USDT_X", "BTC-USDT", "USDT.quarter"]) {
    assert.throws(() => parseSymbol(bad), BadRequestError, bad);
  }
  assert.throws(() => parseSymbol("BTC_USDT.perp"), /unknown contract "perp"/);
  assert.throws(() => parseSymbol("USDT"), /expected BASE_QUOTE/);
});

test("requireInstrument refuses a range where one instrument is needed", () => {
  assert.throws(() => requireInstrument(parseSymbol("USDT.swap"), "ticker"), /ticker needs one instrument/);
  assert.equal(requireInstrument(parseSymbol("BTC_USDT"), "ticker").base, "BTC");
});
