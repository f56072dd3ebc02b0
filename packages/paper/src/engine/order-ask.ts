import {
  BadRequestError,
  type CreateOrderParams,
  Dec,
  type OrderIntent,
  readOrderIntent,
} from "@fmz-gateway/core";
import type { EngineContext } from "./context";
import { type Instrument, roundAmount, roundPrice } from "./instrument";
import { PaperError } from "./paper-error";

/** What an order asks, rounded to the instrument and checked against its minimums. */
export interface Ask {
  /** FMZ's order as core reads it: side, reduce-only, the position it opens or closes, the size unit. */
  intent: OrderIntent;
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
  const intent = readOrderIntent(p, inst.isSwap ? "contract" : "spot");
  const { reduceOnly } = intent;
  const isBuy = intent.side === "buy";
  if (intent.sizeUnit === "quote") {
    const budget = new Dec(intent.amount);
    if (budget.lt(inst.minNotional)) {
      fail(
        ctx,
        "MIN_NOTIONAL",
        `order value ${budget.toFixed()} ${inst.quote} is below the minimum ${inst.minNotional.toFixed()} for ${inst.text}`,
      );
    }
    return { intent, isBuy, reduceOnly, amount: budget, budget };
  }
  const amount = roundAmount(inst, intent.amount);
  const unit = inst.isSwap ? "contracts" : inst.base;
  if (amount.lt(inst.minQty) || amount.isZero()) {
    fail(
      ctx,
      "MIN_AMOUNT",
      `amount ${intent.amount} ${unit} is below the minimum ${inst.minQty.toFixed()} (lot ${inst.lot.toFixed()}) for ${inst.text}`,
    );
  }
  if (amount.gt(inst.maxQty))
    fail(
      ctx,
      "MAX_AMOUNT",
      `amount ${amount.toFixed()} is above the maximum ${inst.maxQty.toFixed()} for ${inst.text}`,
    );
  if (intent.orderType === "market") return { intent, isBuy, reduceOnly, amount };
  const price = roundPrice(inst, intent.price);
  if (price.lte(0))
    throw new BadRequestError(`invalid price ${intent.price}: below one tick (${inst.tick.toFixed()})`);
  const notional = amount.mul(price).mul(inst.ctVal);
  if (notional.lt(inst.minNotional)) {
    fail(
      ctx,
      "MIN_NOTIONAL",
      `order value ${notional.toFixed()} ${inst.quote} is below the minimum ${inst.minNotional.toFixed()} for ${inst.text}`,
    );
  }
  return { intent, isBuy, reduceOnly, amount, price };
}
