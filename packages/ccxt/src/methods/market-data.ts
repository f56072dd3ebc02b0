/** Public market data: ticker, depth, trades, records, markets, tickers. */
import {
  BadRequestError,
  type Bar,
  type DepthLevel,
  type Market,
  type Markets,
  type ParamsOf,
  type ResultOf,
  type StreamQuestion,
  type Ticker,
  streamOrRest,
  wireName,
} from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import { type CcxtExchange, type CcxtMarket, ownValue, timeframes } from "../ccxt-lib";
import { type Bridge, type Ctx, num } from "../bridge";
import { type CcxtStreams, CHANNELS, candleKey } from "../streams/ccxt-streams";
import type { CandleStore } from "../streams/ohlcv-loop";
import type { HeldBook } from "../streams/book-loop";
import { fmzSymbolOf, marketKind } from "../symbols";
import { marketInfo } from "./market-info";

const TICKER = wireName("getTicker");
const DEPTH = wireName("getDepth");
const TRADES = wireName("getTrades");
const RECORDS = wireName("getRecords");
const TICKERS = wireName("getTickers");

/**
 * The answer from the mount's live stream when it can give one, else by REST (core's `streamOrRest`).
 * `ex` is the REST instance the call resolved its market on: the pro instance shares its markets first.
 */
function fromStreams<V, T>(
  streams: CcxtStreams | undefined,
  ex: CcxtExchange,
  q: StreamQuestion<V, T>,
): Promise<T> {
  streams?.adoptMarkets(ex);
  return streamOrRest(streams?.cache, q);
}

function toTicker(symbol: string, t: ccxt.Ticker): Ticker {
  return {
    symbol,
    buy: num(t.bid),
    sell: num(t.ask),
    high: num(t.high),
    low: num(t.low),
    open: num(t.open),
    last: num(t.last ?? t.close),
    vol: num(t.baseVolume),
    time: t.timestamp ?? Date.now(),
  };
}

/** `fetchTicker`; from the `watchTicker` stream while it is live (the same ccxt parse of the same row). */
export async function getTicker(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getTicker">,
  streams?: CcxtStreams,
): Promise<ResultOf<"getTicker">> {
  const ex = await b.publicExchange(ctx);
  b.require(ex, "fetchTicker", TICKER);
  const m = b.market(ex, p.symbol);
  const answer = (t: ccxt.Ticker): Ticker => {
    ctx.setRaw(t.info);
    return toTicker(p.symbol.text, t);
  };
  const rest = async () => answer(await b.run(ctx, TICKER, () => ex.fetchTicker(m.symbol)));
  return fromStreams(streams, ex, {
    ctx,
    method: "getTicker",
    channel: CHANNELS.ticker,
    key: m.symbol,
    answer,
    rest,
  });
}

function levels(
  side: readonly (readonly [number | undefined, number | undefined])[],
  limit?: number,
): DepthLevel[] {
  const out = side.map(([price, amount]): DepthLevel => [num(price), num(amount)]);
  return limit === undefined ? out : out.slice(0, limit);
}

/**
 * `fetchOrderBook(symbol, limit)`; from the `watchOrderBook` stream while it is live and holds `limit`
 * levels (OKX's `books`: 400). Without a limit the stream answers as many levels as REST did without one.
 */
