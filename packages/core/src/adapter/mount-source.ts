import { METHOD_TABLE, type ParamsOf } from "../protocol/method-table";
import type { Bar, Depth, Funding, Market, Ticker, Trade } from "../protocol/reply-types";
import { type PublicMethodOf, publicMethods } from "../protocol/table-derivations";

/**
 * The public market-data methods one mount may call on another (a paper exchange reading OKX's book):
 * the method table's public ones. Only public ones: a mount never borrows another's callers' keys.
 */
export const PUBLIC_METHODS = publicMethods(METHOD_TABLE);
export type PublicMethodName = PublicMethodOf<typeof METHOD_TABLE>;

/**
 * Exact decimal text of a price, amount, size or rate: `"60000.1"`, `"0.00001"`, never an exponent.
 * Compute with `Dec` from it (`new Dec(level[0])`); it is never read as a float.
 */
export type DecimalText = string;

/** A reply type with the fields in `Money` as decimal text; every other field as it is. */
export type WithDecimals<T, Money extends keyof T> = {
  [P in keyof T]: P extends Money ? DecimalText : T[P];
};

/**
 * The money fields of each reply type: what crosses between mounts as decimal text. Times, intervals
 * and digit counts stay numbers. One list for the types below and for the conversion both ways
 * (adapter/source-replies), checked by `ALL_NUMBERS_LISTED` so a new number field is never left out.
 */
export const SOURCE_DECIMAL_FIELDS = {
  ticker: ["buy", "sell", "high", "low", "open", "last", "vol"],
  trade: ["price", "amount"],
  market: ["tickSize", "amountSize", "minQty", "maxQty", "minNotional", "maxNotional", "ctVal"],
  funding: ["rate"],
} as const satisfies {
  ticker: readonly (keyof Ticker)[];
  trade: readonly (keyof Trade)[];
  market: readonly (keyof Market)[];
  funding: readonly (keyof Funding)[];
};
type Money<K extends keyof typeof SOURCE_DECIMAL_FIELDS> = (typeof SOURCE_DECIMAL_FIELDS)[K][number];

type NumberKeys<T> = { [P in keyof T]-?: T[P] extends number ? P : never }[keyof T];
/** `true` when every number field of T is money or listed as staying a number; else names the others. */
type Listed<T, Fields> = [Exclude<NumberKeys<T>, Fields>] extends [never]
  ? true
  : { unlistedNumberFields: Exclude<NumberKeys<T>, Fields> };
// A compile error here names a number field of a reply type that is neither money nor kept a number.
const ALL_NUMBERS_LISTED: [
  Listed<Ticker, Money<"ticker"> | "time">,
  Listed<Trade, Money<"trade"> | "time">,
  Listed<Market, Money<"market"> | "pricePrecision" | "amountPrecision">,
  Listed<Funding, Money<"funding"> | "time" | "interval">,
] = [true, true, true, true];
void ALL_NUMBERS_LISTED;

export type SourceTicker = WithDecimals<Ticker, Money<"ticker">>;
export type SourceTrade = WithDecimals<Trade, Money<"trade">>;
export type SourceMarket = WithDecimals<Market, Money<"market">>;
export type SourceMarkets = Record<string, SourceMarket>;
export type SourceFunding = WithDecimals<Funding, Money<"funding">>;
/** `[price, amount]` as decimal text. */
export type SourceDepthLevel = [price: DecimalText, amount: DecimalText];
export type SourceDepth = Omit<Depth, "asks" | "bids"> & {
  /** Ascending by price. */
  asks: SourceDepthLevel[];
  /** Descending by price. */
  bids: SourceDepthLevel[];
};
/** `[time (seconds), open, high, low, close, volume]`: the time a number, the rest decimal text. */
export type SourceBar = [
  time: Bar[0],
  open: DecimalText,
  high: DecimalText,
  low: DecimalText,
  close: DecimalText,
  volume: DecimalText,
];

/**
 * What each public method answers a reading mount: the protocol's reply (`ResultOf`) with its money as
 * decimal text, so a paper exchange matches and settles on the exchange's exact prices and sizes and
 * no float64 sits between the two mounts. Adding a public method needs its entry here (the compiler
 * says so through `SourceResultOf`).
 */
export interface SourceReplies {
  getTicker: SourceTicker;
  getDepth: SourceDepth;
  getTrades: SourceTrade[];
  getRecords: SourceBar[];
  getMarkets: SourceMarkets;
  getTickers: SourceTicker[];
  getFundings: SourceFunding[];
}
export type SourceResultOf<K extends PublicMethodName> = SourceReplies[K];

export interface SourceCallOptions {
  /** Aborts the source call too (hand it the caller's `ctx.signal`): it then rejects at once. */
  signal?: AbortSignal;
  /** Epoch ms; default (and at most) now + the source mount's call timeout. */
  deadline?: number;
}

/**
 * Another mount of the same gateway, seen through its typed public methods. The call runs with empty
 * credentials, a deadline and an abort signal, exactly as a public call from the docker would; its
 * reply carries money as decimal text (`SourceReplies`).
 */
export interface MountSource {
  /** The source mount's name (the path segment). */
  readonly name: string;
  /** The adapter it runs (`OKX`, `ccxt`). */
  readonly adapterName: string;
  /** The source mount's validated options (its `market`, for instance). */
  readonly options: Readonly<Record<string, unknown>>;
  call<K extends PublicMethodName>(
    method: K,
    params: ParamsOf<K>,
    opts?: SourceCallOptions,
  ): Promise<SourceResultOf<K>>;
}
