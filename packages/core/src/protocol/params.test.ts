// Every number a docker sends is bounded where it is parsed: counts in their unit (period in minutes,
// since in milliseconds), decimals by length, digits and size, each refusal naming the parameter.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseParams, resolveMethod } from "./method-table";
import {
  type HistoryOrdersParams,
  type MarginLevelParams,
  MAX_LIMIT,
  MAX_PERIOD_MINUTES,
  MAX_SINCE_MS,
  type RecordsParams,
} from "./params";

function parse(method: string, raw: Record<string, unknown>): unknown {
  const resolved = resolveMethod(method);
  assert.ok(resolved, `method ${method} resolves`);
  return parseParams(resolved, raw, { wireMethod: method });
}

const refused = (method: string, raw: Record<string, unknown>, message: RegExp) =>
  assert.throws(() => parse(method, raw), { name: "BadRequestError", message });

test("a period that is not whole minutes is refused, and the message says minutes", () => {
  for (const period of ["1d", "1h", 1.5, -5, "1e300", 1e300, "9".repeat(100), MAX_PERIOD_MINUTES + 1]) {
    refused(
      "records",
      { symbol: "BTC_USDT", period },
      /^invalid params\.period: .* is not a whole number of minutes from 0 to 525600 \(0 or absent = 60 minutes\)$/,
    );
  }
  const longest = parse("records", { symbol: "BTC_USDT", period: String(MAX_PERIOD_MINUTES) });
  assert.equal((longest as RecordsParams).period, MAX_PERIOD_MINUTES);
  assert.equal((parse("records", { symbol: "BTC_USDT", period: " 15 " }) as RecordsParams).period, 15);
});

test("limits and since are bounded, in their units, whatever the exponent or digit count", () => {
  for (const limit of ["1e12000000", 1e300, MAX_LIMIT + 1, "-1", "ten", "0x10"]) {
    refused("records", { symbol: "BTC_USDT", limit }, /^invalid params\.limit: .* from 0 to 10000/);
    refused("depth", { symbol: "BTC_USDT", limit }, /^invalid params\.limit: /);
    refused("historyorders", { symbol: "BTC_USDT", limit }, /^invalid params\.limit: /);
  }
  for (const since of ["3e30000000", 1e300, MAX_SINCE_MS + 1, "1".repeat(5000), 1.5]) {
    refused(
      "historyorders",
      { symbol: "BTC_USDT", since },
      /^invalid params\.since: .* is not a whole number of milliseconds since 1970 from 0 to 253402300799999/,
    );
  }
  const h = parse("historyorders", { symbol: "BTC_USDT", since: "1767225600000", limit: MAX_LIMIT });
  assert.equal((h as HistoryOrdersParams).since, 1767225600000);
  assert.equal((h as HistoryOrdersParams).limit, MAX_LIMIT);
});

test("a long value is not echoed back in full", () => {
  const long = "1".repeat(100_000);
  assert.throws(
    () => parse("historyorders", { symbol: "BTC_USDT", since: long }),
    (err: Error) => err.message.length < 300 && err.message.includes("(100000 characters)"),
  );
});

test("marginLevel is a number above 0 and at most 1000, bounded before it is expanded", () => {
  for (const marginLevel of ["1e300", "3e30000000", 1001, "0", "-3", "x"]) {
    refused("marginlevel", { symbol: "BTC_USDT.swap", marginLevel }, /^invalid marginLevel/);
  }
  refused("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: "1e300" }, /out of range/);
  refused("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 1001 }, /at most 1000/);
  const p = parse("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: "2.5" }) as MarginLevelParams;
  assert.equal(p.marginLevel, 2.5);
  assert.equal(
    (parse("marginlevel", { symbol: "X_Y.swap", marginLevel: 1000 }) as MarginLevelParams).marginLevel,
    1000,
  );
});

test("price and amount with huge exponents or digit strings are refused naming the parameter", () => {
  const trade = (price: unknown, amount: unknown) => ({ symbol: "BTC_USDT", type: "buy", price, amount });
  refused("trade", trade("1", "3e30000000"), /^invalid amount: "3e30000000" is out of range/);
  refused("trade", trade("1", "1e12000000"), /^invalid amount: .* out of range/);
  refused("trade", trade("1e350", "1"), /^invalid price: "1e350" is out of range/);
  refused("trade", trade("1", "0." + "0".repeat(500) + "1"), /^invalid amount: .* too long/);
  refused("trade", trade("1." + "1".repeat(40), "1"), /^invalid price: .* 41 significant digits/);
  // Meme coin amounts and tiny prices still pass, exactly.
  assert.deepEqual(parse("trade", trade("0.0000000001", "1e12")), {
    symbol: { kind: "instrument", base: "BTC", quote: "USDT", text: "BTC_USDT" },
    side: "buy",
    orderType: "limit",
    price: "0.0000000001",
    amount: "1000000000000",
  });
});
