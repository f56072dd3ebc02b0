import type { StreamState } from "../telemetry/telemetry";

/**
 * The runner's side of one cached stream: what a subscription runner (OKX's websocket channels, a
 * ccxt.pro `watch…` loop) pushes into the cache. The cache serves `value` only while the runner has
 * declared the stream `live()`; every other state sends callers to REST.
 *
 * The usual life: `connecting()` when the subscribe goes out, `set(v)` as data arrives, `live()` once the
 * exchange acknowledged and the value is complete (a book's snapshot, a REST seed), `down(reason)` when
 * the socket drops, the keepalive is missed or a check fails, and `connecting(true)` on the retry.
 */
export interface StreamFeed<V> {
  /** The channel this stream belongs to (`tickers`, `books`, `watchOrderBook` …): a bounded label. */
  readonly channel: string;
  /** The instrument (or instrument and period) it carries; for people, never a metric label. */
  readonly key: string;
  /**
   * Whose stream this is: `""` for public data every caller shares; otherwise the scope the question
   * named (OKX's `demo` for demo callers, whose data comes from other endpoints; an account's short
   * hash for a private stream). The runner opens the subscription for that scope.
   */
  readonly scope: string;
  /** The newest value, served or not (runners that fold updates, like a book, read it back). */
  readonly value: V | undefined;
  readonly state: StreamState;
  /** False once the cache has released the stream (idle, evicted, closed): stop feeding it. */
  readonly active: boolean;
  /** Stores a new value; counts as a message. Does not change the state. */
  set(value: V): void;
  /** Counts a message that brought no new value (a heartbeat, an update folded into `value` in place). */
  touch(): void;
  /** The stream is acknowledged, complete and intact: its value may answer calls from now on. */
  live(): void;
  /** A (re)subscription is under way; `reconnect` marks a retry after a drop. Not served meanwhile. */
  connecting(reconnect?: boolean): void;
  /** Not servable: `reason` goes to the debug log. `discard` drops the value (a book that failed a check). */
  down(reason: string, opts?: { discard?: boolean }): void;
}

/**
 * Starts and stops the subscription behind each stream of one channel. The cache calls `open` on the first
 * demand for a key and `close` when it lets the key go. Both must return at once (never wait on a
 * network): a call that triggered `open` is already being answered by REST.
 */
export interface StreamRunner<V> {
  open(feed: StreamFeed<V>): void;
  close(feed: StreamFeed<V>): void;
}
