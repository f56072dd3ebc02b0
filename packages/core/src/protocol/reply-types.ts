/**
 * The `data` shapes the FMZ docker expects, one per method (see docs/protocol.md). Numbers are JSON
 * numbers: the docker parses them into float64, and an exchange's decimal of up to 15 significant
 * digits converts without change (helpers/decimal `toNumber`).
 */

export interface Ticker {
  symbol: string;
  buy: number;
  sell: number;
  high: number;
  low: number;
  open: number;
  last: number;
  /** Volume in the base currency (contracts' base amount on futures). */
  vol: number;
  /** Milliseconds. */
  time: number;
}

/** `[price, amount]`. */
export type DepthLevel = [number, number];

export interface Depth {
  /** Milliseconds. */
  time: number;
  /** Ascending by price. */
  asks: DepthLevel[];
  /** Descending by price. */
  bids: DepthLevel[];
}

export interface Trade {
  id: string;
  /** Milliseconds. */
  time: number;
  price: number;
  amount: number;
  type: "buy" | "sell";
}

/** `[time (seconds), open, high, low, close, volume]`: one bar of `records`, oldest first. */
export type Bar = [number, number, number, number, number, number];

export interface Market {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: number;
  amountSize: number;
  pricePrecision: number;
  amountPrecision: number;
  minQty: number;
  maxQty: number;
  minNotional: number;
  maxNotional: number;
  /** Contract value (1 on spot). */
  ctVal: number;
  /** Currency of the contract value (the base on spot). */
  ctValCcy: string;
}

/** Keyed by FMZ symbol: `BTC_USDT`, `BTC_USDT.swap`. */
export type Markets = Record<string, Market>;

export interface Balance {
  currency: string;
  free: number;
  frozen: number;
}

export interface OrderRef {
  /** `INSTRUMENT,ORDERID` (helpers/order-id). */
  id: string;
}

export const OPEN_ORDER_STATUSES = [
  "pending",
  "pre-submitted",
  "submitting",
  "submitted",
  "partial-filled",
] as const;
export const DONE_ORDER_STATUSES = ["filled", "closed", "finished", "partial-canceled", "canceled"] as const;
export type OrderStatus = (typeof OPEN_ORDER_STATUSES)[number] | (typeof DONE_ORDER_STATUSES)[number];

export interface Order {
  id: string;
  symbol: string;
  amount: number;
  price: number;
  deal_amount: number;
  /** 0 where nothing filled. */
  avg_price: number;
  type: "buy" | "sell";
  status: OrderStatus;
  /** Futures only. */
  offset?: "open" | "close";
  /** Futures only: `swap`, `quarter` … */
  contract_type?: string;
}

export interface Position {
  symbol: string;
  margin_level: number;
  /** Contracts. */
  amount: number;
  frozen_amount: number;
  /** Average entry price. */
  price: number;
  /** Unrealised profit. */
  profit: number;
  /** 0 long, 1 short. */
  type: 0 | 1;
  contract_type: string;
  margin: number;
}

export interface Funding {
  symbol: string;
  rate: number;
  /** Milliseconds between fundings. */
  interval: number;
  /** Next funding time, milliseconds. */
  time: number;
}
