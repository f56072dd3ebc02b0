import {
  Dec,
  type DecimalText,
  type SourceDepth,
  type SourceDepthLevel,
  type SourceTrade,
  roundToStep,
} from "@fmz-gateway/core";
import type { SimInstrument } from "./instruments";
import { textKey, unit } from "./noise";
import { midAt } from "./price-path";

/** One public trade prints every TRADE_MS; the book is redrawn every BOOK_MS. */
export const TRADE_MS = 2_000;
export const BOOK_MS = 1_000;
const BOOK_LEVELS = 50;
const RECENT_TRADES = 50;

/**
 * The simulated book and tape: functions of the seed, the instrument and the time, in the shapes a
 * mount source answers (prices and amounts as exact decimal text).
 */

interface Touch {
  readonly bid: Dec;
  readonly ask: Dec;
  readonly step: Dec;
}

/**
 * The last touches worked out per instrument, by seed and second: a touch is the same for every call in
 * its second, and the book is asked for thousands of times a second.
 */
const recentTouches = new WeakMap<SimInstrument, Map<string, Touch>>();
const RECENT_TOUCHES = 4;

/** Best bid and ask at `t`: around the mid, at least one tick apart. */
export function touch(seed: number, inst: SimInstrument, t: number): Touch {
  const second = Math.floor(t / BOOK_MS);
  const key = `${seed}:${second}`;
  let recent = recentTouches.get(inst);
  const known = recent?.get(key);
  if (known) return known;
  const made = makeTouch(seed, inst, second);
  if (!recent) recentTouches.set(inst, (recent = new Map()));
  if (recent.size >= RECENT_TOUCHES) recent.clear();
  recent.set(key, made);
  return made;
}

function makeTouch(seed: number, inst: SimInstrument, second: number): Touch {
  const mid = midAt(seed, inst, second * BOOK_MS);
  const steps = Math.max(1, Math.round((mid * 0.0002) / Number(inst.market.tickSize)));
  return { bid: bidOf(inst, mid), ask: askOf(inst, mid), step: new Dec(inst.market.tickSize).mul(steps) };
}

/**
 * The best bid and ask around a mid: 0.005 % below and above it, rounded away from it to the tick, so
 * the ask is always above the bid. Both only rise with the mid: over many seconds the highest ask is
 * the ask of the highest mid and the lowest bid the bid of the lowest (how a bar finds its extremes).
 */
export function bidOf(inst: SimInstrument, mid: number): Dec {
  return new Dec(roundToStep(new Dec((mid * 0.99995).toPrecision(15)), inst.market.tickSize, "down"));
}

export function askOf(inst: SimInstrument, mid: number): Dec {
  return new Dec(roundToStep(new Dec((mid * 1.00005).toPrecision(15)), inst.market.tickSize, "up"));
}

export function levelAmount(
  seed: number,
  inst: SimInstrument,
  side: number,
  level: number,
  t: number,
): DecimalText {
  const lot = inst.market.amountSize;
  const raw = inst.levelSize * (0.2 + 1.6 * unit(seed, textKey(inst.market.symbol), side, level, t));
  const amount = new Dec(roundToStep(new Dec(raw.toPrecision(12)), lot, "down"));
  return (amount.isZero() ? new Dec(lot) : amount).toFixed();
}

export function depth(seed: number, inst: SimInstrument, t: number, limit = 20): SourceDepth {
  const slot = Math.floor(t / BOOK_MS);
  const { bid, ask, step } = touch(seed, inst, t);
  const n = Math.min(limit, BOOK_LEVELS);
  const asks: SourceDepthLevel[] = [];
  const bids: SourceDepthLevel[] = [];
  for (let i = 0; i < n; i++) {
    asks.push([ask.plus(step.mul(i)).toFixed(), levelAmount(seed, inst, 1, i, slot)]);
    bids.push([bid.minus(step.mul(i)).toFixed(), levelAmount(seed, inst, 2, i, slot)]);
  }
  return { time: slot * BOOK_MS, asks, bids };
}

export function tradeAt(seed: number, inst: SimInstrument, n: number): SourceTrade {
  const key = textKey(inst.market.symbol);
  const time = n * TRADE_MS;
  const buy = tradeIsBuy(seed, inst, n);
  const { bid, ask } = touch(seed, inst, time);
  const lot = inst.market.amountSize;
  const raw = inst.levelSize * 0.05 * (0.1 + unit(seed, key, 8, n));
  const amount = Dec.max(new Dec(roundToStep(new Dec(raw.toPrecision(12)), lot, "down")), lot);
  return {
    id: String(n),
    time,
    price: (buy ? ask : bid).toFixed(),
    amount: amount.toFixed(),
    type: buy ? "buy" : "sell",
  };
}

/**
 * The price of the `n`th public trade (what `tradeAt(...).price` is), working out only its side of the
 * touch: bars ask for two per bar.
 */
export function tradePrice(seed: number, inst: SimInstrument, n: number): DecimalText {
  const mid = midAt(seed, inst, n * TRADE_MS);
  return (tradeIsBuy(seed, inst, n) ? askOf(inst, mid) : bidOf(inst, mid)).toFixed();
}

function tradeIsBuy(seed: number, inst: SimInstrument, n: number): boolean {
  return unit(seed, textKey(inst.market.symbol), 7, n) < 0.5;
}

/** The most recent public trades, oldest first. */
export function trades(seed: number, inst: SimInstrument, t: number): SourceTrade[] {
  const last = Math.floor(t / TRADE_MS);
  const out: SourceTrade[] = [];
  for (let n = last - RECENT_TRADES + 1; n <= last; n++) out.push(tradeAt(seed, inst, n));
  return out;
}
