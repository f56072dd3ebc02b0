import { BadRequestError } from "../errors/gateway-errors";
import { quoteValue } from "../helpers/decimal";

/** FMZ contract codes that may follow a pair: `BTC_USDT.swap`, `BTC_USDT.quarter`. */
export const CONTRACT_TYPES = [
  "swap",
  "this_week",
  "next_week",
  "this_month",
  "next_month",
  "quarter",
  "next_quarter",
] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** The markets a range symbol (`USDT.swap`, `USD.futures`) can cover. */
export const RANGE_MARKETS = ["swap", "futures"] as const;
export type RangeMarket = (typeof RANGE_MARKETS)[number];

/** One tradable instrument: spot `ETH_USDT` (no contract) or a contract `BTC_USDT.swap`. */
export interface InstrumentSymbol {
  readonly kind: "instrument";
  readonly base: string;
  readonly quote: string;
  /** Absent for a bare pair; what a bare pair means (spot, or the mount's default market) is the adapter's call. */
  readonly contract?: ContractType;
  /** Canonical FMZ spelling: upper-case pair, lower-case contract code. */
  readonly text: string;
}

/** Every instrument settled in one currency on one market: `USDT.swap`, `USD.futures`. */
export interface RangeSymbol {
  readonly kind: "range";
  readonly quote: string;
  readonly market: RangeMarket;
  readonly text: string;
}

export type FmzSymbol = InstrumentSymbol | RangeSymbol;

const CURRENCY = /^[A-Z0-9]{1,20}$/;
/** Two 20-character currencies, the separator and the longest contract suffix, with room to spare. */
const MAX_SYMBOL_LENGTH = 64;

/**
 * Parses an FMZ symbol in any case. A symbol with no base (`USDT`, `_USDT`) is a bad request, as is an
 * unknown contract code, so a typo never silently trades the wrong market.
 */
export function parseSymbol(input: string): FmzSymbol {
  // Longer than any real symbol: refused before any work, and never echoed in full.
  if (input.length > MAX_SYMBOL_LENGTH) {
    throw new BadRequestError(
      `invalid symbol ${quoteValue(input)}: longer than ${MAX_SYMBOL_LENGTH} characters`,
    );
  }
  const raw = input.trim();
  const dot = raw.indexOf(".");
  const pairPart = (dot < 0 ? raw : raw.slice(0, dot)).toUpperCase();
  const suffix = dot < 0 ? undefined : raw.slice(dot + 1).toLowerCase();

  if (!pairPart.includes("_")) {
    if (
      suffix !== undefined &&
      (RANGE_MARKETS as readonly string[]).includes(suffix) &&
      CURRENCY.test(pairPart)
    ) {
      return { kind: "range", quote: pairPart, market: suffix as RangeMarket, text: `${pairPart}.${suffix}` };
    }
    throw new BadRequestError(
      `invalid symbol ${JSON.stringify(input)}: expected BASE_QUOTE (ETH_USDT), BASE_QUOTE.contract (BTC_USDT.swap) or a range (USDT.swap)`,
    );
  }
  const [base, quote, ...rest] = pairPart.split("_");
  if (rest.length > 0 || !CURRENCY.test(base) || !CURRENCY.test(quote)) {
    throw new BadRequestError(
      `invalid symbol ${JSON.stringify(input)}: expected BASE_QUOTE with a base and a quote currency`,
    );
  }
  if (suffix === undefined) return { kind: "instrument", base, quote, text: `${base}_${quote}` };
  if (!(CONTRACT_TYPES as readonly string[]).includes(suffix)) {
    throw new BadRequestError(
      `invalid symbol ${JSON.stringify(input)}: unknown contract "${suffix}" (expected one of ${CONTRACT_TYPES.join(", ")})`,
    );
  }
  const contract = suffix as ContractType;
  return { kind: "instrument", base, quote, contract, text: `${base}_${quote}.${contract}` };
}

/** Narrows a parsed symbol to an instrument, refusing a range where one instrument is needed. */
export function requireInstrument(symbol: FmzSymbol, method: string): InstrumentSymbol {
  if (symbol.kind === "range") {
    throw new BadRequestError(
      `${method} needs one instrument (e.g. BTC_USDT.swap), not the range "${symbol.text}"`,
    );
  }
  return symbol;
}