export async function getDepth(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getDepth">,
  streams?: CcxtStreams,
): Promise<ResultOf<"getDepth">> {
  const ex = await b.publicExchange(ctx);
  b.require(ex, "fetchOrderBook", DEPTH);
  const m = b.market(ex, p.symbol);
  const rest = async (): Promise<ResultOf<"getDepth">> => {
    const ob = await b.run(ctx, DEPTH, () => ex.fetchOrderBook(m.symbol, p.limit));
    if (streams && p.limit === undefined) {
      streams.restDepthLevels = Math.max(ob.asks.length, ob.bids.length);
    }
    return {
      time: ob.timestamp ?? Date.now(),
      asks: levels(ob.asks, p.limit),
      bids: levels(ob.bids, p.limit),
    };
  };
  const answer = (book: HeldBook): ResultOf<"getDepth"> | undefined => {
    const want = p.limit ?? streams?.restDepthLevels;
    const held = book.depth ?? Math.min(book.asks.length, book.bids.length);
    if (want === undefined || want > held) return undefined;
    return {
      time: book.timestamp ?? Date.now(),
      asks: book.asks.slice(0, want),
      bids: book.bids.slice(0, want),
    };
  };
  return fromStreams(streams, ex, {
    ctx,
    method: "getDepth",
    channel: CHANNELS.book,
    key: m.symbol,
    answer,
    rest,
  });
}

/** `fetchTrades`; from the `watchTrades` stream (seeded by the same call) while it is live. */
export async function getTrades(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getTrades">,
  streams?: CcxtStreams,
): Promise<ResultOf<"getTrades">> {
  const ex = await b.publicExchange(ctx);
  b.require(ex, "fetchTrades", TRADES);
  const m = b.market(ex, p.symbol);
  const rest = async () => toTrades(await b.run(ctx, TRADES, () => ex.fetchTrades(m.symbol)));
  return fromStreams(streams, ex, {
    ctx,
    method: "getTrades",
    channel: CHANNELS.trades,
    key: m.symbol,
    answer: toTrades,
    rest,
  });
}

function toTrades(trades: readonly ccxt.Trade[]): ResultOf<"getTrades"> {
  return trades.map((t) => ({
    id: String(t.id ?? t.timestamp ?? ""),
    time: t.timestamp ?? 0,
    price: num(t.price),
    amount: num(t.amount),
    type: t.side === "sell" ? "sell" : "buy",
  }));
}

