import type { StreamFeed } from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import { proHas } from "./pro-lib";
import { type LoopContext, WatchLoop } from "./watch-loop";

/**
 * `watchTrades`: seeded from `fetchTrades` (the same call REST answers with) once the first push proved
 * the subscription runs, so no trade falls between the seed and the pushes; then each pushed trade is
 * added, de-duplicated by id, keeping as many as the seed had (what REST returns). Oldest first, ordered
 * by time and then id, as ccxt orders `fetchTrades`.
 */
export class TradesLoop extends WatchLoop<ccxt.Trade[], ccxt.Trade[]> {
  private rows: ccxt.Trade[] | undefined;
  private keep = 0;

  constructor(
    feed: StreamFeed<ccxt.Trade[]>,
    lc: LoopContext,
    private readonly symbol: string,
    private readonly seed: () => Promise<ccxt.Trade[]>,
  ) {
    super(feed, lc);
  }

  protected watch(): Promise<ccxt.Trade[]> {
    return this.lc.ex.watchTrades(this.symbol);
  }

  protected unwatch(): Promise<unknown> | undefined {
    return proHas(this.lc.ex, "unWatchTrades") ? this.lc.ex.unWatchTrades(this.symbol) : undefined;
  }

  protected async receive(pushed: ccxt.Trade[]): Promise<ccxt.Trade[]> {
    if (this.rows === undefined) {
      const seeded = await this.seed();
      this.keep = Math.max(1, seeded.length);
      this.rows = merge(seeded, pushed, this.keep);
    } else {
      this.rows = merge(this.rows, pushed, this.keep);
    }
    return this.rows;
  }

  protected override reset(): void {
    this.rows = undefined;
  }
}

/** A new array (an answer being built from the old one is never changed under it). */
function merge(held: readonly ccxt.Trade[], pushed: readonly ccxt.Trade[], keep: number): ccxt.Trade[] {
  const byId = new Map<string, ccxt.Trade>();
  for (const t of held) byId.set(idOf(t), t);
  for (const t of pushed) byId.set(idOf(t), t);
  return [...byId.values()].sort(byTimeThenId).slice(-keep);
}

function idOf(t: ccxt.Trade): string {
  return t.id ?? `${t.timestamp}:${t.price}:${t.amount}:${t.side}`;
}

/** ccxt's `sortBy2(trades, 'timestamp', 'id')`, so the stream lists trades in REST's order. */
function byTimeThenId(a: ccxt.Trade, b: ccxt.Trade): number {
  const ta = a.timestamp ?? 0;
  const tb = b.timestamp ?? 0;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ia = a.id ?? "";
  const ib = b.id ?? "";
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
