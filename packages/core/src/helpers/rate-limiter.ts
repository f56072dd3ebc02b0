import { RateLimitedError, TimeoutError } from "../errors/gateway-errors";
import type { MountTelemetry } from "../telemetry/telemetry";

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
  /**
   * Added to every window: we stamp a slot when it is taken, the exchange when the request arrives,
   * and queueing and the network move the two apart. Default 0.
   */
  marginMs?: number;
  /**
   * Where waits and refusals are reported, for a limiter that serves one mount. A limiter shared by
   * several mounts leaves this out and passes each mount's telemetry to `acquire` instead.
   */
  telemetry?: MountTelemetry;
}

/**
 * Keeps calls inside an exchange's published limits instead of hitting them. One sliding window per key
 * (e.g. endpoint + API key): a call may start once fewer than `capacity` calls started in the
 * `intervalMs` before it, so no window of that length ever holds more than the exchange allows (a token
 * bucket would let through up to twice that across a refill). Calls over the limit wait their turn in
 * order, up to `maxWaitMs`, then fail with a RateLimitedError. A window costs `capacity` numbers and no
 * timers; idle windows are swept, so memory follows the active keys, not every key ever seen.
 *
 * Written here rather than taken from npm: the libraries we looked at (limiter, bottleneck) have no
 * per-key windows with AbortSignal support, and bottleneck is unmaintained.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly maxWaitMs: number;
  private lastSweep = 0;

  constructor(private readonly opts: RateLimiterOptions) {
    this.maxWaitMs = opts.maxWaitMs ?? 5_000;
  }

  /**
   * Resolves when the call may go; rejects at once when its slot is further away than maxWaitMs or
   * past `deadline` (epoch ms, the call's), or later when `signal` aborts. Waits and refusals are
   * reported to `telemetry` (default the limiter's own) under the key's part before its first `|`,
   * so keys put the bounded part (the endpoint, `public`) first and ids or API keys after it.
   */
  async acquire(
    key: string,
    rule: RateRule,
    signal?: AbortSignal,
    deadline?: number,
    telemetry: MountTelemetry | undefined = this.opts.telemetry,
  ): Promise<void> {
    let wait: number;
    try {
      wait = this.reserve(key, rule, Date.now(), deadline);
    } catch (err) {
      telemetry?.rateLimit(scopeOf(key), "refused", 0);
      throw err;
    }
    if (wait <= 0) return;
    telemetry?.rateLimit(scopeOf(key), "wait", wait / 1000);
    await sleep(wait, signal);
  }

  /** Takes the next slot and returns how long to wait for it (0 = now); throws when over maxWaitMs. */
  reserve(key: string, rule: RateRule, now: number, deadline = Infinity): number {
    this.sweep(now);
    const windowMs = rule.intervalMs + (this.opts.marginMs ?? 0);
    let w = this.windows.get(key);
    if (!w) {
      w = { starts: [], head: 0, last: -Infinity, intervalMs: windowMs };
      this.windows.set(key, w);
    }
    // The call that started `capacity` calls ago must have left the window; and calls keep their order.
    const full = w.starts.length >= rule.capacity;
    const start = Math.max(now, w.last, full ? w.starts[w.head] + windowMs : now);
    const wait = start - now;
    if (wait > this.maxWaitMs || start > deadline) {
      throw new RateLimitedError(
        this.opts.exchange,
        "rate-limit",
        `gateway limiter: more than ${rule.capacity} requests per ${rule.intervalMs} ms to ${scopeOf(key)}; retry in ${Math.ceil(wait)} ms`,
      );
    }
    if (full) {
      w.starts[w.head] = start;
      w.head = (w.head + 1) % rule.capacity;
    } else {
      w.starts.push(start);
    }
    w.last = start;
    return wait;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000 && this.windows.size < 10_000) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (w.last + w.intervalMs <= now) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}

/** The bounded part of a limiter key: what errors and telemetry name (never an API key). */
function scopeOf(key: string): string {
  const bar = key.indexOf("|");
  return bar < 0 ? key : key.slice(0, bar);
}

interface Window {
  /** Start times of the last `capacity` calls, as a ring. */
  starts: number[];
  head: number;
  last: number;
  intervalMs: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted)
      return reject(new TimeoutError("deadline passed while waiting for a rate-limit slot"));
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
