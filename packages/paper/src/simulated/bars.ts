import type { DecimalText, SourceBar } from "@fmz-gateway/core";
import type { SimInstrument } from "./instruments";
import { textKey, unit } from "./noise";
import { midAt } from "./price-path";
import { BOOK_MS, TRADE_MS, askOf, bidOf, tradePrice } from "./book";

/**
 * One simulated bar, from the book and tape the market shows. A bar of `period` minutes looks at the
 * touch every `period` seconds from its start (60 looks a bar; a one-minute bar sees every second's
 * touch, so nothing the ticker showed escapes it):
 * - open: the public trade at its start; close: the last trade at or before `t`;
 * - high: the highest ask looked at, low: the lowest bid. A bar also looks at the touch its close
 *   printed at, and in progress at the touch of `t`'s second, so the ticker's buy, sell and last lie
 *   within it (for one-minute bars these are looks it takes anyway);
 * - volume: a hash of the bar's index (about one book level's size, times √period); a bar in
 *   progress has the share of it its trades so far make (it grows by one trade's share every 2 s).
 * A one-minute bar, once completed, is what its last moment in progress showed.
 */

/** What the extremes and volume of a bar need: its highest and lowest mid, and its volume. */
export interface BarRange {
  /** The mids, as floats; the high is `askOf(hi)`, the low `bidOf(lo)` (both only rise with the mid). */
  readonly hi: number;
  readonly lo: number;
  /** A whole number of volume units (`volumeText`), so sums of volumes are exact. */
  readonly volume: number;
}

/** Volumes are kept in whole ten-thousandths of the amount unit. */
const VOLUME_PLACES = 4;
const VOLUME_UNITS = 10 ** VOLUME_PLACES;

/** The range of bar `b` of `period` minutes (it starts at `b × period` minutes) as seen at `t`. */
export function barRange(seed: number, inst: SimInstrument, period: number, b: number, t: number): BarRange {
  const barMs = period * 60_000;
  const start = b * barMs;
  const end = start + barMs;
  const inProgress = t < end;
  const step = period * BOOK_MS;
  let hi = -Infinity;
  let lo = Infinity;
  for (let s = start, seen = inProgress ? t : end - 1; s <= seen; s += step) {
    const mid = midAt(seed, inst, s);
    if (mid > hi) hi = mid;
    if (mid < lo) lo = mid;
  }
  // Off the grid (bars longer than a minute): the touch the last trade printed at, and t's.
  const offGrid = [closeTime(period, b, t)];
  if (inProgress) offGrid.push(Math.floor(t / BOOK_MS) * BOOK_MS);
  for (const s of offGrid) {
    if ((s - start) % step === 0) continue;
    const mid = midAt(seed, inst, s);
    if (mid > hi) hi = mid;
    if (mid < lo) lo = mid;
  }
  const trades = barMs / TRADE_MS;
  const printed = inProgress ? Math.floor((t - start) / TRADE_MS) + 1 : trades;
  const share = 0.5 + unit(seed, textKey(inst.market.symbol), 10, period, b);
  const full = Math.round(inst.levelSize * Math.sqrt(period) * share * VOLUME_UNITS);
  return { hi, lo, volume: Math.floor((full * printed) / trades) };
}

/** Bar `b` of `period` minutes as seen at `t`, as a mount source answers it. */
export function barAt(seed: number, inst: SimInstrument, period: number, b: number, t: number): SourceBar {
  const barMs = period * 60_000;
  const start = b * barMs;
  const { hi, lo, volume } = barRange(seed, inst, period, b, t);
  return [
    start / 1000,
    tradePrice(seed, inst, start / TRADE_MS),
    askOf(inst, hi).toFixed(),
    bidOf(inst, lo).toFixed(),
    tradePrice(seed, inst, closeTime(period, b, t) / TRADE_MS),
    volumeText(volume),
  ];
}

/** When the last trade of bar `b` at or before `t` printed. */
function closeTime(period: number, b: number, t: number): number {
  const end = (b + 1) * period * 60_000;
  return Math.floor(Math.min(t, end - 1) / TRADE_MS) * TRADE_MS;
}

/** A whole number of volume units as exact decimal text: 12345 → "1.2345". */
export function volumeText(units: number): DecimalText {
  const whole = Math.floor(units / VOLUME_UNITS);
  const part = units - whole * VOLUME_UNITS;
  if (part === 0) return String(whole);
  return `${whole}.${String(part).padStart(VOLUME_PLACES, "0").replace(/0+$/, "")}`;
}
