/**
 * Reconnect delays: exponential from `initialMs`, capped at `maxMs`, with "equal jitter" (each delay is
 * between half and all of the exponential step) so that many sockets dropped by one outage do not all
 * knock again in the same millisecond, which OKX answers with 60014 "Requests too frequent".
 */
export interface BackoffOptions {
  /** First delay, default 500 ms. */
  initialMs?: number;
  /** Largest delay, default 30 000 ms. */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

export class Backoff {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = Math.max(1, opts.initialMs ?? 500);
    this.maxMs = Math.max(this.initialMs, opts.maxMs ?? 30_000);
    this.random = opts.random ?? Math.random;
  }

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const step = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(step / 2 + (this.random() * step) / 2);
  }

  /** The connection proved healthy: start again from `initialMs`. */
  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
