import Decimal from "decimal.js";
import { BadRequestError, GatewayError } from "../errors/gateway-errors";

/**
 * Exact decimal arithmetic for prices and amounts (decimal.js). Our own clone, so a plugin that changes
 * decimal.js's global settings cannot change how we round money. Exponents are never printed: exchanges
 * reject `1e-7`.
 */
export const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Dec = InstanceType<typeof Dec>;

/**
 * Strategies compute in binary floating point, so `0.1 + 0.2` arrives as `0.30000000000000004`. No
 * float64 carries more than 15 to 17 meaningful significant digits; anything past 15 is noise from the
 * float, and is dropped before we round to the instrument's lot, so `2.0999999999999996` is `2.1`, not
 * `2.09` after rounding down.
 */
export const CLIENT_SIGNIFICANT_DIGITS = 15;

/**
 * What a decimal from the wire may be. Every price, amount, count and deposit a caller sends passes
 * through `parseDecimal` (or `optionalCount` in params.ts, which uses the same check), so these bounds are
 * the one place that keeps a hostile number from costing memory: `"3e30000000"` is 30 million digits
 * once expanded by `toFixed()`. The bounds are far past any real trade (meme coin amounts of 1e12,
 * prices of 1e-10) and keep every accepted number cheap to expand (at most ~50 characters) and exactly
 * representable as the JSON number (float64) a reply carries.
 */
export const DECIMAL_BOUNDS = {
  /** Characters of the text as sent, surrounding blanks included. */
  maxLength: 64,
  /** Digits from the first to the last non-zero one; float64's shortest text needs at most 17. */
  maxSignificantDigits: 30,
  /** The smallest non-zero size: 1e-20. */
  minExponent: -20,
  /** Sizes stay below 1e21 (the exponent of the leading digit is at most 20). */
  maxExponent: 20,
} as const;

const RANGE_TEXT = `0, or at least 1e-${-DECIMAL_BOUNDS.minExponent} and below 1e${DECIMAL_BOUNDS.maxExponent + 1} in size`;

/**
 * Sign, integer digits, fraction digits, exponent. Each part is delimited by a character the others
 * cannot contain, so a failing match backtracks at most linearly (no catastrophic backtracking).
 */
