import { type CreateOrderParams, Dec, type SourceDepth } from "@fmz-gateway/core";
import type { OrderRow, PositionSide } from "../store/rows";
import type { EngineContext } from "./context";
import type { Instrument } from "./instrument";
import { slippageBound, walkBook } from "./matching";
import { type Ask, fail, readAsk } from "./order-ask";
import { marginOf, settleSpot, settleSwap } from "./settle";
import { heldAgainst, statusOf } from "./status";

function checkFree(ctx: EngineContext, account: number, ccy: string, needed: Dec, swap: boolean): void {
  const free = ctx.store.balance(account, ccy).free;
  if (free.lt(needed)) {
    fail(
      ctx,
      swap ? "INSUFFICIENT_MARGIN" : "INSUFFICIENT_BALANCE",
      `needs ${needed.toFixed()} ${ccy}${swap ? " of margin and fees" : ""}, ${free.toFixed()} ${ccy} is free`,
    );
  }
}

/**
 * A close may take only what the position holds and no pending close has claimed already (the
 * position's `frozen_amount`), as on an exchange: a market close beside a resting one is refused, not
 * left to cancel the resting one unseen.
 */
function checkClosable(
  ctx: EngineContext,
  account: number,
  inst: Instrument,
  side: PositionSide,
  posQty: Dec,
  ask: Ask,
  type: string,
): void {
  const held = heldAgainst(posQty, ask.isBuy);
  const claimed = pendingCloseAmount(ctx.store.pendingCloses(account, inst.text, side));
  const free = Dec.max(held.minus(claimed), 0);
  if (free.gte(ask.amount)) return;
  const position = ask.intent.position ?? "long";
  fail(
    ctx,
    "NO_POSITION",
    `${type} ${ask.amount.toFixed()} needs a ${position} position of at least that size on ${inst.text}; ` +
      (claimed.isZero()
        ? `it is ${held.toFixed()}`
        : `it is ${held.toFixed()}, of which ${claimed.toFixed()} is held by pending closing orders, so ${free.toFixed()} can be closed`),
  );
}

/** What open closing orders have yet to fill: the position's `frozen_amount`. */
export function pendingCloseAmount(orders: readonly OrderRow[]): Dec {
  return orders.reduce((sum, o) => sum.plus(new Dec(o.amount).minus(o.deal)), new Dec(0));
}

/** Places one order in one transaction: freeze, fill what crosses as taker, rest the remainder. */
export function placeOrder(
  ctx: EngineContext,
  account: number,
  inst: Instrument,
  p: CreateOrderParams,
  depth: SourceDepth,
  funding: { time: number; rate: string },
): OrderRow {
  const ask = readAsk(ctx, inst, p);
  const now = ctx.source.now();
  const store = ctx.store;
  return store.tx(() => {
    const side = inst.isSwap ? ctx.positionSide(ask.intent) : null;
    const pos = side ? store.position(account, inst.text, side) : undefined;
    const posQty = new Dec(pos?.qty ?? 0);
    if (ask.reduceOnly && side) checkClosable(ctx, account, inst, side, posQty, ask, p.side);
    const leverage = inst.isSwap ? ctx.leverage(account, inst) : 1;
    const levels = ask.isBuy ? depth.asks : depth.bids;
    // Against the position it trades (a close, or a net-mode order on the other side): it reduces it.
    const reduces = !posQty.isZero() && posQty.isNeg() === ask.isBuy;
    const order: OrderRow = {
      id: 0,
      account,
      symbol: inst.text,
      side: p.side,
      kind: p.orderType,
      price: ask.price?.toFixed() ?? "0",
      amount: ask.amount.toFixed(),
      deal: "0",
      quote: "0",
      status: "submitted",
      frozen: "0",
      frozen_ccy: inst.isSwap || ask.isBuy ? inst.quote : inst.base,
      offset: inst.isSwap ? (ask.reduceOnly || reduces ? "close" : "open") : null,
      pos_side: side,
      liquidation: 0,
      created_at: now,
      updated_at: now,
      book_mark: depth.time,
      trade_mark: now,
    };
    // What the order holds until it fills or is cancelled.
    if (ask.price) {
      const opposite = heldAgainst(posQty, ask.isBuy);
      const reserve = inst.isSwap
        ? ask.reduceOnly
          ? new Dec(0)
          : marginOf(inst, Dec.max(ask.amount.minus(opposite), 0), ask.price, leverage)
        : ask.isBuy
          ? ask.amount.mul(ask.price)
          : ask.amount;
      checkFree(ctx, account, order.frozen_ccy, reserve, inst.isSwap);
      store.adjust(account, order.frozen_ccy, reserve.neg(), reserve);
      order.frozen = reserve.toFixed();
    } else if (!inst.isSwap) {
      checkFree(ctx, account, order.frozen_ccy, ask.amount, false);
    }
    order.id = store.insertOrder(order);
    const worst = ask.price ?? slippageBound(levels, ask.isBuy, ctx.maxSlippage);
    const walk = worst
      ? walkBook({
          levels,
          isBuy: ask.isBuy,
          worst,
          lot: inst.lot,
          amount: ask.budget ? undefined : ask.amount,
          budget: ask.budget,
        })
      : { pieces: [], stop: "book" as const };
    if (!ask.price && walk.pieces.length === 0) {
      fail(
        ctx,
        "NO_LIQUIDITY",
        `no ${ask.isBuy ? "asks" : "bids"} within ${ctx.maxSlippage.mul(100).toFixed()} % of the best price on ${inst.text}`,
      );
    }
    for (const piece of walk.pieces) {
      const fill = {
        store,
        inst,
        account,
        order,
        piece,
        isBuy: ask.isBuy,
        feeRate: ctx.taker,
        liquidity: "taker" as const,
        now,
      };
      if (side) settleSwap({ ...fill, side, leverage, funding });
      else settleSpot(fill);
    }
    if (inst.isSwap) {
      const free = store.balance(account, inst.quote).free;
      if (free.isNeg()) {
        fail(
          ctx,
          "INSUFFICIENT_MARGIN",
          `the order needs ${free.neg().toFixed()} ${inst.quote} more margin and fees than is free`,
        );
      }
    }
    if (!ask.price) {
      order.price = new Dec(order.deal).isZero()
        ? "0"
        : new Dec(order.quote).div(order.deal).toSignificantDigits(15).toFixed();
    }
    order.status = statusOf(order, ask.price ? "open" : walk.stop === "filled" ? "filled" : "cut");
    store.updateOrder(order);
    return order;
  });
}
