import type { SimInstrument } from "./instruments";
import { logReturn, textKey, valueNoise } from "./noise";

/**
 * The mid price of an instrument at `t` (ms), as a float: a pure function of seed and time. The book
 * (book.ts) rounds it to the tick on each side; bars and the ticker take their prices from the book.
 */
export function midAt(seed: number, inst: SimInstrument, t: number): number {
  let r = logReturn(seed, textKey(inst.pathKey), t);
  // A perpetual trades at a small, slowly changing basis to its spot pair.
  if (inst.isSwap) r += 0.0004 * valueNoise(seed, textKey(inst.market.symbol), 99, t, 600_000);
  return inst.basePrice * Math.exp(r);
}
