import {
  type Balance,
  type Bar,
  type Depth,
  type Market,
  type Order,
  type OrderStatus,
  type Ticker,
  type Trade,
  packOrderId,
  stepPlaces,
  toNumber,
} from "@fmz-gateway/core";
import type {
  DemoBalance,
  DemoCandle,
  DemoDepth,
  DemoInstrument,
  DemoLevel,
  DemoOrder,
  DemoTicker,
  DemoTrade,
} from "./api-types";
import { toFmzSymbol } from "./symbols";

/**
 * DEMOEX's answers → the protocol's shapes. Decimal strings become JSON numbers only here, at the edge:
 * `toNumber` is exact for the up-to-15-digit decimals an exchange quotes.
 */

export function toTicker(t: DemoTicker): Ticker {
  return {
    symbol: toFmzSymbol(t.symbol),
    buy: toNumber(t.bid),
    sell: toNumber(t.ask),
    high: toNumber(t.high24h),
    low: toNumber(t.low24h),
    open: toNumber(t.open24h),
    last: toNumber(t.last),
    vol: toNumber(t.volume24h),
    time: t.ts,
  };
}

const level = ([price, qty]: DemoLevel): [number, number] => [toNumber(price), toNumber(qty)];

/** DEMOEX already sends asks ascending and bids descending, as the protocol wants. */
export function toDepth(d: DemoDepth): Depth {
  return { time: d.ts, asks: d.asks.map(level), bids: d.bids.map(level) };
}

export function toTrade(t: DemoTrade): Trade {
  return { id: t.id, time: t.ts, price: toNumber(t.price), amount: toNumber(t.qty), type: t.side };
}

/** DEMOEX bars start in milliseconds; FMZ's `records` are in seconds. */
export function toBar([ts, open, high, low, close, volume]: DemoCandle): Bar {
  return [
    Math.floor(ts / 1000),
    toNumber(open),
    toNumber(high),
    toNumber(low),
    toNumber(close),
    toNumber(volume),
  ];
}

export function toMarket(i: DemoInstrument): Market {
  return {
    symbol: toFmzSymbol(i.symbol),
    baseAsset: i.base,
    quoteAsset: i.quote,
    tickSize: toNumber(i.tickSize),
    amountSize: toNumber(i.lotSize),
    pricePrecision: stepPlaces(i.tickSize),
    amountPrecision: stepPlaces(i.lotSize),
    minQty: toNumber(i.minQty),
    maxQty: toNumber(i.maxQty),
    minNotional: toNumber(i.minNotional),
    maxNotional: toNumber(i.maxNotional),
    ctVal: 1,
    ctValCcy: i.base,
  };
}

export function toBalance(b: DemoBalance): Balance {
  return { currency: b.asset.toUpperCase(), free: toNumber(b.available), frozen: toNumber(b.locked) };
}

export function toOrderStatus(o: DemoOrder): OrderStatus {
  switch (o.status) {
    case "open":
      return "pending";
    case "partially_filled":
      return "partial-filled";
    case "filled":
      return "filled";
    case "canceled":
      return toNumber(o.filledQty) > 0 ? "partial-canceled" : "canceled";
  }
}

export function toOrder(o: DemoOrder): Order {
  const marketBuy = o.type === "market" && o.side === "buy";
  return {
    id: packOrderId(o.symbol, o.orderId),
    symbol: toFmzSymbol(o.symbol),
    // A spot market buy was asked in the quote currency; FMZ shows it that way.
    amount: toNumber(marketBuy ? o.quoteQty : o.qty),
    price: toNumber(o.price),
    deal_amount: toNumber(o.filledQty),
    avg_price: toNumber(o.avgPrice),
    type: o.side,
    status: toOrderStatus(o),
  };
}
