export interface TtlCacheOptions {
  ttlMs: number;
  /** Default 1 000. */
  maxEntries?: number;
  /** The time entries expire by (epoch ms); default `Date.now` (the container's `CLOCK` token). */
  now?: () => number;
}

/**
 * A small cache with a time-to-live, for instrument lists and the like. Concurrent callers of a missing
 * key share one load (no thundering herd on start-up); a failed load is not cached. Bounded: the oldest
 * entry goes when `maxEntries` is reached.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  private readonly loading = new Map<K, Promise<V>>();

  private readonly now: () => number;

  constructor(private readonly opts: TtlCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  peek(key: K, now = this.now()): V | undefined {
    const e = this.entries.get(key);
    return e && e.expires > now ? e.value : undefined;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    const max = this.opts.maxEntries ?? 1000;
    if (this.entries.size >= max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expires: this.now() + this.opts.ttlMs });
  }

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const p = load().then(
      (value) => {
        this.loading.delete(key);
        this.set(key, value);
        return value;
      },
      (err: unknown) => {
        this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, p);
    return p;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
