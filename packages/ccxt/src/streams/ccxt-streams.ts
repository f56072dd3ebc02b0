import { type Logger, type MountTelemetry, type StreamFeed, StreamCache } from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import type { CcxtExchange } from "../ccxt-lib";
import type { InstancePool } from "../instances";
import { type CcxtOptions, streamSettings } from "../options";
import { BookLoop, type HeldBook } from "./book-loop";
import { type CandleStore, OhlcvLoop } from "./ohlcv-loop";
import { ProClient } from "./pro-client";
import { proHas } from "./pro-lib";
import { TickerLoop } from "./ticker-loop";
import { TradesLoop } from "./trades-loop";
import type { LoopContext, WatchLoop } from "./watch-loop";

/** The cache channels: ccxt.pro's method names (a bounded label); keys are ccxt's unified symbols. */
export const CHANNELS = {
  ticker: "watchTicker",
  book: "watchOrderBook",
  trades: "watchTrades",
  ohlcv: "watchOHLCV",
} as const;

export interface CcxtStreamsOptions {
  options: CcxtOptions;
  pool: InstancePool;
  mountName: string;
  logger: Logger;
  telemetry: MountTelemetry;
}

/** One "answer from the stream, or by REST" question of a market-data method. */
export interface StreamQuestion<V, T> {
  /** The wire method (`ticker`, `depth`), for the served-by counter. */
  method: string;
  channel: string;
  /** ccxt's unified symbol (with ` <timeframe>` for candles). */
  key: string;
  /** The answer from the live value, or `undefined` when it cannot give it (a limit beyond it). */
  answer: (value: V) => T | undefined;
  /** The answer by REST, exactly as without streams. */
  rest: () => Promise<T>;
  logger: Logger;
}

/**
 * A mount's ccxt.pro streams behind the core stream cache: one pro instance for public data, shared by
 * every caller, and a watch loop per (channel, symbol) that someone asked for, for the channels the
 * exchange's `has` says it streams. Idle and evicted streams are unwatched where ccxt can.
 */
export class CcxtStreams {
  readonly cache: StreamCache;
  /** Levels per side `fetchOrderBook` without a limit returned: what `depth` without one answers. */
  restDepthLevels: number | undefined;
  private readonly channels = new Set<string>();
  private readonly loops = new Map<StreamFeed<unknown>, WatchLoop<unknown, unknown>>();
  private readonly lc: LoopContext;
  private closing = false;

  private constructor(
    private readonly pro: ProClient,
    opts: CcxtStreamsOptions,
  ) {
    const o = streamSettings(opts.options);
    this.lc = { ex: pro.ex, logger: opts.logger, reconnectMs: o.wsReconnectMs };
    this.cache = new StreamCache({
      telemetry: opts.telemetry,
      logger: opts.logger,
      idleMs: o.streamIdleMs,
      maxStreams: o.maxStreams,
    });
    const ex = pro.ex;
    this.channel<ccxt.Ticker>(CHANNELS.ticker, (feed) => new TickerLoop(feed, this.lc, feed.key));
    this.channel<HeldBook>(CHANNELS.book, (feed) => new BookLoop(feed, this.lc, feed.key));
    this.channel<ccxt.Trade[]>(
      CHANNELS.trades,
      (feed) => new TradesLoop(feed, this.lc, feed.key, () => ex.fetchTrades(feed.key)),
    );
    this.channel<CandleStore>(CHANNELS.ohlcv, (feed) => {
      const { symbol, timeframe } = splitCandleKey(feed.key);
      const periodMs = ex.parseTimeframe(timeframe) * 1000;
      const seed = () => ex.fetchOHLCV(symbol, timeframe);
      return new OhlcvLoop(feed, this.lc, symbol, timeframe, periodMs, seed);
    });
  }

  /** The mount's streams, or `undefined` when ccxt has no websocket class for the exchange. */
  static create(opts: CcxtStreamsOptions): CcxtStreams | undefined {
    const pro = ProClient.create(opts);
    return pro ? new CcxtStreams(pro, opts) : undefined;
  }

  /** Whether the exchange streams this channel (else its calls simply go by REST, as without streams). */
  supports(channel: string): boolean {
    return this.channels.has(channel);
  }

  /**
   * The answer from the live stream when it can give one, else `rest()`. `ex` is the REST instance the
   * call resolved its market on: the pro instance shares its markets.
   */
  serve<V, T>(ex: CcxtExchange, q: StreamQuestion<V, T>): Promise<T> {
    if (!this.channels.has(q.channel)) return q.rest();
    this.pro.adoptMarkets(ex);
    return this.cache.serve<V, T>(q);
  }

  /** Drops connections quiet past the keepalive now (tests; a timer does it otherwise). */
  sweep(): void {
    this.pro.sweep();
  }

  close(): void {
    this.closing = true;
    this.cache.close();
    this.loops.clear();
    this.pro.close();
  }

  private channel<V>(name: string, make: (feed: StreamFeed<V>) => WatchLoop<unknown, V>): void {
    if (!proHas(this.pro.ex, name)) return;
    this.channels.add(name);
    this.cache.register<V>(name, {
      open: (feed) => {
        const loop = make(feed);
        this.loops.set(feed as StreamFeed<unknown>, loop as WatchLoop<unknown, unknown>);
        loop.start();
      },
      close: (feed) => {
        const loop = this.loops.get(feed as StreamFeed<unknown>);
        this.loops.delete(feed as StreamFeed<unknown>);
        loop?.stop(!this.closing);
      },
    });
  }
}

/** The cache key of a candle stream: `BTC/USDT 1m`. */
export function candleKey(symbol: string, timeframe: string): string {
  return `${symbol} ${timeframe}`;
}

function splitCandleKey(key: string): { symbol: string; timeframe: string } {
  const at = key.lastIndexOf(" ");
  return { symbol: key.slice(0, at), timeframe: key.slice(at + 1) };
}

/** "Ask the streams; REST when they say no", and REST alone on a mount without streams. */
export function streamOrRest<V, T>(
  streams: CcxtStreams | undefined,
  ex: CcxtExchange,
  q: StreamQuestion<V, T>,
): Promise<T> {
  return streams ? streams.serve(ex, q) : q.rest();
}
