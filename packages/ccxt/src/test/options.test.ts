import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkOptions, closeMatches, editDistance, resolveExchangeId } from "../options";

describe("exchange ids", () => {
  it("accepts ccxt ids in any case", () => {
    assert.equal(resolveExchangeId("okx"), "okx");
    assert.equal(resolveExchangeId("Kraken"), "kraken");
  });
  it("refuses unknown ids, listing close matches", () => {
    assert.throws(() => resolveExchangeId("okex"), /unknown ccxt exchange "okex"; did you mean okx\b/);
    assert.throws(() => resolveExchangeId("krakn"), /unknown ccxt exchange "krakn"; did you mean kraken\b/);
    assert.throws(() => resolveExchangeId("binanse"), /did you mean binance\b/);
    assert.throws(
      () => resolveExchangeId("zzzzzzzz"),
      (e: Error) => !e.message.includes("did you mean"),
    );
  });
  it("close matches: by edit distance, swaps counting once, or containing the text", () => {
    assert.equal(editDistance("krakne", "kraken"), 1);
    assert.deepEqual(closeMatches("kraken", ["kraken", "krakenfutures", "okx"]), ["kraken", "krakenfutures"]);
  });
});

describe("pass-through options", () => {
  const base = {
    exchange: "okx",
    market: "spot" as const,
    sandbox: false,
    timeoutMs: 10_000,
    ccxt: {},
    maxInstances: 10,
  };
  it("refuse credentials in the config", () => {
    assert.throws(
      () => checkOptions({ ...base, ccxt: { apiKey: "x" } }),
      /options\.ccxt\.apiKey: credentials come with each FMZ request/,
    );
  });
  it("normalize the id and the base URL", () => {
    const o = checkOptions({ ...base, exchange: "OKX", baseUrl: "http://127.0.0.1:1/" });
    assert.equal(o.exchange, "okx");
    assert.equal(o.baseUrl, "http://127.0.0.1:1");
  });
});
