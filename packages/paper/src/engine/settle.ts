import { Dec } from "@fmz-gateway/core";
import type { PaperStore } from "../store/paper-store";
import type { FillRow, OrderRow, PositionSide } from "../store/rows";
import type { Instrument } from "./instrument";
import type { Piece } from "./matching";

/** Margins are rounded up to this many places, so notional / leverage is always a finite decimal. */
export const MARGIN_PLACES = 10;

export function marginOf(inst: Instrument, amount: Dec, price: Dec, leverage: number): Dec {
  return amount.mul(inst.ctVal).mul(price).div(leverage).toDecimalPlaces(MARGIN_PLACES, Dec.ROUND_UP);
}

export interface FillInput {
  store: PaperStore;
  inst: Instrument;
  account: number;
  /** The order this fill belongs to; its `frozen` is drawn down when it is a limit order. */
  order: OrderRow | null;
  piece: Piece;
  isBuy: boolean;
  feeRate: Dec;
  liquidity: FillRow["liquidity"];
  now: number;
}

/**
 * A spot fill. The fee is taken from what the fill brings in (base on a buy, quote on a sell), as most
 * spot exchanges do. A limit order's share of its frozen balance is released; a buy that filled below
 * its limit gets the difference back.
 */
export function settleSpot(f: FillInput): void {
  const { store, inst, account, order, piece } = f;
  const cost = piece.amount.mul(piece.price);
  const limitOrder = order?.kind === "limit";
  let fee: Dec;
  if (f.isBuy) {
    fee = piece.amount.mul(f.feeRate);
    if (limitOrder && order) {
      const reserved = piece.amount.mul(order.price);
      store.adjust(account, inst.quote, reserved.minus(cost), reserved.neg());
      order.frozen = new Dec(order.frozen).minus(reserved).toFixed();
    } else {
      store.adjust(account, inst.quote, cost.neg(), new Dec(0));
    }
    store.adjust(account, inst.base, piece.amount.minus(fee), new Dec(0));
  } else {
    fee = cost.mul(f.feeRate);
    if (limitOrder && order) {
      store.adjust(account, inst.base, new Dec(0), piece.amount.neg());
      order.frozen = new Dec(order.frozen).minus(piece.amount).toFixed();
    } else {
      store.adjust(account, inst.base, piece.amount.neg(), new Dec(0));
    }
    store.adjust(account, inst.quote, cost.minus(fee), new Dec(0));
  }
  record(f, fee, f.isBuy ? inst.base : inst.quote, new Dec(0));
  // One ledger row per currency the fill moved; the fee is on the row of the currency it was taken in.
  const base = f.isBuy ? piece.amount.minus(fee) : piece.amount.neg();
  const quote = f.isBuy ? cost.neg() : cost.minus(fee);
  book(f, inst.base, base, f.isBuy ? fee : new Dec(0));
  book(f, inst.quote, quote, f.isBuy ? new Dec(0) : fee);
}

export interface SwapFillInput extends FillInput {
  /** The position the fill trades: the net one, or a side in long/short mode. */
  side: PositionSide;
  leverage: number;
  /** The next funding for a position this fill opens. */
  funding: { time: number; rate: string };
}

/**
 * A swap fill on the account's net position: the part against the position reduces it (realising PnL
 * and releasing its share of margin), the rest opens or adds (margin = notional / leverage, taken from
 * free). The taker or maker fee on the whole notional comes out of free.
 */
