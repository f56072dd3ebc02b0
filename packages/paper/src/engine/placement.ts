import { type CreateOrderParams, Dec, type SourceDepth } from "@fmz-gateway/core";
import type { OrderRow } from "../store/rows";
import type { EngineContext } from "./context";
import type { Instrument } from "./instrument";
import { slippageBound, walkBook } from "./matching";
import { fail, readAsk } from "./order-ask";
import { marginOf, settleSpot, settleSwap } from "./settle";
import { statusOf } from "./status";

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
    const pos = inst.isSwap ? store.position(account, inst.text) : undefined;
    const posQty = new Dec(pos?.qty ?? 0);
    if (ask.reduceOnly) {
      const held = ask.isBuy ? posQty.neg() : posQty;
      if (held.lt(ask.amount)) {
        fail(
          ctx,
          "NO_POSITION",
          `${p.side} ${ask.amount.toFixed()} needs a ${ask.intent.position ?? "long"} position of at least that size on ${inst.text}; it is ${held.gt(0) ? held.toFixed() : "0"}`,
        );
      }
    }
    const leverage = ctx.leverage(account, inst.text);
    const levels = ask.isBuy ? depth.asks : depth.bids;
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
      offset: inst.isSwap ? (ask.reduceOnly ? "close" : "open") : null,
      created_at: now,
      updated_at: now,
      book_mark: depth.time,
      trade_mark: now,
    };
    // What the order holds until it fills or is cancelled.
    if (ask.price) {
      const opposite = ask.isBuy ? Dec.max(posQty.neg(), 0) : Dec.max(posQty, 0);
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
      if (inst.isSwap) settleSwap({ ...fill, leverage, funding });
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
