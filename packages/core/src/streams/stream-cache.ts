import type { Logger } from "../logging/logger";
import type { MountTelemetry, StreamSnapshot } from "../telemetry/telemetry";
import { StreamEntry } from "./stream-entry";
import type { StreamFeed, StreamRunner } from "./stream-feed";

export interface StreamCacheOptions {
  /** The mount's telemetry (`MountInfo.telemetry`): stream states, what served each answer, snapshots. */
  telemetry: MountTelemetry;
  /** The mount's logger: state changes at debug level. */
  logger: Logger;
  /** A stream nobody asked for in this long is released; default 300 000 ms (5 minutes). */
  idleMs?: number;
  /** Streams one mount holds at most; past it the least recently used goes. Default 200. */
  maxStreams?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

const SEP = "\u0000";

/** One entry per (channel, scope, key); the separator cannot occur in any of them. */
function entryId(channel: string, scope: string, key: string): string {
  return channel + SEP + scope + SEP + key;
}

/**
 * A mount's live streams, keyed by (channel, scope, key), opened on first demand and shared by every
 * caller of the same scope. An answer comes from a stream only while its runner says it is live;
 * otherwise the caller is answered by REST and the runner repairs the stream in the background. No call
 * ever waits on a socket. Handlers ask it through `streamOrRest` (stream-or-rest.ts).
 *
 * ```ts
 * const streams = new StreamCache({ telemetry: mount.telemetry, logger: mount.logger });
 * streams.register<Ticker>("tickers", { open: (feed) => socket.subscribe(feed), close: (feed) => socket.unsubscribe(feed) });
 * const ticker = await streamOrRest(streams, { ctx, method: "getTicker", channel: "tickers", key: instId,
 *   answer: (t) => t, rest: () => restTicker(instId) });
 * ```
 */
export class StreamCache {
  readonly idleMs: number;
  readonly maxStreams: number;
  /** The mount's telemetry: what served each answer (`streamOrRest`), stream states, snapshots. */
  readonly telemetry: MountTelemetry;
  /** The mount's logger: state changes at debug level. */
  readonly logger: Logger;
  private readonly runners = new Map<string, StreamRunner<never>>();
  /** Insertion order is recency order: a use moves the entry to the end, so the first is the LRU. */
  private readonly entries = new Map<string, StreamEntry<unknown>>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly unregister: () => void;
  private closed = false;

  constructor(opts: StreamCacheOptions) {
    this.idleMs = Math.max(1, opts.idleMs ?? 300_000);
    this.maxStreams = Math.max(1, opts.maxStreams ?? 200);
    this.now = opts.now ?? Date.now;
    this.telemetry = opts.telemetry;
    this.logger = opts.logger;
    // Idle streams must go even when nobody calls, so a timer looks; unref'd so it never holds the process.
    this.sweeper = setInterval(() => this.sweep(), Math.min(30_000, Math.max(20, this.idleMs / 4)));
    this.sweeper.unref();
    this.unregister = opts.telemetry.addStreamSource(() => this.snapshot());
  }

  /** Declares how streams of `channel` are opened and closed. One runner per channel. */
  register<V>(channel: string, runner: StreamRunner<V>): void {
    this.runners.set(channel, runner as StreamRunner<never>);
  }

  /** Whether `channel` has a runner: a channel the mount does not stream is simply answered by REST. */
  carries(channel: string): boolean {
    return this.runners.has(channel);
  }

  /**
   * Records a demand for (channel, scope, key): opens the stream on first demand, marks it used, and
   * evicts the least recently used stream when the bound is reached. Returns the stream (servable or
   * not); `undefined` once the cache is closed or when no runner carries `channel`. `scope` is whose
   * stream it is (see `StreamFeed.scope`); `""`, the default, is public data every caller shares.
   */
  want<V>(channel: string, key: string, scope = ""): StreamFeed<V> | undefined {
    if (this.closed) return undefined;
    const id = entryId(channel, scope, key);
    const found = this.entries.get(id);
    if (found) {
      this.entries.delete(id);
      this.entries.set(id, found);
      found.lastUsedAt = this.now();
      return found as StreamEntry<V>;
    }
    const runner = this.runners.get(channel) as StreamRunner<V> | undefined;
    if (!runner) return undefined;
    while (this.entries.size >= this.maxStreams) {
      const lru = this.entries.values().next().value as StreamEntry<unknown>;
      this.release(lru, "least recently used, maxStreams reached");
    }
    const entry = new StreamEntry<V>(channel, key, scope, runner, this.telemetry, this.logger, this.now);
    this.entries.set(id, entry as StreamEntry<unknown>);
    this.telemetry.stream(channel, "connecting");
    try {
      runner.open(entry);
    } catch (err) {
      entry.down(`could not open: ${(err as Error).message}`);
    }
    return entry;
  }

  /** The live value of (channel, scope, key), recording the demand; `undefined` when it may not answer. */
  peek<V>(channel: string, key: string, scope = ""): V | undefined {
    const entry = this.want<V>(channel, key, scope) as StreamEntry<V> | undefined;
    return entry?.servable ? entry.value : undefined;
  }

  /** Releases every stream unused for `idleMs`. Runs on a timer; callable directly (tests). */
  sweep(): void {
    const cutoff = this.now() - this.idleMs;
    for (const entry of [...this.entries.values()]) {
      // Recency order: the first entry still in use means every later one is too.
      if (entry.lastUsedAt > cutoff) break;
      this.release(entry, `idle for ${this.idleMs} ms`);
    }
  }

  /** Every stream held now, for the status page. */
  snapshot(): StreamSnapshot[] {
    return [...this.entries.values()].map((e) => e.snapshot());
  }

  get size(): number {
    return this.entries.size;
  }

  /** Releases every stream; the cache answers nothing from streams afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const entry of [...this.entries.values()]) this.release(entry, "mount closing");
    this.unregister();
  }

  private release(entry: StreamEntry<unknown>, why: string): void {
    this.entries.delete(entryId(entry.channel, entry.scope, entry.key));
    if (this.logger.isLevelEnabled("debug")) {
      this.logger.debug(`stream ${entry.channel} ${entry.shownKey}: released (${why})`);
    }
    entry.active = false;
    try {
      entry.runner.close(entry as StreamEntry<never>);
    } catch {
      // A runner failing to unsubscribe must not keep the entry: the socket's own cleanup covers it.
    }
  }
}
