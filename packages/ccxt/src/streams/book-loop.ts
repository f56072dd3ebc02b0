import type { DepthLevel, StreamFeed } from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import { num } from "../bridge";
import { proHas, sideDepth } from "./pro-lib";
import { type LoopContext, WatchLoop } from "./watch-loop";

/** An order book as the stream serves it: a copy taken when ccxt handed it over, never changed after. */
export interface HeldBook {
  /** The exchange's time of the book, when it says one. */
  readonly timestamp: number | undefined;
  /** Best first, `[price, amount]`. */
  readonly asks: readonly DepthLevel[];
  readonly bids: readonly DepthLevel[];
  /** Levels per side the feed carries (OKX `books`: 400); `undefined`: unbounded. */
  readonly depth: number | undefined;
}

/**
 * `watchOrderBook`: ccxt keeps the book from the snapshot and the updates, and checks the exchange's
 * sequence (OKX: `prevSeqId` against the last `seqId`); on a gap it drops the book and the watch throws,
 * which discards the stream's value and resubscribes. ccxt changes its book in place, even with the update
 * that broke the sequence, so the stream holds a copy made only after a watch returned without error:
 * a book that failed its check is never served.
 */
export class BookLoop extends WatchLoop<ccxt.OrderBook, HeldBook> {
  constructor(
    feed: StreamFeed<HeldBook>,
    lc: LoopContext,
    private readonly symbol: string,
  ) {
    super(feed, lc);
  }

  protected watch(): Promise<ccxt.OrderBook> {
    return this.lc.ex.watchOrderBook(this.symbol);
  }

  protected unwatch(): Promise<unknown> | undefined {
    return proHas(this.lc.ex, "unWatchOrderBook") ? this.lc.ex.unWatchOrderBook(this.symbol) : undefined;
  }

  protected receive(book: ccxt.OrderBook): HeldBook {
    const depths = [sideDepth(book.asks), sideDepth(book.bids)].filter((d) => d !== undefined);
    const depth = depths.length ? Math.min(...depths) : undefined;
    return {
      timestamp: book.timestamp,
      asks: copySide(book.asks, depth),
      bids: copySide(book.bids, depth),
      depth,
    };
  }
}

function copySide(side: readonly (readonly (number | string | undefined)[])[], depth?: number): DepthLevel[] {
  const n = Math.min(side.length, depth ?? side.length);
  const out = new Array<DepthLevel>(n);
  for (let i = 0; i < n; i++) out[i] = [num(side[i][0]), num(side[i][1])];
  return out;
}
