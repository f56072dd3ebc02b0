import { Backoff, type Logger, type StreamFeed } from "@fmz-gateway/core";
import type { CcxtExchange } from "../ccxt-lib";

export interface LoopContext {
  /** The mount's ccxt.pro instance. */
  readonly ex: CcxtExchange;
  readonly logger: Logger;
  /** First retry delay after a failure (ms); doubles up to 30 s, with jitter. */
  readonly reconnectMs: number;
}

/**
 * One subscription's background loop: calls ccxt.pro's `watch…` again and again and feeds each result
 * to the stream cache. The stream is live only while the loop receives: a watch that fails (a dropped
 * socket, a keepalive missed, a book whose sequence broke) discards the value, so callers go to REST, and
 * the loop tries again after the core's backoff. Nothing ever waits on it: `start` returns at once.
 */
export abstract class WatchLoop<Raw, V> {
  private readonly backoff: Backoff;
  private started = false;

  constructor(
    protected readonly feed: StreamFeed<V>,
    protected readonly lc: LoopContext,
  ) {
    this.backoff = new Backoff({ initialMs: lc.reconnectMs, maxMs: 30_000 });
  }

  /** One `watch…` call: resolves with the next update. */
  protected abstract watch(): Promise<Raw>;
  /** The matching `unWatch…`, or `undefined` when the exchange has none. */
  protected abstract unwatch(): Promise<unknown> | undefined;
  /**
   * Folds one update into the value to serve; `undefined` while the value is not complete yet. May wait
   * (a REST seed); a throw counts as a failed watch.
   */
  protected abstract receive(raw: Raw): V | undefined | Promise<V | undefined>;
  /** Forgets per-subscription state after a failure (a seed, held rows). */
  protected reset(): void {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  /**
   * Released by the cache (idle, evicted): unsubscribe where ccxt can; the loop ends itself. `unwatch`
   * false when the whole instance is closing: its sockets go anyway.
   */
  stop(unwatch = true): void {
    if (!unwatch) return;
    try {
      this.unwatch()?.catch(() => undefined);
    } catch {
      // An unWatch that throws at once (markets gone, socket closed) leaves nothing to undo.
    }
  }

  private async run(): Promise<void> {
    let retry = false;
    while (this.feed.active) {
      this.feed.connecting(retry);
      try {
        for (;;) {
          const raw = await this.watch();
          if (!this.feed.active) return;
          const value = await this.receive(raw);
          if (!this.feed.active) return;
          if (value === undefined) {
            this.feed.touch();
            continue;
          }
          this.feed.set(value);
          this.feed.live();
          this.backoff.reset();
        }
      } catch (err) {
        if (!this.feed.active) return;
        this.reset();
        const delay = this.backoff.next();
        this.feed.down(`${describe(err)}; retry in ${delay} ms`, { discard: true });
        // Unref'd: a stream waiting to retry must not keep a closing gateway alive.
        await new Promise((r) => setTimeout(r, delay).unref());
        retry = true;
      }
    }
  }
}

function describe(err: unknown): string {
  const text = err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
