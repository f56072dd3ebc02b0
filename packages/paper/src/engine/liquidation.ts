import { Dec } from "@fmz-gateway/core";
import type { OrderRow, PositionRow } from "../store/rows";
import type { EngineContext } from "./context";
import type { Instrument } from "./instrument";
import { belowMaintenance, liquidationPrice, unrealised } from "./mark";
import { statusOf } from "./status";

/**
 * Liquidates a position whose equity at the mark fell below its maintenance margin, as an exchange's
 * liquidation engine does with an isolated position:
 * - its pending closing orders are cancelled (there is nothing left for them to close);
 * - a closing market order for the whole position is placed and filled at the mark, marked
 *   `liquidation`, and shows in `historyorders`;
 * - the realised loss and the taker fee on the notional at the mark are paid from the position's margin
 *   and no further: the loss first, the fee from what margin is left (an exchange's insurance fund takes
 *   what a gap leaves beyond the margin). What margin is left after both returns to free;
 * - the fill, a ledger row (`liquidation`) and a warning in the log record it.
 * Returns whether it liquidated.
 */
export function liquidateIfBelowMaintenance(
  ctx: EngineContext,
  inst: Instrument,
  pos: PositionRow,
  mark: Dec,
  now: number,
): boolean {
  if (mark.lte(0) || !belowMaintenance(inst, pos, mark, ctx.maintenance)) return false;
  const { store } = ctx;
  const qty = new Dec(pos.qty);
  const size = qty.abs();
  const margin = new Dec(pos.margin);
  const trigger = liquidationPrice(inst, pos, ctx.maintenance);
  for (const o of store.pendingCloses(pos.account, inst.text, pos.side)) {
    o.status = statusOf(o, "cut");
    o.updated_at = now;
    store.updateOrder(o);
  }
  const pnl = Dec.max(unrealised(inst, pos, mark), margin.neg());
  const fee = Dec.min(size.mul(inst.ctVal).mul(mark).mul(ctx.taker), margin.plus(pnl));
  const change = pnl.minus(fee);
  store.adjust(pos.account, inst.quote, margin.plus(change), margin.neg());
  const order: Omit<OrderRow, "id"> = {
    account: pos.account,
    symbol: inst.text,
    side: qty.isNeg() ? "closesell" : "closebuy",
    kind: "market",
    price: mark.toFixed(),
    amount: size.toFixed(),
    deal: size.toFixed(),
    quote: size.mul(mark).toFixed(),
    status: "filled",
    frozen: "0",
    frozen_ccy: inst.quote,
    offset: "close",
    pos_side: pos.side,
    liquidation: 1,
    created_at: now,
    updated_at: now,
    book_mark: 0,
    trade_mark: now,
  };
  const orderId = store.insertOrder(order);
  store.putPosition({ ...pos, qty: "0", margin: "0" });
  store.insertFill({
    order_id: orderId,
    account: pos.account,
    symbol: inst.text,
    side: qty.isNeg() ? "buy" : "sell",
    price: mark.toFixed(),
    amount: size.toFixed(),
    fee: fee.toFixed(),
    fee_ccy: inst.quote,
    pnl: pnl.toFixed(),
    liquidity: "liquidation",
    time: now,
  });
  store.book({
    account: pos.account,
    currency: inst.quote,
    amount: change,
    kind: "liquidation",
    symbol: inst.text,
    time: now,
    size,
    price: mark,
    fee,
    pnl,
    orderId,
  });
  const side = pos.side === "net" ? (qty.isNeg() ? "short" : "long") : pos.side;
  ctx.logger.warn(
    `paper ${ctx.exchange}: ${store.label(pos.account)}'s ${side} ${size.toFixed()} ${inst.text} was liquidated at mark ${mark.toFixed()} ` +
      `(liquidation price ${trigger.toFixed()}, entry ${pos.entry}, margin ${margin.toFixed()} ${inst.quote}): ` +
      `realised ${pnl.toFixed()} ${inst.quote}, fee ${fee.toFixed()} ${inst.quote}, balance ${change.toFixed()} ${inst.quote}`,
  );
  return true;
}
