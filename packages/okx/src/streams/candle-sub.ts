import type { Logger, StreamFeed } from "@fmz-gateway/core";
import type { OkxCandle } from "../okx-types";
import type { OkxArg, OkxSocket } from "./okx-socket";
import { SeededSub } from "./seeded-sub";

/** Bars a candle stream holds at most (one REST page seeds 300; the rest accrue while it runs). */
export const MAX_HELD_BARS = 1440;

/** The bars held for one (instrument, period), oldest first, as OKX's raw rows. */
export interface CandleStore {
  readonly rows: readonly OkxCandle[];
  /** The bar's length in ms. */
  readonly periodMs: number;
}

/**
 * A candle channel (`candle1m` …): the recent bars are seeded from `market/candles`, then every push
 * upserts its bar by open time (OKX re-pushes the forming bar until it closes, okx-ws.md §3.7). Closed
 * bars never change, so the history held stays valid across reconnects; a reconnect re-seeds the recent
 * page to cover what was missed, and drops the older history only when the two no longer meet.
 */
export class CandleSub extends SeededSub<OkxCandle, CandleStore> {
  private rows: OkxCandle[] = [];

  constructor(
    feed: StreamFeed<CandleStore>,
    arg: OkxArg,
    socket: OkxSocket,
    logger: Logger,
    reconnectMs: number,
    private readonly fetch: () => Promise<OkxCandle[]>,
    private readonly periodMs: number,
  ) {
    super(feed, arg, socket, logger, reconnectMs);
  }

  protected seed(): Promise<OkxCandle[]> {
    return this.fetch();
  }

  protected fold(rows: OkxCandle[], fromSeed: boolean): CandleStore {
    const next = fromSeed ? this.joinSeed(rows) : [...this.rows];
    if (!fromSeed) for (const row of rows) upsert(next, row);
    this.rows = next.length > MAX_HELD_BARS ? next.slice(-MAX_HELD_BARS) : next;
    return { rows: this.rows, periodMs: this.periodMs };
  }

  /** The held history plus the seed, or the seed alone when a gap lies between them. */
  private joinSeed(seed: OkxCandle[]): OkxCandle[] {
    const fresh = [...seed].sort((a, b) => Number(a[0]) - Number(b[0]));
    const oldestFresh = Number(fresh[0]?.[0] ?? NaN);
    const newestHeld = Number(this.rows.at(-1)?.[0] ?? NaN);
    if (!(newestHeld + this.periodMs >= oldestFresh)) return fresh;
    const out = this.rows.filter((r) => Number(r[0]) < oldestFresh);
    return out.concat(fresh);
  }
}

function upsert(rows: OkxCandle[], row: OkxCandle): void {
  const ts = Number(row[0]);
  for (let i = rows.length - 1; i >= 0; i--) {
    const t = Number(rows[i][0]);
    if (t === ts) {
      rows[i] = row;
      return;
    }
    if (t < ts) {
      rows.splice(i + 1, 0, row);
      return;
    }
  }
  rows.unshift(row);
}
