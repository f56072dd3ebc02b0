import type { OrderSide } from "@fmz-gateway/core";

/** An order as stored: every amount exact decimal text. */
export interface OrderRow {
  id: number;
  account: number;
  /** Canonical FMZ symbol: `BTC_USDT`, `BTC_USDT.swap`. */
  symbol: string;
  side: OrderSide;
  kind: "limit" | "market";
  /** The limit price; for a market order the average it filled at. */
  price: string;
  /** As the order asked: base (spot), quote (spot market buy) or contracts (swap). */
  amount: string;
  /** Filled, in base or contracts. */
  deal: string;
  /** Sum of price × filled amount, for the average price. */
  quote: string;
  status: "submitted" | "partial-filled" | "filled" | "canceled" | "partial-canceled";
  /** What this order still holds frozen, in `frozen_ccy`. */
  frozen: string;
  frozen_ccy: string;
  /** Swaps: `open` or `close`. */
  offset: "open" | "close" | null;
  created_at: number;
  updated_at: number;
  /** The time of the last book this order was matched against (a book is used once per order). */
  book_mark: number;
  /** The time of the last public trade this order was matched against. */
  trade_mark: number;
}

export interface PositionRow {
  account: number;
  symbol: string;
  /** Signed contracts: above 0 long, below 0 short. */
  qty: string;
  entry: string;
  /** Margin held for this position (counted in the settlement currency's frozen). */
  margin: string;
  /** The next funding this position pays or receives, and its rate as last seen. */
  funding_time: number;
  funding_rate: string;
}

export interface FillRow {
  order_id: number | null;
  account: number;
  symbol: string;
  side: "buy" | "sell";
  price: string;
  amount: string;
  fee: string;
  fee_ccy: string;
  /** Realised PnL in the settlement currency (swaps), 0 on spot. */
  pnl: string;
  liquidity: "maker" | "taker" | "liquidation";
  time: number;
}

export interface BalanceRow {
  currency: string;
  free: string;
  frozen: string;
}
