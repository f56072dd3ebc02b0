import { BadRequestError, type CreateOrderParams, Dec } from "@fmz-gateway/core";
import type { EngineContext } from "./context";
import { type Instrument, roundAmount, roundPrice } from "./instrument";
import { PaperError } from "./paper-error";

/** What an order asks, rounded to the instrument and checked against its minimums. */
export interface Ask {
  isBuy: boolean;
  reduceOnly: boolean;
  /** Base or contracts; for a spot market buy, the quote budget. */
  amount: Dec;
  price?: Dec;
  budget?: Dec;
}

export function fail(
  ctx: EngineContext,
  code: ConstructorParameters<typeof PaperError>[1],
  text: string,
): never {
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
      fail(
        ctx,
        "MIN_NOTIONAL",
        `order value ${budget.toFixed()} ${inst.quote} is below the minimum ${inst.minNotional.toFixed()} for ${inst.text}`,
      );
    }
    return { isBuy, reduceOnly, amount: budget, budget };
  }
  const amount = roundAmount(inst, p.amount);
  const unit = inst.isSwap ? "contracts" : inst.base;
  if (amount.lt(inst.minQty) || amount.isZero()) {
    fail(
      ctx,
      "MIN_AMOUNT",
      `amount ${p.amount} ${unit} is below the minimum ${inst.minQty.toFixed()} (lot ${inst.lot.toFixed()}) for ${inst.text}`,
    );
  }
  if (amount.gt(inst.maxQty))
    fail(
      ctx,
      "MAX_AMOUNT",
      `amount ${amount.toFixed()} is above the maximum ${inst.maxQty.toFixed()} for ${inst.text}`,
    );
  if (p.orderType === "market") return { isBuy, reduceOnly, amount };
  const price = roundPrice(inst, p.price ?? "0");
  if (price.lte(0))
    throw new BadRequestError(`invalid price ${p.price ?? ""}: below one tick (${inst.tick.toFixed()})`);
  const notional = amount.mul(price).mul(inst.ctVal);
  if (notional.lt(inst.minNotional)) {
    fail(
      ctx,
      "MIN_NOTIONAL",
      `order value ${notional.toFixed()} ${inst.quote} is below the minimum ${inst.minNotional.toFixed()} for ${inst.text}`,
    );
  }
  return { isBuy, reduceOnly, amount, price };
}
