import { RateLimitedError, TimeoutError } from "../errors/gateway-errors";

/** `capacity` requests per `intervalMs`, as exchanges publish them (OKX: 20 requests per 2 s). */
export interface RateRule {
  readonly capacity: number;
  readonly intervalMs: number;
}

export interface RateLimiterOptions {
  /** Exchange name for error messages. */
  exchange: string;
  /** Longest a call may wait for a slot before it fails fast as rate limited; default 5 000 ms. */
  maxWaitMs?: number;
}

/**
 * Keeps calls inside an exchange's published limits instead of hitting them. One bucket per key (e.g.
 * endpoint + API key), using the generic cell rate algorithm: each bucket is a single timestamp (the
 * theoretical arrival time), so thousands of keys cost a map entry each and no timers. Calls over the
 * limit wait their turn in order, up to `maxWaitMs`, then fail with a RateLimitedError.
 *
 * Written here rather than taken from npm: the libraries we looked at (limiter, bottleneck) have no
 * per-key buckets with AbortSignal support, and bottleneck is unmaintained.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, number>();
  private readonly maxWaitMs: number;
  private lastSweep = 0;

  constructor(private readonly opts: RateLimiterOptions) {
    this.maxWaitMs = opts.maxWaitMs ?? 5_000;
  }

  /** Resolves when the call may go; rejects when the wait would exceed maxWaitMs or `signal` aborts. */
  async acquire(key: string, rule: RateRule, signal?: AbortSignal): Promise<void> {
    const wait = this.reserve(key, rule, Date.now());
    if (wait <= 0) return;
    await sleep(wait, signal);
  }

  /** Takes a slot and returns how long to wait for it (0 = now); throws when over maxWaitMs. */
  reserve(key: string, rule: RateRule, now: number): number {
    this.sweep(now);
    const emission = rule.intervalMs / rule.capacity;
    const tolerance = rule.intervalMs - emission;
    const tat = Math.max(this.buckets.get(key) ?? now, now);
    const allowAt = tat - tolerance;
    const wait = allowAt - now;
    if (wait > this.maxWaitMs) {
      throw new RateLimitedError(
        this.opts.exchange,
        "rate-limit",
        `gateway limiter: more than ${rule.capacity} requests per ${rule.intervalMs} ms to ${key.split("|")[0]}; retry in ${Math.ceil(wait)} ms`,
      );
    }
    this.buckets.set(key, tat + emission);
    return wait;
  }

  /** Drops buckets that are full again, so memory follows the active keys, not every key ever seen. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000 && this.buckets.size < 10_000) return;
    this.lastSweep = now;
    for (const [key, tat] of this.buckets) if (tat <= now) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TimeoutError("deadline passed while waiting for a rate-limit slot"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TimeoutError("deadline passed while waiting for a rate-limit slot"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