export function settleSwap(f: SwapFillInput): Dec {
  const { store, inst, account, order, piece } = f;
  const ccy = inst.quote;
  if (order && new Dec(order.frozen).gt(0)) {
    // Release this fill's share of the margin reserved at placement; the fill then takes what it needs.
    const remaining = new Dec(order.amount).minus(order.deal);
    const share = piece.amount.gte(remaining)
      ? new Dec(order.frozen)
      : new Dec(order.frozen).mul(piece.amount).div(remaining).toDecimalPlaces(MARGIN_PLACES, Dec.ROUND_DOWN);
    store.adjust(account, ccy, share, share.neg());
    order.frozen = new Dec(order.frozen).minus(share).toFixed();
  }
  const pos = store.position(account, inst.text, f.side) ?? {
    account,
    symbol: inst.text,
    side: f.side,
    qty: "0",
    entry: "0",
    margin: "0",
    funding_time: f.funding.time,
    funding_rate: f.funding.rate,
  };
  let qty = new Dec(pos.qty);
  let entry = new Dec(pos.entry);
  let margin = new Dec(pos.margin);
  const sign = f.isBuy ? 1 : -1;
  let open = piece.amount;
  let pnl = new Dec(0);
  if (!qty.isZero() && qty.isNeg() === f.isBuy) {
    const close = Dec.min(piece.amount, qty.abs());
    pnl = close
      .mul(inst.ctVal)
      .mul(piece.price.minus(entry))
      .mul(qty.isNeg() ? -1 : 1);
    const released = close.eq(qty.abs())
      ? margin
      : margin.mul(close).div(qty.abs()).toDecimalPlaces(MARGIN_PLACES, Dec.ROUND_DOWN);
    store.adjust(account, ccy, released.plus(pnl), released.neg());
    margin = margin.minus(released);
    qty = qty.plus(close.mul(sign));
    open = piece.amount.minus(close);
    if (qty.isZero()) entry = new Dec(0);
    // It reduced a position: a close, whatever FMZ direction placed it (a net-mode sell against a long).
    if (order) order.offset = "close";
  }
  if (open.gt(0)) {
    if (qty.isZero()) {
      pos.funding_time = f.funding.time;
      pos.funding_rate = f.funding.rate;
    }
    const add = marginOf(inst, open, piece.price, f.leverage);
    store.adjust(account, ccy, add.neg(), add);
    entry = qty.abs().mul(entry).plus(open.mul(piece.price)).div(qty.abs().plus(open));
    entry = entry.toSignificantDigits(20);
    qty = qty.plus(open.mul(sign));
    margin = margin.plus(add);
  }
  const fee = piece.amount.mul(inst.ctVal).mul(piece.price).mul(f.feeRate);
  store.adjust(account, ccy, fee.neg(), new Dec(0));
  store.putPosition({ ...pos, qty: qty.toFixed(), entry: entry.toFixed(), margin: margin.toFixed() });
  record(f, fee, ccy, pnl);
  book(f, ccy, pnl.minus(fee), fee, pnl);
  return pnl;
}

/** The ledger row of one fill in one currency: `change` is what the balance moved, fee included. */
function book(f: FillInput, currency: string, change: Dec, fee: Dec, pnl?: Dec): void {
  f.store.book({
    account: f.account,
    currency,
    amount: change,
    kind: "fill",
    symbol: f.inst.text,
    time: f.now,
    size: f.piece.amount,
    price: f.piece.price,
    fee,
    pnl,
    orderId: f.order?.id ?? null,
  });
}

function record(f: FillInput, fee: Dec, feeCcy: string, pnl: Dec): void {
  const { order, piece } = f;
  if (order) {
    order.deal = new Dec(order.deal).plus(piece.amount).toFixed();
    order.quote = new Dec(order.quote).plus(piece.amount.mul(piece.price)).toFixed();
    order.updated_at = f.now;
  }
  f.store.insertFill({
    order_id: order?.id ?? null,
    account: f.account,
    symbol: f.inst.text,
    side: f.isBuy ? "buy" : "sell",
    price: piece.price.toFixed(),
    amount: piece.amount.toFixed(),
    fee: fee.toFixed(),
    fee_ccy: feeCcy,
    pnl: pnl.toFixed(),
    liquidity: f.liquidity,
    time: f.now,
  });
}
