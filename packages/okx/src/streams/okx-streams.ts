import {
  type Logger,
  type MountTelemetry,
  SHARED_SCOPE,
  type StreamFeed,
  StreamCache,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxCandle, OkxTicker, OkxTrade } from "../okx-types";
import type { OkxOptions } from "../options";
import type { OkxClient } from "../rest/okx-client";
import { BookSub } from "./book-sub";
import { type CandleStore, CandleSub } from "./candle-sub";
import type { ChannelSub } from "./channel-sub";
import { OkxSocket } from "./okx-socket";
import type { OrderBook } from "./order-book";
import { TickerSub } from "./ticker-sub";
import { TradesSub } from "./trades-sub";
import { wsUrls } from "./ws-urls";

/** OKX's public channels, the cache's channel names: a bounded label on the status page and in metrics. */
export const CHANNELS = {
  ticker: "tickers",
  book: "books",
  trades: "trades",
  /** One candle channel per bar (`candle1m`, `candle1Dutc`), on the business endpoint. */
  candle: (bar: string) => `candle${bar}`,
} as const;

/** The stream scope of demo callers: their public data comes from OKX's demo endpoints, as their REST does. */
export const DEMO_SCOPE = "demo";

/** Whose public streams answer this call: the demo ones for a demo key, else those every caller shares. */
export function marketScope(call: OkxCall): string {
  return call.demo ? DEMO_SCOPE : SHARED_SCOPE;
}

/** Trades a `trades` stream keeps: what one `market/trades` call returns (the REST answer's length). */
export const TRADES_KEPT = 100;
/** Subscriptions one websocket carries at most (OKX: fewer than 30 `books` per connection, §1.3). */
export const SUBS_PER_SOCKET = 25;
/** Bars one `market/candles` page seeds a candle stream with. */
const SEED_BARS = 300;

export interface OkxStreamsOptions {
  options: OkxOptions;
  client: OkxClient;
  logger: Logger;
  telemetry: MountTelemetry;
  /** OKX bar names (`1m`, `1H`, `1Dutc`) and their length in minutes: one candle channel each. */
  bars: ReadonlyMap<number, string>;
}

type Endpoint = "public" | "business";

/**
 * A mount's OKX websockets behind the core stream cache, asked through core's `streamOrRest`. Keys are the
 * instId, in the scope `marketScope` gives (demo callers' streams apart, shown `demo:BTC-USDT`). Sockets
 * (public and business, live and demo) open with their first subscription and close with the last.
 */
export class OkxStreams {
  readonly cache: StreamCache;
  private readonly sockets = new Map<string, OkxSocket>();
  private readonly subs = new Map<StreamFeed<unknown>, { sub: ChannelSub<unknown>; socket: OkxSocket }>();

  constructor(private readonly opts: OkxStreamsOptions) {
    const o = opts.options;
    this.cache = new StreamCache({
      telemetry: opts.telemetry,
      logger: opts.logger,
      idleMs: o.streamIdleMs,
      maxStreams: o.maxStreams,
    });
    this.channel<OkxTicker>(
      CHANNELS.ticker,
      "public",
      (feed, arg, socket) => new TickerSub(feed, arg, socket),
    );
    this.channel<OrderBook>(
      CHANNELS.book,
      "public",
      (feed, arg, socket) => new BookSub(feed, arg, socket, opts.logger, o.wsReconnectMs),
    );
    this.channel<OkxTrade[]>(CHANNELS.trades, "public", (feed, arg, socket, demo) => {
      const fetch = () =>
        this.rest<OkxTrade>(demo, "/api/v5/market/trades", {
          instId: arg.instId,
          limit: String(TRADES_KEPT),
        });
      return new TradesSub(feed, arg, socket, opts.logger, o.wsReconnectMs, fetch, TRADES_KEPT);
    });
    for (const [minutes, bar] of opts.bars) {
      this.channel<CandleStore>(CHANNELS.candle(bar), "business", (feed, arg, socket, demo) => {
        const query = { instId: arg.instId, bar, limit: String(SEED_BARS) };
        const fetch = () => this.rest<OkxCandle>(demo, "/api/v5/market/candles", query);
        return new CandleSub(feed, arg, socket, opts.logger, o.wsReconnectMs, fetch, minutes * 60_000);
      });
    }
  }

  close(): void {
    this.cache.close();
    for (const s of this.sockets.values()) s.close();
    this.sockets.clear();
  }

  private channel<V>(
    name: string,
    endpoint: Endpoint,
    make: (
      feed: StreamFeed<V>,
      arg: { channel: string; instId: string },
      socket: OkxSocket,
      demo: boolean,
    ) => ChannelSub<V>,
  ): void {
    this.cache.register<V>(name, {
      open: (feed) => {
        const demo = feed.scope === DEMO_SCOPE;
        const socket = this.socket(demo, endpoint);
        const sub = make(feed, { channel: name, instId: feed.key }, socket, demo);
        this.subs.set(feed as StreamFeed<unknown>, { sub: sub as ChannelSub<unknown>, socket });
        socket.add(sub);
      },
      close: (feed) => {
        const held = this.subs.get(feed as StreamFeed<unknown>);
        if (!held) return;
        this.subs.delete(feed as StreamFeed<unknown>);
        held.sub.dispose();
        held.socket.remove(held.sub);
      },
    });
  }

  /**
   * A connection of this endpoint with room for one more subscription. OKX advises fewer than 30 heavy
   * book channels per connection and counts subscribe requests per connection (480 an hour), so a mount
   * spreads its streams over several sockets of `SUBS_PER_SOCKET` rather than piling them on one.
   */
  private socket(demo: boolean, endpoint: Endpoint): OkxSocket {
    const group = `${demo ? "demo" : "live"} ${endpoint}`;
    for (let i = 0; ; i++) {
      const id = `${group} #${i + 1}`;
      let s = this.sockets.get(id);
      if (!s) {
        const o = this.opts.options;
        s = new OkxSocket({
          url: wsUrls(o, demo)[endpoint],
          name: `OKX ${id}`,
          logger: this.opts.logger,
          pingAfterMs: o.wsPingMs,
          pongTimeoutMs: o.wsPongTimeoutMs,
          reconnectMs: o.wsReconnectMs,
        });
        this.sockets.set(id, s);
      }
      if (s.size < SUBS_PER_SOCKET) return s;
    }
  }

  /** A REST read on behalf of a stream (a seed), outside any caller's deadline. */
  private rest<T>(demo: boolean, path: string, query: Record<string, string>): Promise<T[]> {
    const timeoutMs = this.opts.options.timeoutMs;
    return this.opts.client.call<T>({
      method: "GET",
      path,
      query,
      demo,
      signal: AbortSignal.timeout(timeoutMs),
      deadline: Date.now() + timeoutMs,
    });
  }
}
