import {
  Dec,
  type Balance,
  type FmzSymbol,
  type Order,
  type Position,
  packOrderId,
  toNumber,
} from "@fmz-gateway/core";
import type { BalanceRow, OrderRow, PositionRow } from "../store/rows";
import type { Instrument } from "./instrument";
import { unrealised } from "./mark";

/** A stored order as the protocol's `order`. Swaps add `offset` and `contract_type`. */
export function orderView(o: OrderRow): Order {
  const deal = new Dec(o.deal);
  const view: Order = {
    id: packOrderId(o.symbol, String(o.id)),
    symbol: o.symbol,
    amount: toNumber(o.amount),
    price: toNumber(o.price),
    deal_amount: toNumber(o.deal),
    avg_price: deal.isZero() ? 0 : new Dec(o.quote).div(deal).toSignificantDigits(15).toNumber(),
    type: o.side === "buy" || o.side === "closesell" ? "buy" : "sell",
    status: o.status,
  };
  if (o.offset) {
    view.offset = o.offset;
    view.contract_type = o.symbol.split(".")[1] ?? "swap";
  }
  if (o.liquidation) view.liquidation = true;
  return view;
}

export function balanceView(b: BalanceRow): Balance {
  return { currency: b.currency, free: toNumber(b.free), frozen: toNumber(b.frozen) };
}

export function positionView(
  p: PositionRow,
  leverage: number,
  inst: Instrument,
  /** The mark price (mark.ts): `profit` is the unrealised PnL at it, as liquidation reckons it. */
  mark: Dec,
  /** What pending closing orders have yet to fill (contracts). */
  frozen: Dec,
): Position {
  const qty = new Dec(p.qty);
  const profit = unrealised(inst, p, mark);
  return {
    symbol: p.symbol,
    margin_level: leverage,
    amount: qty.abs().toNumber(),
    frozen_amount: frozen.toNumber(),
    price: new Dec(p.entry).toSignificantDigits(15).toNumber(),
    profit: profit.toSignificantDigits(15).toNumber(),
    type: qty.isNeg() ? 1 : 0,
    contract_type: p.symbol.split(".")[1] ?? "swap",
    margin: toNumber(p.margin),
  };
}

/** Whether a stored instrument falls under what the docker asked: itself, or a range (`USDT.swap`). */
export function covers(query: FmzSymbol, canonical: string, symbol: string): boolean {
  if (query.kind === "instrument") return canonical === symbol;
  const [pair, contract] = symbol.split(".");
  const quote = pair.split("_")[1];
  return (
    quote === query.quote && contract !== undefined && (query.market === "swap") === (contract === "swap")
  );
}
