import Decimal from "decimal.js";
import { BadRequestError } from "../errors/gateway-errors";

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

const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a decimal from the wire (string or JSON number) exactly; refuses NaN, Infinity, hex and blanks. */
export function parseDecimal(value: unknown, field: string): Dec {
  const text =
    typeof value === "number" ? numberToText(value) : typeof value === "string" ? value.trim() : "";
  if (!PLAIN_DECIMAL.test(text)) {
    throw new BadRequestError(`invalid ${field}: ${JSON.stringify(value)} is not a decimal number`);
  }
  return new Dec(text);
}

/** Parses a number a strategy sent, removing float noise past 15 significant digits (see above). */
export function parseClientDecimal(value: unknown, field: string): Dec {
  const d = parseDecimal(value, field);
  return d.isZero() || d.precision(true) <= CLIENT_SIGNIFICANT_DIGITS
    ? d
    : d.toSignificantDigits(CLIENT_SIGNIFICANT_DIGITS, Dec.ROUND_HALF_EVEN);
}

function numberToText(n: number): string {
  // Number#toString gives the shortest text that round-trips, which is what the strategy meant.
  return Number.isFinite(n) ? n.toString() : "NaN";
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
 * same), which covers every price and amount an exchange quotes. Empty strings become 0.
 */
export function toNumber(value: string | number | undefined | null): number {
  if (value === undefined || value === null || value === "") return 0;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}