const DECIMAL_SYNTAX = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A caller's value as it appears in an error text: strings shortened, so a 1 MB value is not echoed. */
export function quoteValue(value: unknown): string {
  if (typeof value === "string") {
    return value.length > 40
      ? `${JSON.stringify(value.slice(0, 24))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  return String(value);
}

/**
 * Checks decimal text against `DECIMAL_BOUNDS` from the text alone, before decimal.js or `Number`
 * sees it, and throws a BadRequestError naming `field` and the rule it broke. Returns the trimmed text.
 */
export function checkDecimalText(value: unknown, field: string): string {
  const bad = (why: string) => new BadRequestError(`invalid ${field}: ${quoteValue(value)} ${why}`);
  if ((typeof value !== "string" && typeof value !== "number") || Number.isNaN(value)) {
    throw bad("is not a decimal number");
  }
  // JSON.parse turns a literal like 1e400 into Infinity.
  if (value === Infinity || value === -Infinity)
    throw bad(`is out of range (a decimal must be ${RANGE_TEXT})`);
  if (typeof value === "string" && value.length > DECIMAL_BOUNDS.maxLength) {
    throw bad(`is too long for a decimal number (at most ${DECIMAL_BOUNDS.maxLength} characters)`);
  }
  // Number#toString gives the shortest text that round-trips, which is what the strategy meant.
  const text = typeof value === "number" ? value.toString() : value.trim();
  const m = DECIMAL_SYNTAX.exec(text);
  const intDigits = m?.[1] ?? "";
  const digits = intDigits + (m?.[2] ?? "");
  if (!m || digits === "") throw bad("is not a decimal number");
  const first = digits.search(/[1-9]/);
  if (first < 0) return text; // zero, whatever its exponent
  let last = digits.length - 1;
  while (digits[last] === "0") last--;
  const significant = last - first + 1;
  if (significant > DECIMAL_BOUNDS.maxSignificantDigits) {
    throw bad(
      `has ${significant} significant digits (a decimal may have at most ${DECIMAL_BOUNDS.maxSignificantDigits})`,
    );
  }
  // The exponent text is at most 64 characters, so Number() is cheap; a huge one is a huge float.
  const exponent = intDigits.length - 1 - first + Number(m[3] ?? 0);
  if (exponent < DECIMAL_BOUNDS.minExponent || exponent > DECIMAL_BOUNDS.maxExponent) {
    throw bad(`is out of range (a decimal must be ${RANGE_TEXT})`);
  }
  return text;
}

/**
 * Parses a decimal from the wire (string or JSON number) exactly, within `DECIMAL_BOUNDS`; refuses
 * NaN, Infinity, hex, blanks, and numbers too long, too precise, too large or too small.
 */
export function parseDecimal(value: unknown, field: string): Dec {
  return new Dec(checkDecimalText(value, field));
}

/** Parses a number a strategy sent, removing float noise past 15 significant digits (see above). */
export function parseClientDecimal(value: unknown, field: string): Dec {
  const d = parseDecimal(value, field);
  return d.isZero() || d.precision(true) <= CLIENT_SIGNIFICANT_DIGITS
    ? d
    : d.toSignificantDigits(CLIENT_SIGNIFICANT_DIGITS, Dec.ROUND_HALF_EVEN);
}

export type RoundingMode = "down" | "up" | "nearest";

/**
 * Rounds to a multiple of `step` (an instrument's tick or lot size): `down` for amounts so we never
 * trade more than asked, `nearest` for prices. Returns plain decimal text with the step's scale.
 */
export function roundToStep(value: Dec | string, step: Dec | string, mode: RoundingMode): string {
  const v = new Dec(value);
  const s = new Dec(step);
  if (s.lte(0)) throw new RangeError(`step must be positive, got ${s.toFixed()}`);
  const units = v.div(s);
  const rounded =
    mode === "down"
      ? units.toDecimalPlaces(0, Dec.ROUND_DOWN)
      : mode === "up"
        ? units.toDecimalPlaces(0, Dec.ROUND_UP)
        : units.toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  return rounded.mul(s).toFixed(s.decimalPlaces());
}

/** Rounds to a number of decimal places (exchanges that state precision as digits instead of a step). */
export function roundToPlaces(value: Dec | string, places: number, mode: RoundingMode): string {
  const rm = mode === "down" ? Dec.ROUND_DOWN : mode === "up" ? Dec.ROUND_UP : Dec.ROUND_HALF_UP;
  return new Dec(value).toFixed(places, rm);
}

/** Number of decimal places a step implies: `0.001` → 3, `5` → 0. */
export function stepPlaces(step: Dec | string): number {
  return new Dec(step).decimalPlaces();
}

/** Plain decimal text without exponent or trailing zeros: `1.2300` → `1.23`. */
export function toPlain(value: Dec | string | number): string {
  return new Dec(value).toFixed();
}

/**
 * Converts an exchange's decimal string to a JSON number for a reply. The docker reads float64 anyway;
 * a decimal of up to 15 significant digits survives the conversion exactly (its shortest text is the
 * same), which covers every price and amount an exchange quotes.
 *
 * Absent values (`undefined`, `null`, `""`) are 0: OKX sends `""` for a price that does not exist yet
 * (no fill, no bid), and the adapters rely on reading that as 0. Anything else that is not a finite
 * decimal (`"abc"`, `"NaN"`, `"0x10"`, `"1e400"`, a non-zero that underflows to 0) throws rather than
 * becoming a number the exchange never said.
 */
export function toNumber(value: string | number | undefined | null): number {
  if (value === undefined || value === null || value === "") return 0;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
  } else {
    const m = DECIMAL_SYNTAX.exec(value.trim());
    const digits = m ? (m[1] ?? "") + (m[2] ?? "") : "";
    const n = digits === "" ? Number.NaN : Number(value);
    // Zero only when the digits are: "1e-400" is not 0, it is a number float64 cannot hold.
    if (Number.isFinite(n) && (n !== 0 || !/[1-9]/.test(digits))) return n;
  }
  throw new GatewayError(`cannot read ${quoteValue(value)} as a number: expected finite decimal text`);
}