/** FMZ's bar length in minutes → ccxt's unified timeframe (`1` → `1m`, `60` → `1h`, `1440` → `1d`). */
export function timeframeOf(minutes: number): string {
  if (minutes % 10080 === 0) return `${minutes / 10080}w`;
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** The exchange's spelling of the period, or a bad request listing what it offers. */
export function timeframeFor(ex: CcxtExchange, exchangeId: string, minutes: number): string {
  const offered = timeframes(ex);
  const wanted = timeframeOf(minutes);
  const found = [wanted, `${minutes}m`].find((tf) => offered.includes(tf));
  if (found) return found;
  throw new BadRequestError(
    `${RECORDS}: period ${minutes} (${wanted}) is not offered by ${exchangeId}; it offers ${offered.join(", ") || "no candles"}`,
  );
}

/** Most pages one `records` call fetches, whatever the limit (a page is at least one bar). */
const MAX_PAGES = 50;

/**
 * `fetchOHLCV`, paged back to `limit`; from the `watchOHLCV` stream (seeded by the same call) while it is
 * live, holds `limit` bars and its newest bar has not ended without a push for the next one.
 */
export async function getRecords(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getRecords">,
  streams?: CcxtStreams,
): Promise<ResultOf<"getRecords">> {
  const ex = await b.publicExchange(ctx);
  b.require(ex, "fetchOHLCV", RECORDS);
  const m = b.market(ex, p.symbol);
  const tf = timeframeFor(ex, b.id, p.period);
  const answer = (s: CandleStore): Bar[] | undefined => {
    const limit = p.limit ?? s.restCount;
    const newest = s.bars.at(-1);
    if (s.bars.length < limit || !newest || newest[0] * 1000 + s.periodMs <= Date.now()) return undefined;
    return s.bars.slice(-limit);
  };
  const rest = () => restRecords(b, ctx, ex, m.symbol, tf, p.limit);
  return fromStreams(streams, ex, {
    ctx,
    method: "getRecords",
    channel: CHANNELS.ohlcv,
    key: candleKey(m.symbol, tf),
    answer,
    rest,
  });
}

async function restRecords(
  b: Bridge,
  ctx: Ctx,
  ex: CcxtExchange,
  symbol: string,
  tf: string,
  limit: number | undefined,
): Promise<Bar[]> {
  const tfMs = ex.parseTimeframe(tf) * 1000;
  const bars = new Map<number, Bar>();
  const add = (rows: readonly ccxt.OHLCV[], before = Infinity): number => {
    let added = 0;
    for (const r of rows) {
      const ts = num(r[0]);
      if (ts >= before || bars.has(ts)) continue;
      bars.set(ts, [ts / 1000, num(r[1]), num(r[2]), num(r[3]), num(r[4]), num(r[5])]);
      added++;
    }
    return added;
  };
  // Most calls are served by one page; older bars are paged in backwards with `since` up to `limit`.
  add(await b.run(ctx, RECORDS, () => ex.fetchOHLCV(symbol, tf, undefined, limit)));
  if (limit !== undefined) {
    for (let page = 0; bars.size < limit && page < MAX_PAGES; page++) {
      const oldest = bars.size ? Math.min(...bars.keys()) : Math.floor(Date.now() / tfMs) * tfMs + tfMs;
      const need = limit - bars.size;
      const since = oldest - need * tfMs;
      if (since < 0) break;
      const rows = await b.run(ctx, RECORDS, () => ex.fetchOHLCV(symbol, tf, since, need));
      if (add(rows, oldest) === 0) break;
    }
  }
  const sorted = [...bars.values()].sort((a, c) => a[0] - c[0]);
  return limit === undefined ? sorted : sorted.slice(-limit);
}

export async function getMarkets(
  b: Bridge,
  ctx: Ctx,
  _p: ParamsOf<"getMarkets">,
): Promise<ResultOf<"getMarkets">> {
  const ex = await b.publicExchange(ctx);
  const markets = b.markets(ex);
  const out: Markets = {};
  for (const m of Object.values(markets)) {
    if (marketKind(m) !== b.options.market || m.active === false) continue;
    const symbol = fmzSymbolOf(markets, m);
    if (symbol === undefined || out[symbol]) continue;
    out[symbol] = toMarket(ex, symbol, m);
  }
  return out;
}

function toMarket(ex: CcxtExchange, symbol: string, m: CcxtMarket): Market {
  const info = marketInfo(ex, m);
  const market: Market = {
    symbol,
    baseAsset: m.base.toUpperCase(),
    quoteAsset: m.quote.toUpperCase(),
    tickSize: info.tickSize,
    amountSize: info.amountSize,
    pricePrecision: info.pricePrecision,
    amountPrecision: info.amountPrecision,
    minQty: num(m.limits.amount?.min) || info.amountSize,
    maxQty: num(m.limits.amount?.max),
    minNotional: num(m.limits.cost?.min),
    maxNotional: num(m.limits.cost?.max),
    ctVal: marketKind(m) === "spot" ? 1 : num(m.contractSize) || 1,
    ctValCcy: m.inverse ? m.quote.toUpperCase() : m.base.toUpperCase(),
  };
  const maxLeverage = num(m.limits.leverage?.max);
  if (marketKind(m) !== "spot" && maxLeverage > 0) market.maxLeverage = maxLeverage;
  return market;
}

export async function getTickers(
  b: Bridge,
  ctx: Ctx,
  _p: ParamsOf<"getTickers">,
): Promise<ResultOf<"getTickers">> {
  const ex = await b.publicExchange(ctx);
  b.require(ex, "fetchTickers", TICKERS);
  const tickers = await b.run(ctx, TICKERS, () => ex.fetchTickers(undefined, { type: b.options.market }));
  const markets = b.markets(ex);
  const out: Ticker[] = [];
  for (const t of Object.values(tickers)) {
    const m = t.symbol ? ownValue(markets, t.symbol) : undefined;
    if (!m || marketKind(m) !== b.options.market) continue;
    const symbol = fmzSymbolOf(markets, m);
    if (symbol !== undefined) out.push(toTicker(symbol, t));
  }
  return out;
}
