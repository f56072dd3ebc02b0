import { RateLimitedError, TimeoutError } from "../errors/gateway-errors";
import type { MountTelemetry } from "../telemetry/telemetry";
import { MemoryRateLimitStore, type RateLimitStore } from "./rate-limit-store";

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
  /**
   * Where the windows live. Limiters that share a store (and an `exchange`) share their windows: OKX's
   * mounts take the process's store from the container (the `RATE_LIMIT_STORE` token), as OKX counts per
   * IP and per user, not per mount. Default: a store of this limiter's own.
   */
  store?: RateLimitStore;
  /** The time windows are counted in (epoch ms); default `Date.now` (the container's `CLOCK` token). */
  now?: () => number;
}

/**
 * Keeps calls inside an exchange's published limits instead of hitting them. One sliding window per key
 * (e.g. endpoint + API key): a call may start once fewer than `capacity` calls started in the
 * `intervalMs` before it, so no window of that length ever holds more than the exchange allows (a token
 * bucket would let through up to twice that across a refill). Calls over the limit wait their turn in
 * order, up to `maxWaitMs`, then fail with a RateLimitedError. The windows live in a `RateLimitStore`
 * (rate-limit-store.ts), so one store can serve several limiters, or several processes.
 *
 * Written here rather than taken from npm: the libraries we looked at (limiter, bottleneck) have no
 * per-key windows with AbortSignal support, and bottleneck is unmaintained.
 */
export class RateLimiter {
  private readonly maxWaitMs: number;
  private readonly store: RateLimitStore;
  private readonly now: () => number;
  /** Store keys start with the exchange, so limiters of different exchanges sharing a store never meet. */
  private readonly prefix: string;

  constructor(private readonly opts: RateLimiterOptions) {
    this.maxWaitMs = opts.maxWaitMs ?? 5_000;
    this.store = opts.store ?? new MemoryRateLimitStore();
    this.now = opts.now ?? Date.now;
    this.prefix = `${opts.exchange} `;
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
    const now = this.now();
    const slot = this.slot(rule, now, deadline);
    const taken = this.store.take(this.prefix + key, slot);
    // Only a shared store answers later; the in-memory one costs no extra tick.
    const start = typeof taken === "number" ? taken : await taken;
    if (start > slot.latest) {
      telemetry?.rateLimit(scopeOf(key), "refused", 0);
      throw this.refusal(key, rule, start - now);
    }
    const wait = typeof taken === "number" ? start - now : start - this.now();
    if (wait <= 0) return;
    telemetry?.rateLimit(scopeOf(key), "wait", wait / 1000);
    await sleep(wait, signal);
  }

  /**
   * Takes the next slot and returns how long to wait for it (0 = now); throws when over maxWaitMs.
   * Synchronous, so only for a store that answers at once (the in-memory one); calls use `acquire`.
   */
  reserve(key: string, rule: RateRule, now: number, deadline = Infinity): number {
    const slot = this.slot(rule, now, deadline);
    const start = this.store.take(this.prefix + key, slot);
    if (typeof start !== "number") {
      throw new Error("RateLimiter.reserve needs a store that answers at once; use acquire");
    }
    if (start > slot.latest) throw this.refusal(key, rule, start - now);
    return start - now;
  }

  private slot(rule: RateRule, now: number, deadline = Infinity) {
    const windowMs = rule.intervalMs + (this.opts.marginMs ?? 0);
    return { capacity: rule.capacity, windowMs, now, latest: Math.min(now + this.maxWaitMs, deadline) };
  }

  private refusal(key: string, rule: RateRule, wait: number): RateLimitedError {
    return new RateLimitedError(
      this.opts.exchange,
      "rate-limit",
      `gateway limiter: more than ${rule.capacity} requests per ${rule.intervalMs} ms to ${scopeOf(key)}; retry in ${Math.ceil(wait)} ms`,
    );
  }
}

/** The bounded part of a limiter key: what errors and telemetry name (never an API key). */
function scopeOf(key: string): string {
  const bar = key.indexOf("|");
  return bar < 0 ? key : key.slice(0, bar);
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
