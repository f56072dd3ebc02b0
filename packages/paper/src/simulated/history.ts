import {
  BadRequestError,
  Dec,
  MAX_PERIOD_MINUTES,
  type SourceBar,
  type SourceFunding,
  type SourceTicker,
} from "@fmz-gateway/core";
import { SIM_INSTRUMENTS, type SimInstrument } from "./instruments";
import { textKey, unit } from "./noise";
import { BOOK_MS, TRADE_MS, askOf, bidOf, touch, tradePrice } from "./book";
import { barAt, barRange, volumeText } from "./bars";
import { DayWindow } from "./day-window";

export const FUNDING_INTERVAL_MS = 8 * 3_600_000;

/**
 * The simulated ticker, candles and funding: functions of the seed, the instrument and the time, in
 * the shapes a mount source answers (money as exact decimal text).
 */

/**
 * The ticker's day is the last 1,440 one-minute bars (`records(seed, inst, t, 1, 1440)`): its open is
 * the first bar's open, its high, low and volume those of all of them. The completed bars are kept in
 * a `DayWindow` per seed and instrument; the bar in progress is worked out once a second.
 */
const windows = new WeakMap<SimInstrument, Map<number, Day>>();
/** Seeds held per instrument (each window is about 35 kB); a process uses one or two. */
const MAX_SEEDS = 8;

interface Day {
  readonly window: DayWindow;
  /** The ticker of `second`, less its time: all of it changes at most once a second. */
  second: number;
  shown?: Omit<SourceTicker, "time">;
}

function dayOf(seed: number, inst: SimInstrument): Day {
  let bySeed = windows.get(inst);
  if (!bySeed) windows.set(inst, (bySeed = new Map()));
  let day = bySeed.get(seed);
  if (!day) {
    if (bySeed.size >= MAX_SEEDS) bySeed.clear();
    bySeed.set(seed, (day = { window: new DayWindow(seed, inst), second: NaN }));
  }
  return day;
}

export function ticker(seed: number, inst: SimInstrument, t: number): SourceTicker {
  const day = dayOf(seed, inst);
  const second = Math.floor(t / BOOK_MS);
  if (day.second !== second || !day.shown) {
    day.shown = dayTicker(seed, inst, day.window, t);
    day.second = second;
  }
  const s = day.shown;
  return {
    symbol: s.symbol,
    buy: s.buy,
    sell: s.sell,
    high: s.high,
    low: s.low,
    open: s.open,
    last: s.last,
    vol: s.vol,
    time: t,
  };
}

function dayTicker(
  seed: number,
  inst: SimInstrument,
  window: DayWindow,
  t: number,
): Omit<SourceTicker, "time"> {
  const minute = Math.floor(t / 60_000);
  window.moveTo(minute);
  const now = barRange(seed, inst, 1, minute, t);
  const { bid, ask } = touch(seed, inst, t);
  return {
    symbol: inst.market.symbol,
    buy: bid.toFixed(),
    sell: ask.toFixed(),
    high: askOf(inst, Math.max(window.hi, now.hi)).toFixed(),
    low: bidOf(inst, Math.min(window.lo, now.lo)).toFixed(),
    open: tradePrice(seed, inst, (window.first * 60_000) / TRADE_MS),
    // The bar in progress closes at the last trade.
    last: tradePrice(seed, inst, Math.floor(t / TRADE_MS)),
    vol: volumeText(window.volume + now.volume),
  };
}

/** The most bars one `records` call answers; a larger `limit` gets this many (and a debug line). */
export const MAX_SIM_BARS = 2_000;

/**
 * `limit` bars of `period` minutes, oldest first, the last one the bar in progress (see `barAt`); at
 * most `MAX_SIM_BARS`, and none before 1970 (the market has no earlier history).
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
  const current = Math.floor(t / (period * 60_000));
  const n = Math.min(limit, MAX_SIM_BARS, current + 1);
  const bars: SourceBar[] = [];
  for (let b = current - n + 1; b <= current; b++) bars.push(barAt(seed, inst, period, b, t));
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
