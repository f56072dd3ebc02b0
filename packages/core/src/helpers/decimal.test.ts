import assert from "node:assert/strict";
import { test } from "node:test";
import { BadRequestError } from "../errors/gateway-errors";
import {
  DECIMAL_BOUNDS,
  parseClientDecimal,
  parseDecimal,
  roundToPlaces,
  roundToStep,
  stepPlaces,
  toNumber,
  toPlain,
} from "./decimal";

test("float noise from a strategy is removed before rounding: 0.1 + 0.2 is 0.3", () => {
  assert.equal(parseClientDecimal(0.1 + 0.2, "amount").toFixed(), "0.3");
  assert.equal(parseClientDecimal("0.30000000000000004", "amount").toFixed(), "0.3");
  // Rounding 2.0999999999999996 down to a 0.01 lot would lose a lot without the noise removal.
  assert.equal(roundToStep(parseClientDecimal(0.7 * 3, "amount"), "0.01", "down"), "2.10");
  // Genuine precision within 15 significant digits is untouched.
  assert.equal(parseClientDecimal("12345.6789012345", "price").toFixed(), "12345.6789012345");
});

test("amounts round down to the lot, prices to the nearest tick, with the step's scale", () => {
  assert.equal(roundToStep("0.123456", "0.0001", "down"), "0.1234");
  assert.equal(roundToStep("0.99999", "0.001", "down"), "0.999");
  assert.equal(roundToStep("43210.57", "0.1", "nearest"), "43210.6");
  assert.equal(roundToStep("43210.55", "0.1", "nearest"), "43210.6");
  assert.equal(roundToStep("43210.54", "0.1", "nearest"), "43210.5");
  assert.equal(roundToStep("17", "5", "down"), "15");
  assert.equal(roundToStep("0.00000123", "0.00000001", "down"), "0.00000123");
  assert.equal(roundToStep("1.5", "0.5", "up"), "1.5");
  assert.equal(roundToStep("1.51", "0.5", "up"), "2.0");
  assert.throws(() => roundToStep("1", "0", "down"), RangeError);
});

test("decimal text never uses exponents, which exchanges reject", () => {
  assert.equal(toPlain("1e-8"), "0.00000001");
  assert.equal(roundToStep("0.00000001", "0.00000001", "down"), "0.00000001");
  assert.equal(roundToPlaces("1.23456", 3, "down"), "1.234");
  assert.equal(stepPlaces("0.001"), 3);
  assert.equal(stepPlaces("5"), 0);
});

test("parseDecimal accepts decimal strings and numbers and refuses anything else", () => {
  assert.equal(parseDecimal(" 42.50 ", "price").toFixed(), "42.5");
  assert.equal(parseDecimal(-1, "price").toFixed(), "-1");
  for (const bad of ["abc", "", "0x10", "NaN", "Infinity", null, {}, "1,5"]) {
    assert.throws(() => parseDecimal(bad, "price"), BadRequestError, String(bad));
  }
  assert.throws(() => parseDecimal(Number.NaN, "price"), /not a decimal/);
});

test("toNumber turns exchange decimals into reply numbers without changing their text", () => {
  assert.equal(toNumber("43210.1"), 43210.1);
  assert.equal(String(toNumber("0.00012345")), "0.00012345");
  assert.equal(toNumber("1e-8"), 1e-8);
  assert.equal(toNumber("0.000"), 0);
  // Absent values are 0: OKX sends "" for a price that does not exist yet, and adapters rely on it.
  assert.equal(toNumber(""), 0);
  assert.equal(toNumber(undefined), 0);
  assert.equal(toNumber(null), 0);
});

test("toNumber refuses garbage instead of turning it into 0 or another number", () => {
  for (const bad of ["garbage", "NaN", "Infinity", "0x10", "1_000", " ", "1e400", "-1e400", "1e-400"]) {
    assert.throws(() => toNumber(bad), /cannot read .* as a number/, bad);
  }
  assert.throws(() => toNumber(Number.NaN), /cannot read NaN as a number/);
  assert.throws(() => toNumber(Infinity), /cannot read Infinity/);
});

test("parseDecimal bounds length, significant digits and size from the text, before expanding it", () => {
  const cases: Array<[unknown, RegExp]> = [
    [
      "3e30000000",
      /: invalid amount: "3e30000000" is out of range \(a decimal must be 0, or at least 1e-20 and below 1e21 in size\)$/,
    ],
    ["1e12000000", /out of range/],
    ["-1e21", /out of range/],
    ["1e-21", /out of range/],
    ["0.000000000000000000001", /out of range/],
    [1e300, /: invalid amount: 1e\+300 is out of range/],
    [Infinity, /: invalid amount: Infinity is out of range/],
    ["1".repeat(31), /has 31 significant digits \(a decimal may have at most 30\)/],
    [
      "1".repeat(100_000),
      /: invalid amount: "1{24}"… \(100000 characters\) is too long for a decimal number \(at most 64 characters\)$/,
    ],
    ["1e" + "9".repeat(60), /out of range/],
  ];
  const before = process.memoryUsage().heapUsed;
  for (const [value, message] of cases) {
    assert.throws(() => parseDecimal(value, "amount"), message, String(value).slice(0, 30));
    assert.throws(() => parseClientDecimal(value, "amount"), BadRequestError);
  }
  // Expanding any of these would take megabytes; refusing them takes next to nothing.
  assert.ok(process.memoryUsage().heapUsed - before < 20_000_000);
});

test("parseDecimal accepts everything a trader sends, up to the bounds, exactly", () => {
  const ok: Array<[unknown, string]> = [
    ["1e12", "1000000000000"],
    ["1e-10", "0.0000000001"],
    ["1e-20", "0.00000000000000000001"],
    ["9.99999999999999e20", "999999999999999000000"],
    ["0e99999999", "0"],
    ["-0.5", "-0.5"],
    [".5", "0.5"],
    ["5.", "5"],
    ["1.00000000000000000000000000000000000000", "1"],
    ["1".repeat(DECIMAL_BOUNDS.maxSignificantDigits) + "e-10", "11111111111111111111.1111111111"],
    [1e20, "100000000000000000000"],
  ];
  for (const [value, text] of ok) assert.equal(parseDecimal(value, "amount").toFixed(), text, String(value));
});
