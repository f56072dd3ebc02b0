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
  /** Why, for every verdict but `correct`. */
  reason?: string;
}
