/** One request for a slot in a sliding window (see `RateLimitStore.take`). */
export interface SlotRequest {
  /** At most this many calls may start within any `windowMs`. */
  readonly capacity: number;
  readonly windowMs: number;
  /** The caller's time (epoch ms). */
  readonly now: number;
  /** The latest start the caller accepts: a slot further away is not taken. */
  readonly latest: number;
}

/**
 * The state behind `RateLimiter`: one sliding window per key. `take` is the one operation and must be
 * atomic per key: it finds the earliest start at which a call keeps the window within `capacity` (and
 * after every call already queued on the key, so calls keep their order), takes that slot when it is no
 * later than `latest`, and returns it either way (a start past `latest` means refused, nothing taken).
 *
 * The in-memory store serves one process. A store shared by several processes (a file, Redis) answers
 * with a promise; the limiter awaits it only then, so the in-memory path costs no extra tick.
 */
export interface RateLimitStore {
  take(key: string, slot: SlotRequest): number | Promise<number>;
}

interface Window {
  /** Start times of the last `capacity` calls, as a ring. */
  starts: number[];
  head: number;
  last: number;
  windowMs: number;
}

/**
 * One process's windows. A window costs `capacity` numbers and no timers; idle windows are swept, so
 * memory follows the active keys, not every key ever seen.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  take(key: string, { capacity, windowMs, now, latest }: SlotRequest): number {
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w) {
      w = { starts: [], head: 0, last: -Infinity, windowMs };
      this.windows.set(key, w);
    }
    w.windowMs = windowMs;
    // The call that started `capacity` calls ago must have left the window; and calls keep their order.
    const full = w.starts.length >= capacity;
    const start = Math.max(now, w.last, full ? w.starts[w.head] + windowMs : now);
    if (start > latest) return start;
    if (full) {
      w.starts[w.head] = start;
      w.head = (w.head + 1) % capacity;
    } else {
      w.starts.push(start);
    }
    w.last = start;
    return start;
  }

  /** Windows held right now. */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000 && this.windows.size < 10_000) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (w.last + w.windowMs <= now) this.windows.delete(key);
  }
}
