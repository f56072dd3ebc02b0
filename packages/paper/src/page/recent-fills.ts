import { packOrderId } from "@fmz-gateway/core";
import type { Db } from "../store/database";
import type { FillRow } from "../store/rows";

/** A fill as the account page shows it: amounts as stored (exact decimal text), the order's FMZ id. */
export interface FillView {
  time: number;
  symbol: string;
  side: "buy" | "sell";
  price: string;
  amount: string;
  fee: string;
  feeCurrency: string;
  pnl: string;
  liquidity: FillRow["liquidity"];
  /** As the docker knows it (`BTC_USDT,12`); empty for a fill of no order (a liquidation from before liquidations placed orders). */
  order: string;
}

/** An account's newest fills, newest first (the fills table's own order: its ids). */
export function recentFills(db: Db, account: number, limit: number): FillView[] {
  const rows = db
    .prepare("SELECT * FROM fills WHERE account = ? ORDER BY id DESC LIMIT ?")
    .all(account, limit) as (FillRow & { id: number })[];
  return rows.map((f) => ({
    time: f.time,
    symbol: f.symbol,
    side: f.side,
    price: f.price,
    amount: f.amount,
    fee: f.fee,
    feeCurrency: f.fee_ccy,
    pnl: f.pnl,
    liquidity: f.liquidity,
    order: f.order_id === null ? "" : packOrderId(f.symbol, String(f.order_id)),
  }));
}
