// OKX's published per-endpoint REST limits (reference §3), enforced with one fixed window per bucket.
// A window opens at the first request of a bucket and lasts 2 s. Any request sequence OKX's own (sliding)
// limiter accepts is also accepted here, so a client that respects the published numbers never sees a 429.

export const WINDOW_MS = 2000;

/** Requests (or, for batch endpoints, orders) allowed per 2 s, keyed by endpoint path under /api/v5. */
export const LIMITS = {
  "public/time": 10,
  "market/ticker": 20,
  "market/tickers": 20,
  "market/books": 40,
  "market/trades": 100,
  "market/candles": 40,
  "market/history-candles": 20,
  "public/instruments": 20,
  "public/funding-rate": 10,
  "account/balance": 10,
  "account/positions": 10,
  "account/set-leverage": 20,
  // OKX docs: set position mode, 5 requests / 2 s per user (inference from the docs page; not in §3).
  "account/set-position-mode": 5,
  "trade/order:POST": 60,
  "trade/batch-orders": 300,
  "trade/order:GET": 60,
  "trade/cancel-order": 60,
  "trade/cancel-batch-orders": 300,
  "trade/orders-pending": 60,
  "trade/orders-history": 40,
  "trade/orders-history-archive": 20,
} as const;

export type LimitName = keyof typeof LIMITS;

interface Bucket {
  start: number;
  used: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(public enabled: boolean) {}

  /**
   * Counts `cost` units against the bucket `name|scope` and says whether the request may proceed.
   * `scope` is the IP, user (API key) and/or instrument the rule is keyed on.
   */
  take(name: LimitName, scope: string, now: number, cost = 1): boolean {
    if (!this.enabled) return true;
    const key = name + "|" + scope;
    let b = this.buckets.get(key);
    if (b === undefined || now - b.start >= WINDOW_MS) {
      // Arbitrary instIds could grow the map without bound; old windows are worthless, so start afresh.
      if (b === undefined && this.buckets.size > 50_000) this.buckets.clear();
      b = { start: now, used: 0 };
      this.buckets.set(key, b);
    }
    b.used += cost;
    return b.used <= LIMITS[name];
  }

  reset(): void {
    this.buckets.clear();
  }
}
