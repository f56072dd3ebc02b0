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

/** One "answer from the stream, or by REST" decision; see `StreamCache.serve`. */
export interface ServeRequest<V, T> {
  channel: string;
  key: string;
  /** The wire method (`ticker`, `depth`) for the served-by counter. */
  method: string;
  /** The answer from a live value, or `undefined` when this value cannot answer it (a limit beyond it). */
  answer: (value: V) => T | undefined;
  /** The answer by REST, exactly as without streams. */
  rest: () => Promise<T>;
  /** The call's logger (tagged with exchange and method) for the debug line; the mount's by default. */
  logger?: Logger;
}

const SEP = "\u0000";

/**
 * A mount's live market-data streams, keyed by (channel, key), opened on first demand and shared by every
 * caller. An answer comes from a stream only while its runner says it is live; otherwise the caller is
 * answered by REST and the runner repairs the stream in the background. No call ever waits on a socket.
 *
 * ```ts
 * const streams = new StreamCache({ telemetry: mount.telemetry, logger: mount.logger });
 * streams.register<Ticker>("tickers", { open: (feed) => socket.subscribe(feed), close: (feed) => socket.unsubscribe(feed) });
 * const ticker = await streams.serve({ channel: "tickers", key: instId, method: "ticker",
 *   answer: (t) => t, rest: () => restTicker(instId) });
 * ```
 */
export class StreamCache {
  readonly idleMs: number;
  readonly maxStreams: number;
  private readonly runners = new Map<string, StreamRunner<never>>();
  /** Insertion order is recency order: a use moves the entry to the end, so the first is the LRU. */
  private readonly entries = new Map<string, StreamEntry<unknown>>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly unregister: () => void;
  private closed = false;

  constructor(private readonly opts: StreamCacheOptions) {
    this.idleMs = Math.max(1, opts.idleMs ?? 300_000);
    this.maxStreams = Math.max(1, opts.maxStreams ?? 200);
    this.now = opts.now ?? Date.now;
    // Idle streams must go even when nobody calls, so a timer looks; unref'd so it never holds the process.
    this.sweeper = setInterval(() => this.sweep(), Math.min(30_000, Math.max(20, this.idleMs / 4)));
    this.sweeper.unref();
    this.unregister = opts.telemetry.addStreamSource(() => this.snapshot());
  }

  /** Declares how streams of `channel` are opened and closed. One runner per channel. */
  register<V>(channel: string, runner: StreamRunner<V>): void {
    this.runners.set(channel, runner as StreamRunner<never>);
  }

  /**
   * Records a demand for (channel, key): opens the stream on first demand, marks it used, and evicts the
   * least recently used stream when the bound is reached. Returns the stream (servable or not).
   */
  want<V>(channel: string, key: string): StreamFeed<V> | undefined {
    if (this.closed) return undefined;
    const id = channel + SEP + key;
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
    const entry = new StreamEntry<V>(channel, key, runner, this.opts.telemetry, this.opts.logger, this.now);
    this.entries.set(id, entry as StreamEntry<unknown>);
    this.opts.telemetry.stream(channel, "connecting");
    try {
      runner.open(entry);
    } catch (err) {
      entry.down(`could not open: ${(err as Error).message}`);
    }
    return entry;
  }

  /** The live value of (channel, key), recording the demand; `undefined` when it may not answer. */
  peek<V>(channel: string, key: string): V | undefined {
    const entry = this.want<V>(channel, key) as StreamEntry<V> | undefined;
    return entry?.servable ? entry.value : undefined;
  }

  /** Answers from the live stream when it can, else by REST; reports which, and logs it at debug level. */
  async serve<V, T>(req: ServeRequest<V, T>): Promise<T> {
    const entry = this.want<V>(req.channel, req.key) as StreamEntry<V> | undefined;
    const logger = req.logger ?? this.opts.logger;
    let why: string;
    if (!entry) why = "streams closed";
    else if (!entry.servable) why = `stream ${entry.state}`;
    else {
      const answer = req.answer(entry.value as V);
      if (answer !== undefined) {
        this.opts.telemetry.served(req.method, "stream");
        if (logger.isLevelEnabled("debug")) logger.debug(`answered from stream ${req.channel} ${req.key}`);
        return answer;
      }
      why = "beyond what the stream holds";
    }
    this.opts.telemetry.served(req.method, "rest");
    if (logger.isLevelEnabled("debug")) logger.debug(`answered by REST: ${why} (${req.channel} ${req.key})`);
    return req.rest();
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
    this.entries.delete(entry.channel + SEP + entry.key);
    if (this.opts.logger.isLevelEnabled("debug")) {
      this.opts.logger.debug(`stream ${entry.channel} ${entry.key}: released (${why})`);
    }
    entry.active = false;
    try {
      entry.runner.close(entry as StreamEntry<never>);
    } catch {
      // A runner failing to unsubscribe must not keep the entry: the socket's own cleanup covers it.
    }
  }
}
