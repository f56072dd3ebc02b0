import type { Bar, StreamFeed } from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import { num } from "../bridge";
import { proHas } from "./pro-lib";
import { type LoopContext, WatchLoop } from "./watch-loop";

/** Bars a candle stream holds at most (the seed, then one more per period while it runs). */
export const MAX_HELD_BARS = 1440;

/** The bars held for one (symbol, timeframe), oldest first, as FMZ bars (time in seconds). */
export interface CandleStore {
  readonly bars: readonly Bar[];
  /** How many bars `fetchOHLCV` without a limit returned: what `records` without a limit answers. */
  readonly restCount: number;
  /** The bar's length in ms. */
  readonly periodMs: number;
}

/**
 * `watchOHLCV`: the history is seeded from `fetchOHLCV` (the call REST answers with) once the first push
 * proved the subscription runs; every push then upserts its bar by open time (the forming bar is pushed
 * again until it closes; closed bars never change). Pushes older than the seed's newest bar are older
 * news than the seed and are dropped. A failure re-seeds, since bars pushed while down were missed.
 */
export class OhlcvLoop extends WatchLoop<ccxt.OHLCV[], CandleStore> {
  private bars: Bar[] | undefined;
  private restCount = 0;

  constructor(
    feed: StreamFeed<CandleStore>,
    lc: LoopContext,
    private readonly symbol: string,
    private readonly timeframe: string,
    private readonly periodMs: number,
    private readonly seed: () => Promise<ccxt.OHLCV[]>,
  ) {
    super(feed, lc);
  }

  protected watch(): Promise<ccxt.OHLCV[]> {
    return this.lc.ex.watchOHLCV(this.symbol, this.timeframe);
  }

  protected unwatch(): Promise<unknown> | undefined {
    return proHas(this.lc.ex, "unWatchOHLCV")
      ? this.lc.ex.unWatchOHLCV(this.symbol, this.timeframe)
      : undefined;
  }

  protected async receive(pushed: ccxt.OHLCV[]): Promise<CandleStore> {
    let bars: Bar[];
    if (this.bars === undefined) {
      const seeded = (await this.seed()).map(toBar).sort((a, b) => a[0] - b[0]);
      this.restCount = seeded.length;
      const newest = seeded.at(-1)?.[0] ?? -Infinity;
      bars = seeded;
      for (const row of pushed) if (num(row[0]) / 1000 > newest) upsert(bars, toBar(row));
    } else {
      // A new array each time: an answer being built from the old one is never changed under it.
      bars = [...this.bars];
      for (const row of pushed) upsert(bars, toBar(row));
    }
    this.bars = bars.length > MAX_HELD_BARS ? bars.slice(-MAX_HELD_BARS) : bars;
    return { bars: this.bars, restCount: this.restCount, periodMs: this.periodMs };
  }

  protected override reset(): void {
    this.bars = undefined;
  }
}

/** As `records` by REST builds its bars: `[seconds, open, high, low, close, volume]`. */
function toBar(r: ccxt.OHLCV): Bar {
  return [num(r[0]) / 1000, num(r[1]), num(r[2]), num(r[3]), num(r[4]), num(r[5])];
}

function upsert(bars: Bar[], bar: Bar): void {
  for (let i = bars.length - 1; i >= 0; i--) {
    if (bars[i][0] === bar[0]) {
      bars[i] = bar;
      return;
    }
    if (bars[i][0] < bar[0]) {
      bars.splice(i + 1, 0, bar);
      return;
    }
  }
  bars.unshift(bar);
}
