/** Tick and lot sizes of a ccxt market, whatever precision mode the exchange uses. */
import { Dec } from "@fmz-gateway/core";
import type { CcxtExchange, CcxtMarket } from "../ccxt-lib";

/** ccxt's precision modes (ccxt/base/functions/number: DECIMAL_PLACES 2, SIGNIFICANT_DIGITS 3, TICK_SIZE 4). */
export const DECIMAL_PLACES = 2;
export const TICK_SIZE = 4;

export interface PrecisionInfo {
  tickSize: number;
  amountSize: number;
  pricePrecision: number;
  amountPrecision: number;
}

/** Decimal places of a step: `0.001` → 3, `5` → 0. */
export function placesOf(step: number): number {
  return step > 0 && Number.isFinite(step) ? new Dec(step).decimalPlaces() : 0;
}

/**
 * In TICK_SIZE mode ccxt's precision is the step itself; in DECIMAL_PLACES mode it is a count of places
 * (step 10^-n). SIGNIFICANT_DIGITS has no fixed step: 0, with the digits as precision.
 */
export function stepOf(mode: number, precision: number | undefined): { step: number; places: number } {
  if (precision === undefined || precision === null || !Number.isFinite(precision))
    return { step: 0, places: 0 };
  if (mode === TICK_SIZE) return { step: precision, places: placesOf(precision) };
  if (mode === DECIMAL_PLACES) return { step: Number(`1e-${precision}`), places: precision };
  return { step: 0, places: precision };
}

export function marketInfo(ex: CcxtExchange, m: CcxtMarket): PrecisionInfo {
  const mode = ex.precisionMode ?? TICK_SIZE;
  const price = stepOf(mode, m.precision.price);
  const amount = stepOf(mode, m.precision.amount);
  return {
    tickSize: price.step,
    amountSize: amount.step,
    pricePrecision: price.places,
    amountPrecision: amount.places,
  };
}
