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
  /** Why, for every verdict but `correct`. */
  reason?: string;
}
