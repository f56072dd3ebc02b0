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
  /** Swaps: `close` once the order reduced or closed a position (or was placed to), else `open`. */
  offset: "open" | "close" | null;
  /** Swaps: the position the order trades (`net`, or `long`/`short` in long/short mode). */
  pos_side: PositionSide | null;
  /** 1 for the closing order a liquidation made, 0 otherwise. */
  liquidation: number;
  created_at: number;
  updated_at: number;
  /** The time of the last book this order was matched against (a book is used once per order). */
  book_mark: number;
  /** The time of the last public trade this order was matched against. */
  trade_mark: number;
}

/** Which position of an instrument: the one net position, or one side of long/short (hedge) mode. */
export type PositionSide = "net" | "long" | "short";

export interface PositionRow {
  account: number;
  symbol: string;
  side: PositionSide;
  /** Signed contracts: above 0 long, below 0 short (a `long` row is never below 0, a `short` never above). */
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

/** What moved an account's money: one row per event and currency (see store/ledger-rows.ts). */
export type LedgerKind = "initial" | "deposit" | "reset" | "carried" | "fill" | "funding" | "liquidation";

export interface LedgerRow {
  id: number;
  account: number;
  currency: string;
  /** The change of the currency's balance (free + frozen), fees included. */
  amount: string;
  kind: LedgerKind;
  symbol: string | null;
  time: number;
  /** The currency's balance (free + frozen) after this entry; null on rows from before it was kept. */
  balance: string | null;
  /** Fills and liquidations: the amount traded (base or contracts), its price and the fee in `currency`. */
  size: string | null;
  price: string | null;
  fee: string | null;
  /** Realised profit in `currency` (swap fills that reduced a position, liquidations). */
  pnl: string | null;
  order_id: number | null;
}
