import { Dec, roundToStep } from "@fmz-gateway/core";
import type { SimInstrument } from "./instruments";
import { logReturn, textKey, valueNoise } from "./noise";

/** The mid price of an instrument at `t` (ms), as a float: a pure function of seed and time. */
export function midAt(seed: number, inst: SimInstrument, t: number): number {
  let r = logReturn(seed, textKey(inst.pathKey), t);
  // A perpetual trades at a small, slowly changing basis to its spot pair.
  if (inst.isSwap) r += 0.0004 * valueNoise(seed, textKey(inst.market.symbol), 99, t, 600_000);
  return inst.basePrice * Math.exp(r);
}

/** The price at `t` rounded to the instrument's tick, as exact decimal text. */
export function priceAt(seed: number, inst: SimInstrument, t: number): string {
  return roundMid(inst, midAt(seed, inst, t));
}

/** A mid rounded to the instrument's tick, as exact decimal text; never lowers a higher mid's price. */
export function roundMid(inst: SimInstrument, mid: number): string {
  return roundToStep(new Dec(mid.toPrecision(15)), inst.market.tickSize, "nearest");
}
