import assert from "node:assert/strict";
import { test } from "node:test";
import { BadRequestError } from "../errors/gateway-errors";
import {
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
  assert.equal(toNumber(""), 0);
  assert.equal(toNumber(undefined), 0);
  assert.equal(toNumber("garbage"), 0);
});
