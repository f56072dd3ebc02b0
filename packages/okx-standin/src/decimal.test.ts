import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  div,
  floorToStep,
  formatDecimal,
  isMultipleOf,
  mul,
  parseDecimal,
  parseDecimalField,
} from "./decimal";

const d = (s: string): bigint => {
  const v = parseDecimal(s);
  if (v === undefined) throw new Error(s);
  return v;
};

describe("decimal", () => {
  it("parses only plain decimals", () => {
    for (const ok of ["0", "1", "0.1", "60000.1", "0.00000001", "007.50"])
      assert.notEqual(parseDecimal(ok), undefined, ok);
    for (const bad of ["", ".5", "1.", "1e-5", "-1", "+1", " 1", "1,5", "NaN", "0x10"]) {
      assert.equal(parseDecimal(bad), undefined, bad);
    }
    assert.equal(parseDecimal("0.1234567890123456789"), undefined, "more than 18 significant decimals");
    assert.equal(formatDecimal(d("0.12345678901234567800")), "0.123456789012345678");
  });

  it("adds, multiplies and formats without float noise", () => {
    assert.equal(formatDecimal(d("0.1") + d("0.2")), "0.3");
    assert.equal(formatDecimal(mul(d("0.3"), d("3000.01"))), "900.003");
    assert.equal(formatDecimal(d("1000") - mul(d("0.3"), d("3000.01"))), "99.997");
    assert.equal(formatDecimal(-d("0.01")), "-0.01");
    assert.equal(formatDecimal(d("10.500")), "10.5");
    assert.equal(formatDecimal(div(d("1"), d("3"))), "0.333333333333333333");
  });

  it("checks steps", () => {
    assert.equal(isMultipleOf(d("0.3"), d("0.00000001")), true);
    assert.equal(isMultipleOf(d("0.000000001"), d("0.00000001")), false);
    assert.equal(formatDecimal(floorToStep(d("0.0016666638"), d("0.00000001"))), "0.00166666");
  });

  it("accepts JSON numbers only when they print as plain decimals", () => {
    assert.equal(parseDecimalField(5), d("5"));
    assert.equal(parseDecimalField(0.3), d("0.3"));
    assert.equal(parseDecimalField(1e-7), undefined);
    assert.equal(parseDecimalField(true), undefined);
  });
});
