import {
  BadRequestError,
  Dec,
  type DecimalText,
  MAX_PERIOD_MINUTES,
  type SourceBar,
  type SourceFunding,
  type SourceTicker,
  decimalText,
} from "@fmz-gateway/core";
import { SIM_INSTRUMENTS, type SimInstrument } from "./instruments";
import { textKey, unit } from "./noise";
import { midAt, priceAt, roundMid } from "./price-path";
import { TRADE_MS, touch, tradePrice } from "./book";

export const FUNDING_INTERVAL_MS = 8 * 3_600_000;

/**
 * The simulated ticker, candles and funding: functions of the seed, the instrument and the time, in
 * the shapes a mount source answers (money as exact decimal text).
 */

/**
 * The highest (or lowest) of exact decimal texts. Compared as float64, which keeps their order: every
 * price here has at most 15 significant digits, so distinct prices are distinct floats.
 */
function extreme(texts: readonly DecimalText[], highest: boolean): DecimalText {
  let best = texts[0];
  for (const x of texts) if (highest ? Number(x) > Number(best) : Number(x) < Number(best)) best = x;
  return best;
}

/** The day's open, high and low are read from mids this far apart, aligned to the clock. */
const SAMPLE_MS = 900_000;
const DAY_SAMPLES = 97;

interface DayRange {
  readonly open: DecimalText;
  readonly high: DecimalText;
  readonly low: DecimalText;
}

/** The last day range worked out per instrument: it changes once a quarter-hour. */
const recentRanges = new WeakMap<SimInstrument, { seed: number; quarter: number; range: DayRange }>();

/**
 * The day's open, high and low: the mids at the 97 quarter-hours from a day before the quarter-hour of
 * `t` to it, rounded to the tick. Rounding keeps order, so only the highest, the lowest and the first
 * are rounded; aligned to the clock, the range is worked out once a quarter-hour, not once a call.
 */
export function dayRange(seed: number, inst: SimInstrument, t: number): DayRange {
  const quarter = Math.floor(t / SAMPLE_MS);
  const known = recentRanges.get(inst);
  if (known && known.seed === seed && known.quarter === quarter) return known.range;
  let hi = -Infinity;
  let lo = Infinity;
  const first = (quarter - (DAY_SAMPLES - 1)) * SAMPLE_MS;
  for (let i = 0; i < DAY_SAMPLES; i++) {
    const mid = midAt(seed, inst, first + i * SAMPLE_MS);
    if (mid > hi) hi = mid;
    if (mid < lo) lo = mid;
  }
  const range = { open: priceAt(seed, inst, first), high: roundMid(inst, hi), low: roundMid(inst, lo) };
  recentRanges.set(inst, { seed, quarter, range });
  return range;
}

export function ticker(seed: number, inst: SimInstrument, t: number): SourceTicker {
  const { bid, ask } = touch(seed, inst, t);
  const buy = bid.toFixed();
  const sell = ask.toFixed();
  const last = tradePrice(seed, inst, Math.floor(t / TRADE_MS));
  const day = 86_400_000;
  const range = dayRange(seed, inst, t);
  const vol = inst.levelSize * 400 * (0.5 + unit(seed, textKey(inst.market.symbol), 9, Math.floor(t / day)));
  return {
    symbol: inst.market.symbol,
    buy,
    sell,
    high: extreme([range.high, last, sell], true),
    low: extreme([range.low, last, buy], false),
    open: range.open,
    last,
    vol: decimalText(Number(vol.toFixed(4))),
    time: t,
  };
}

/** The most bars one `records` call answers; a larger `limit` gets this many (and a debug line). */
export const MAX_SIM_BARS = 2_000;

/**
 * `limit` bars of `period` minutes, oldest first, the last one the bar in progress; at most
 * `MAX_SIM_BARS`, and none before 1970 (the market has no earlier history).
 */
export function records(
  seed: number,
  inst: SimInstrument,
  t: number,
  period: number,
  limit = 100,
): SourceBar[] {
  if (!Number.isInteger(period) || period < 1 || period > MAX_PERIOD_MINUTES) {
    throw new BadRequestError(
      `invalid params.period: ${period} is not a whole number of minutes from 1 to ${MAX_PERIOD_MINUTES}`,
    );
  }
  const barMs = period * 60_000;
  const current = Math.floor(t / barMs);
  const n = Math.min(limit, MAX_SIM_BARS, current + 1);
  const key = textKey(inst.market.symbol);
  const bars: SourceBar[] = [];
  for (let b = current - n + 1; b <= current; b++) {
    const start = b * barMs;
    const end = Math.min(start + barMs, t);
    const points = Array.from({ length: 9 }, (_, i) => priceAt(seed, inst, start + ((end - start) * i) / 8));
    const volume = inst.levelSize * Math.sqrt(period) * (0.5 + unit(seed, key, 10, period, b));
    bars.push([
      start / 1000,
      points[0],
      extreme(points, true),
      extreme(points, false),
      points[8],
      decimalText(Number(volume.toFixed(4))),
    ]);
  }
  return bars;
}

/** The rate of the funding at `time` (a multiple of the interval): between -0.03 % and +0.05 %. */
export function fundingRate(seed: number, symbol: string, time: number): string {
  const slot = Math.floor(time / FUNDING_INTERVAL_MS);
  return new Dec(unit(seed, textKey(symbol), 11, slot))
    .mul("0.0008")
    .minus("0.0003")
    .toFixed(6, Dec.ROUND_DOWN);
}

export function fundings(seed: number, symbol: string, t: number): SourceFunding[] {
  const swaps = SIM_INSTRUMENTS.filter(
    (i) =>
      i.isSwap &&
      (i.market.symbol === symbol ||
        (symbol.endsWith(".swap") && !symbol.includes("_") && i.market.quoteAsset === symbol.split(".")[0])),
  );
  const next = (Math.floor(t / FUNDING_INTERVAL_MS) + 1) * FUNDING_INTERVAL_MS;
  return swaps.map((i) => ({
    symbol: i.market.symbol,
    rate: fundingRate(seed, i.market.symbol, next),
    interval: FUNDING_INTERVAL_MS,
    time: next,
  }));
}
