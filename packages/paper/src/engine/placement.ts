import { BadRequestError, type CreateOrderParams, Dec, type Depth } from "@fmz-gateway/core";
import type { OrderRow } from "../store/rows";
import type { EngineContext } from "./context";
import { type Instrument, roundAmount, roundPrice } from "./instrument";
import { slippageBound, walkBook } from "./matching";
import { PaperError } from "./paper-error";
import { marginOf, settleSpot, settleSwap } from "./settle";
import { statusOf } from "./status";

/** What an order asks, rounded to the instrument and checked against its minimums. */
interface Ask {
  isBuy: boolean;
  reduceOnly: boolean;
  /** Base or contracts; for a spot market buy, the quote budget. */
  amount: Dec;
  price?: Dec;
  budget?: Dec;
}

function fail(ctx: EngineContext, code: ConstructorParameters<typeof PaperError>[1], text: string): never {
  throw new PaperError(ctx.exchange, code, text);
}

/** Rounds and checks an order against the instrument's lot, tick and minimums, as an exchange would. */
export function readAsk(ctx: EngineContext, inst: Instrument, p: CreateOrderParams): Ask {
  const reduceOnly = p.side === "closebuy" || p.side === "closesell";
  if (reduceOnly && !inst.isSwap) throw new BadRequestError(`${p.side} is for futures; ${inst.text} is spot`);
  const isBuy = p.side === "buy" || p.side === "closesell";
  if (p.orderType === "market" && isBuy && !inst.isSwap) {
    const budget = new Dec(p.amount);
    if (budget.lt(inst.minNotional)) {
      fail(ctx, "MIN_NOTIONAL", `order value ${budget.toFixed()} ${inst.quote} is below the minimum ${inst.minNotional.toFixed()} for ${inst.text}`);
    }
    return { isBuy, reduceOnly, amount: budget, budget };
  }
  const amount = roundAmount(inst, p.amount);
  const unit = inst.isSwap ? "contracts" : inst.base;
  if (amount.lt(inst.minQty) || amount.isZero()) {
    fail(ctx, "MIN_AMOUNT", `amount ${p.amount} ${unit} is below the minimum ${inst.minQty.toFixed()} (lot ${inst.lot.toFixed()}) for ${inst.text}`);
  }
  if (amount.gt(inst.maxQty)) fail(ctx, "MAX_AMOUNT", `amount ${amount.toFixed()} is above the maximum ${inst.maxQty.toFixed()} for ${inst.text}`);
  if (p.orderType === "market") return { isBuy, reduceOnly, amount };
  const price = roundPrice(inst, p.price ?? "0");
  if (price.lte(0)) throw new BadRequestError(`invalid price ${p.price ?? ""}: below one tick (${inst.tick.toFixed()})`);
  const notional = amount.mul(price).mul(inst.ctVal);
  if (notional.lt(inst.minNotional)) {
    fail(ctx, "MIN_NOTIONAL", `order value ${notional.toFixed()} ${inst.quote} is below the minimum ${inst.minNotional.toFixed()} for ${inst.text}`);
  }
  return { isBuy, reduceOnly, amount, price };
}

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
  depth: Depth,
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
        fail(ctx, "NO_POSITION", `${p.side} ${ask.amount.toFixed()} needs a ${ask.isBuy ? "short" : "long"} position of at least that size on ${inst.text}; it is ${held.gt(0) ? held.toFixed() : "0"}`);
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
      ? walkBook({ levels, isBuy: ask.isBuy, worst, lot: inst.lot, amount: ask.budget ? undefined : ask.amount, budget: ask.budget })
      : { pieces: [], stop: "book" as const };
    if (!ask.price && walk.pieces.length === 0) {
      fail(ctx, "NO_LIQUIDITY", `no ${ask.isBuy ? "asks" : "bids"} within ${ctx.maxSlippage.mul(100).toFixed()} % of the best price on ${inst.text}`);
    }
    for (const piece of walk.pieces) {
      const fill = { store, inst, account, order, piece, isBuy: ask.isBuy, feeRate: ctx.taker, liquidity: "taker" as const, now };
      if (inst.isSwap) settleSwap({ ...fill, leverage, funding });
      else settleSpot(fill);
    }
    if (inst.isSwap) {
      const free = store.balance(account, inst.quote).free;
      if (free.isNeg()) {
        fail(ctx, "INSUFFICIENT_MARGIN", `the order needs ${free.neg().toFixed()} ${inst.quote} more margin and fees than is free`);
      }
    }
    if (!ask.price) {
      order.price = new Dec(order.deal).isZero() ? "0" : new Dec(order.quote).div(order.deal).toSignificantDigits(15).toFixed();
    }
    order.status = statusOf(order, ask.price ? "open" : walk.stop === "filled" ? "filled" : "cut");
    store.updateOrder(order);
    return order;
  });
}
