import type { SimInstrument } from "./instruments";
import { barRange } from "./bars";

/** A day of one-minute bars: the bar in progress and the 1,439 completed ones before it. */
export const DAY_BARS = 1_440;
const COMPLETED = DAY_BARS - 1;
const MINUTE_MS = 60_000;

/**
 * The completed one-minute bars of the last day, for one seed and instrument, kept as the clock moves
 * so that a ticker does not work out 1,440 bars: each new minute drops the oldest bar and adds the one
 * just completed. A jump past the whole window, or a clock set back (tests do), builds it afresh.
 *
 * Each bar is held as its highest and lowest mid and its volume (`BarRange`), in a ring by bar index:
 * the window's high is the ask of its highest mid, which is the highest of the bars' highs because the
 * ask only rises with the mid, so only the window's two extremes are ever rounded to the tick. The
 * extremes are found again over the 1,439 held mids when the window moves (once a minute): cheaper
 * than keeping a deque, and nothing to get wrong.
 */
export class DayWindow {
  /** The bar in progress: the window holds bars `first` to `current - 1`. */
  private current = -1;
  /** The oldest bar held (its open is the ticker's open). */
  first = 0;
  private readonly his = new Float64Array(COMPLETED);
  private readonly los = new Float64Array(COMPLETED);
  private readonly volumes = new Float64Array(COMPLETED);
  /** Of the held bars: the highest mid, the lowest, and the total volume (exact: whole units). */
  hi = -Infinity;
  lo = Infinity;
  volume = 0;

  constructor(
    private readonly seed: number,
    private readonly inst: SimInstrument,
  ) {}

  /** Whether no completed bar is held (before the second minute of 1970). */
  get empty(): boolean {
    return this.first === this.current;
  }

  /** Moves the window so that minute `minute` is the bar in progress. */
  moveTo(minute: number): void {
    if (minute === this.current) return;
    const first = Math.max(0, minute - COMPLETED);
    if (minute < this.current || first >= this.current) {
      this.first = first;
      this.volume = 0;
      for (let b = first; b < minute; b++) this.add(b);
    } else {
      for (let b = this.current; b < minute; b++) {
        if (b - this.first === COMPLETED) this.volume -= this.volumes[this.first++ % COMPLETED];
        this.add(b);
      }
    }
    this.current = minute;
    this.hi = -Infinity;
    this.lo = Infinity;
    for (let b = this.first; b < minute; b++) {
      const i = b % COMPLETED;
      if (this.his[i] > this.hi) this.hi = this.his[i];
      if (this.los[i] < this.lo) this.lo = this.los[i];
    }
  }

  private add(b: number): void {
    const bar = barRange(this.seed, this.inst, 1, b, (b + 1) * MINUTE_MS);
    const i = b % COMPLETED;
    this.his[i] = bar.hi;
    this.los[i] = bar.lo;
    this.volumes[i] = bar.volume;
    this.volume += bar.volume;
  }
}
