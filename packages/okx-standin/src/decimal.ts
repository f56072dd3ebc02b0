// Exact decimal arithmetic for money: every amount is a BigInt scaled by 10^18, so "0.1 + 0.2" stays "0.3"
// and a balance never shows float noise such as 0.30000000000000004. 18 decimals cover every lot and tick
// size OKX uses (the smallest is 1e-8) with room to spare for products such as size × price.

export const SCALE = 18;
export const ONE = 10n ** 18n;

// OKX sends and accepts numbers as plain decimal strings: digits, an optional fraction, no sign, no exponent.
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;
const SIGNED_DECIMAL = /^-?\d+(?:\.\d+)?$/;

function toScaled(text: string): bigint | undefined {
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf(".");
  let whole = body;
  let frac = "";
  if (dot >= 0) {
    whole = body.slice(0, dot);
    frac = body.slice(dot + 1);
    if (frac.length > SCALE) {
      // Extra digits are only acceptable when they are zeros; anything else cannot be represented exactly.
      if (!/^0*$/.test(frac.slice(SCALE))) return undefined;
      frac = frac.slice(0, SCALE);
    }
  }
  const value = BigInt(whole + frac.padEnd(SCALE, "0"));
  return negative ? -value : value;
}

/** Parses a plain, non-negative decimal string ("0.3", "60000.1"); undefined for anything else. */
export function parseDecimal(text: string): bigint | undefined {
  if (!PLAIN_DECIMAL.test(text)) return undefined;
  return toScaled(text);
}

/** Like parseDecimal but allows a leading minus sign. */
export function parseSignedDecimal(text: string): bigint | undefined {
  if (!SIGNED_DECIMAL.test(text)) return undefined;
  return toScaled(text);
}

/**
 * Accepts what a JSON body may carry for a numeric field: a plain decimal string, or a JSON number whose
 * canonical text is a plain decimal (ccxt sends `lever` as a number). Exponent forms are rejected.
 */
export function parseDecimalField(value: unknown): bigint | undefined {
  if (typeof value === "string") return parseDecimal(value);
  if (typeof value === "number" && Number.isFinite(value)) return parseDecimal(String(value));
  return undefined;
}

/** Canonical OKX-style text: no trailing zeros, no exponent ("0.3", "10000", "-1.5"). */
export function formatDecimal(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / ONE;
  const frac = abs % ONE;
  let text = whole.toString();
  if (frac !== 0n) text += "." + frac.toString().padStart(SCALE, "0").replace(/0+$/, "");
  return negative ? "-" + text : text;
}

/** Formats with at most `decimals` fraction digits, truncating toward zero. */
export function formatTruncated(value: bigint, decimals: number): string {
  const step = 10n ** BigInt(SCALE - decimals);
  return formatDecimal(value - (value % step));
}

export function mul(a: bigint, b: bigint): bigint {
  return (a * b) / ONE;
}

/** Division truncating toward zero; the caller guarantees b !== 0. */
export function div(a: bigint, b: bigint): bigint {
  return (a * ONE) / b;
}

export function isMultipleOf(value: bigint, step: bigint): boolean {
  return value % step === 0n;
}

/** Rounds a non-negative value down to a multiple of step. */
export function floorToStep(value: bigint, step: bigint): bigint {
  return value - (value % step);
}

export function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** Number of fraction digits of a step such as "0.01" (2) or "1" (0). */
export function decimalsOf(step: string): number {
  const dot = step.indexOf(".");
  return dot < 0 ? 0 : step.length - dot - 1;
}

/** Approximate float value, only for generating synthetic market data, never for balances. */
export function toNumber(value: bigint): number {
  return Number(value) / 1e18;
}
