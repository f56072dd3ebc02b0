/** What the conformance suite runs against: one mount of a running gateway. */
export interface ConformanceTarget {
  /** Gateway root, e.g. `http://127.0.0.1:6666`. */
  baseUrl: string;
  /** The mount (path segment). */
  exchange: string;
  accessKey?: string;
  /** As typed on FMZ: extras comma-separated (`SECRET,PASSPHRASE`). */
  secretKey?: string;
  /** An instrument to exercise: `BTC_USDT` or `BTC_USDT.swap`. */
  symbol: string;
  /** A range symbol for orders and positions, e.g. `USDT.swap`. */
  range?: string;
  /**
   * A resting limit order the suite may place and cancel: choose a price far from the market so it never
   * fills, on the instrument's tick and lot. Omit to skip the order round trip.
   */
  order?: { price: string; amount: string; side?: "buy" | "sell" };
  /** Restrict to these wire methods (aliases accepted); `unknown-method` names the unknown-method probe. */
  methods?: string[];
  /**
   * What the exchange (or its stand-in) received: a URL answering `GET` with `{"orders": [ReceivedOrder…]}`,
   * or a function giving the same list. With it, the rounding, minimum and market-order checks look at
   * what was sent, not only at what `order` answers. Every order received, oldest first.
   */
  orderLog?: string | (() => Promise<ReceivedOrder[]>);
  /**
   * Opt-in market orders: the suite places a market buy spending `buyQuote` (quote currency; contracts on
   * a contract) and a market sell of `sellBase` (base currency; contracts on a contract). The account must
   * hold enough of both; they fill at the market, so they cost a spread and fees.
   */
  marketOrders?: { buyQuote: string; sellBase: string };
  /**
   * The clock market-data times are checked against (they must be milliseconds within a day of it);
   * default `Date.now`. A simulated market on a clock of its own passes that clock.
   */
  clock?: () => number;
}

/** One order exactly as the exchange received it (an `orderLog` entry); prices and amounts as decimal text. */
export interface ReceivedOrder {
  /** Absent (or "") on a market order. */
  price?: string;
  amount: string;
  side: "buy" | "sell";
  type: "limit" | "market";
  /** What `amount` counts: `quote` only for a spot market buy (what to spend); contracts count as `base`. */
  amountUnit: "base" | "quote";
  /** When it was received, epoch milliseconds. */
  time: number;
}

/**
 * What a mount is expected to answer, for `conformanceTests(target, expect)`. Given, the tests are strict:
 * each method in `notSupported` must answer "not supported" (answering data fails it too, so a list that
 * went stale shows), and every other method must be `correct`; a `not-supported` or `skipped` one fails.
 * Without it, `not-supported` and `skipped` methods are reported as skipped tests.
 */
export interface ConformanceExpectations {
  /**
   * Wire methods (aliases accepted) this mount does not support, e.g. `["marginlevel", "fundings"]` on a
   * spot mount; `[]` when it supports them all.
   */
  notSupported: readonly string[];
}

/**
 * `correct`: answered data that passed every check. `not-supported`: answered an error starting with
 * "not supported". `wrong`: any other error, or data that failed a check. `skipped`: not run (no keys, no
 * order to work with).
 */
export type Verdict = "correct" | "not-supported" | "wrong" | "skipped";

export interface MethodReport {
  /** The wire method (`ticker`), or `unknown-method` for the unknown-method probe. */
  method: string;
  verdict: Verdict;
  /** Why, for every verdict but `correct`; on a `correct` one, what could not be checked (if anything). */
  reason?: string;
}
