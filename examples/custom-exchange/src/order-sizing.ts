import {
  BadRequestError,
  Dec,
  type OrderIntent,
  type RoundingMode,
  roundToStep,
  toPlain,
} from "@fmz-gateway/core";
import type { DemoInstrument, DemoOrderRequest } from "./api-types";
import { toFmzSymbol } from "./symbols";

/**
 * Turns FMZ's order (read by core's `readOrderIntent` on a spot pair, which refuses closebuy/closesell)
 * into DEMOEX's order fields, exactly: amounts rounded down to the lot (never
 * trade more than asked), prices to the nearest tick, a spot market buy's quote amount down to the quote
 * step. Anything that would fall under DEMOEX's minimums is refused here, naming the minimum, rather than
 * sent to fail there (or worse, silently rounded to zero).
 */
export function sizeOrder(inst: DemoInstrument, p: OrderIntent): Omit<DemoOrderRequest, "clientOrderId"> {
  const fmz = toFmzSymbol(inst.symbol);
  if (p.sizeUnit === "quote") {
    // FMZ: a spot market buy's amount is what to spend, in the quote currency.
    const quoteQty = round(p.amount, inst.quoteStep, "down");
    atLeast(
      quoteQty,
      inst.minNotional,
      `market buy of ${p.amount} ${inst.quote}`,
      `${inst.minNotional} ${inst.quote}`,
      fmz,
    );
    return { symbol: inst.symbol, side: "buy", type: "market", quoteQty };
  }
  const qty = round(p.amount, inst.lotSize, "down");
  atLeast(qty, inst.minQty, `amount ${p.amount}`, `${inst.minQty} ${inst.base} (lot ${inst.lotSize})`, fmz);
  if (new Dec(qty).gt(inst.maxQty)) {
    throw new BadRequestError(
      `amount ${p.amount} is above the maximum for ${fmz}: ${inst.maxQty} ${inst.base}`,
    );
  }
  if (p.orderType === "market") return { symbol: inst.symbol, side: p.side, type: "market", qty };

  const price = round(p.price, inst.tickSize, "nearest");
  if (new Dec(price).lte(0)) {
    throw new BadRequestError(`price ${p.price} rounds to 0 at ${fmz}'s tick size ${inst.tickSize}`);
  }
  const value = new Dec(price).mul(qty).toFixed();
  atLeast(
    value,
    inst.minNotional,
    `order value ${value} ${inst.quote}`,
    `${inst.minNotional} ${inst.quote}`,
    fmz,
  );
  return { symbol: inst.symbol, side: p.side, type: "limit", price, qty };
}

/** Rounded to the step, written without trailing zeros: `0.30000000000000004` at lot 0.0001 is `0.3`. */
function round(value: string, step: string, mode: RoundingMode): string {
  return toPlain(roundToStep(value, step, mode));
}

function atLeast(value: string, min: string, what: string, minimum: string, fmz: string): void {
  if (new Dec(value).lt(min))
    throw new BadRequestError(`${what} is below the minimum for ${fmz}: ${minimum}`);
}
