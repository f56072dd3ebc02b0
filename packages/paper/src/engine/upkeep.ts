import { Dec, type SourceDepth, type SourceTicker, type SourceTrade } from "@fmz-gateway/core";
import type { OrderRow, PositionRow } from "../store/rows";
import type { EngineContext } from "./context";
import type { Instrument } from "./instrument";
import { matchResting } from "./matching";
import { liquidateIfBelowMaintenance } from "./liquidation";
import { markPrice } from "./mark";
import { settleSpot, settleSwap } from "./settle";
import { heldAgainst, statusOf } from "./status";

/**
 * One look at an instrument's market: what resting orders, funding and liquidation are checked against,
 * as the source stated it (money as exact decimal text).
 */
export interface Snapshot {
  depth: SourceDepth;
  trades: SourceTrade[];
  ticker: SourceTicker;
  funding: { time: number; rate: string };
}

/**
 * Everything the market does to the accounts on one instrument, in one transaction: resting orders
 * fill where the market traded through them, positions pay or receive funding when its time passed,
 * and a position whose equity fell below maintenance margin is liquidated at the mark (mark.ts).
 */
export function applyMarket(ctx: EngineContext, inst: Instrument, snap: Snapshot): void {
  const now = ctx.source.now();
  ctx.store.tx(() => {
    for (const order of ctx.store.openOrdersOn(inst.text)) fillResting(ctx, inst, order, snap, now);
    if (!inst.isSwap) return;
    const mark = markPrice(snap.ticker);
    for (const pos of ctx.store.positionsOn(inst.text)) {
      if (now >= pos.funding_time) payFunding(ctx, inst, pos, snap, mark, now);
      const after = ctx.store.position(pos.account, inst.text, pos.side);
      if (after) liquidateIfBelowMaintenance(ctx, inst, after, mark, now);
    }
  });
}

function fillResting(
  ctx: EngineContext,
  inst: Instrument,
  order: OrderRow,
  snap: Snapshot,
  now: number,
): void {
  const isBuy = order.side === "buy" || order.side === "closesell";
  let remaining = new Dec(order.amount).minus(order.deal);
  if (order.side === "closebuy" || order.side === "closesell") {
    // A reduce-only order never fills past the position it closes; with none left it is cancelled.
    const side = order.pos_side ?? "net";
    const qty = new Dec(ctx.store.position(order.account, inst.text, side)?.qty ?? 0);
    const held = heldAgainst(qty, isBuy);
    if (held.isZero()) {
      order.status = statusOf(order, "cut");
      order.updated_at = now;
      ctx.store.updateOrder(order);
      return;
    }
    remaining = Dec.min(remaining, held);
  }
  const limit = new Dec(order.price);
  const m = matchResting(
    { isBuy, limit, remaining, bookMark: order.book_mark, tradeMark: order.trade_mark },
    snap.depth,
    snap.trades,
    inst.lot,
  );
  order.book_mark = m.bookMark;
  order.trade_mark = m.tradeMark;
  if (m.amount.gt(0)) {
    const fill = {
      store: ctx.store,
      inst,
      account: order.account,
      order,
      piece: { price: limit, amount: m.amount },
      isBuy,
      feeRate: ctx.maker,
      liquidity: "maker" as const,
      now,
    };
    if (inst.isSwap) {
      settleSwap({
        ...fill,
        side: order.pos_side ?? "net",
        leverage: ctx.leverage(order.account, inst),
        funding: snap.funding,
      });
    } else settleSpot(fill);
    order.status = statusOf(order, "open");
  }
  ctx.store.updateOrder(order);
}

/** Funding on the position's notional at the mark: longs pay a positive rate, shorts receive it. */
function payFunding(
  ctx: EngineContext,
  inst: Instrument,
  pos: PositionRow,
  snap: Snapshot,
  mark: Dec,
  now: number,
): void {
  const size = new Dec(pos.qty).mul(inst.ctVal);
  const payment = size.mul(mark).mul(pos.funding_rate);
  ctx.store.adjust(pos.account, inst.quote, payment.neg(), new Dec(0));
  ctx.store.book({
    account: pos.account,
    currency: inst.quote,
    amount: payment.neg(),
    kind: "funding",
    symbol: inst.text,
    time: now,
    size: new Dec(pos.qty).abs(),
    price: mark,
  });
  let margin = new Dec(pos.margin);
  const free = ctx.store.balance(pos.account, inst.quote).free;
  if (free.isNeg()) {
    // What free cannot pay comes out of the position's margin, as an exchange would.
    const take = Dec.min(free.neg(), margin);
    ctx.store.adjust(pos.account, inst.quote, take, take.neg());
    margin = margin.minus(take);
  }
  const next =
    snap.funding.time > now
      ? snap.funding
      : { time: pos.funding_time + 8 * 3_600_000, rate: pos.funding_rate };
  ctx.store.putPosition({
    ...pos,
    margin: margin.toFixed(),
    funding_time: next.time,
    funding_rate: next.rate,
  });
}
