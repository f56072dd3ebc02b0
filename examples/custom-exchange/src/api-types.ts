/**
 * DEMOEX's REST API as it travels on the wire (see README.md). Prices and amounts are decimal strings, as
 * on most exchanges; times are epoch milliseconds. Shared by the adapter and the stand-in server.
 */

/** Every answer: `{"code": 0, "data": …}` on success, `{"code": <non-zero>, "msg": "…"}` on failure. */
export interface DemoEnvelope<T> {
  code: number;
  msg?: string;
  data?: T;
}

export interface DemoInstrument {
  /** `BTC-USDT` */
  symbol: string;
  base: string;
  quote: string;
  tickSize: string;
  lotSize: string;
  minQty: string;
  maxQty: string;
  /** Smallest order value, in the quote currency. */
  minNotional: string;
  maxNotional: string;
  /** Step of a market buy's quote amount. */
  quoteStep: string;
}

export interface DemoTicker {
  symbol: string;
  bid: string;
  ask: string;
  last: string;
  open24h: string;
  high24h: string;
  low24h: string;
  /** Base currency. */
  volume24h: string;
  ts: number;
}

/** `[price, qty]` */
export type DemoLevel = [string, string];

export interface DemoDepth {
  ts: number;
  asks: DemoLevel[];
  bids: DemoLevel[];
}

export interface DemoTrade {
  id: string;
  ts: number;
  price: string;
  qty: string;
  side: "buy" | "sell";
}

/** `[start ms, open, high, low, close, volume]`, newest first. */
export type DemoCandle = [number, string, string, string, string, string];

export interface DemoBalance {
  asset: string;
  available: string;
  locked: string;
}

export type DemoOrderStatus = "open" | "partially_filled" | "filled" | "canceled";

export interface DemoOrder {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  side: "buy" | "sell";
  type: "limit" | "market";
  /** "0" on market orders. */
  price: string;
  /** Base amount; for a market buy, what it bought. */
  qty: string;
  /** Quote amount of a market buy; "0" otherwise. */
  quoteQty: string;
  filledQty: string;
  /** "0" while nothing filled. */
  avgPrice: string;
  status: DemoOrderStatus;
  createdAt: number;
  updatedAt: number;
}

/** `POST /api/v1/orders`. A limit order has price and qty; a market buy quoteQty; a market sell qty. */
export interface DemoOrderRequest {
  symbol: string;
  side: "buy" | "sell";
  type: "limit" | "market";
  price?: string;
  qty?: string;
  quoteQty?: string;
  /** 1–32 letters or digits, unique per API key: how a lost reply is found again. */
  clientOrderId: string;
}

/** DEMOEX's error codes (README.md lists them with their HTTP statuses). */
export const DEMO_ERRORS = {
  invalidParameter: 10001,
  unknownSymbol: 10002,
  unknownEndpoint: 10003,
  missingAuth: 20001,
  invalidKey: 20002,
  invalidSignature: 20003,
  timestampExpired: 20004,
  invalidPassphrase: 20005,
  insufficientBalance: 30001,
  orderNotFound: 30002,
  orderClosed: 30003,
  belowMinQty: 30004,
  offTick: 30005,
  offLot: 30006,
  duplicateClientOrderId: 30007,
  belowMinNotional: 30008,
  tooManyRequests: 42900,
} as const;
