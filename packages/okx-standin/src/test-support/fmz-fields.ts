// The FMZ shapes a gateway answers with, for comparing its answers with the stand-in's state. The
// stand-in does not depend on the gateway's core, so these mirror core's reply types
// (protocol/reply-types.ts) structurally: a core `Ticker`, `Depth` or `Bar` fits them as it is.

/** The ticker fields both sides have: `time` is stamped per answer and `symbol` is the caller's own. */
export const TICKER_FIELDS = ["buy", "sell", "high", "low", "open", "last", "vol"] as const;

/** Those fields as numbers (`vol` in the base currency, the contracts' base amount on swaps). */
export type FmzTickerFields = Record<(typeof TICKER_FIELDS)[number], number>;

/** `[price, amount]`. */
export type FmzLevel = [number, number];

export interface FmzBook {
  asks: FmzLevel[];
  bids: FmzLevel[];
}

/** `[time (seconds), open, high, low, close, volume]`. */
export type FmzBar = [number, number, number, number, number, number];

/**
 * An OKX decimal string as the JSON number FMZ gets: the same conversion as core's `toNumber`, so equal
 * values compare equal (empty or unparsable text is 0 there too).
 */
export function fmzNumber(text: string | undefined): number {
  if (text === undefined || text === "") return 0;
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

/** A gateway ticker without the fields the stand-in cannot know, to compare with `trueTicker`. */
export function tickerFields(t: FmzTickerFields): FmzTickerFields {
  const { buy, sell, high, low, open, last, vol } = t;
  return { buy, sell, high, low, open, last, vol };
}
