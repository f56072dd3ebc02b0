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

/**
 * A mount's ccxt.pro streams behind the core stream cache, asked through core's `streamOrRest`: one pro
 * instance for public data, shared by every caller, and a watch loop per (channel, symbol) that someone
 * asked for. Only the channels the exchange's `has` says it streams get a runner; the others are not
 * carried by the cache, so their calls go by REST as without streams. Idle and evicted streams are
 * unwatched where ccxt can.
 */
export class CcxtStreams {
  readonly cache: StreamCache;
  /** Levels per side `fetchOrderBook` without a limit returned: what `depth` without one answers. */
  restDepthLevels: number | undefined;
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

  /**
   * Shares the markets of `ex`, the REST instance a call resolved its market on, with the pro instance,
   * before a stream is asked for: a watch loop then needs no market load of its own.
   */
  adoptMarkets(ex: CcxtExchange): void {
    this.pro.adoptMarkets(ex);
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
