import type * as ccxt from "ccxt";
import { proHas } from "./pro-lib";
import { type LoopContext, WatchLoop } from "./watch-loop";
import type { StreamFeed } from "@fmz-gateway/core";

/** `watchTicker`: each update is the whole ticker, parsed by ccxt exactly as `fetchTicker` parses it. */
export class TickerLoop extends WatchLoop<ccxt.Ticker, ccxt.Ticker> {
  constructor(
    feed: StreamFeed<ccxt.Ticker>,
    lc: LoopContext,
    private readonly symbol: string,
  ) {
    super(feed, lc);
  }

  protected watch(): Promise<ccxt.Ticker> {
    return this.lc.ex.watchTicker(this.symbol);
  }

  protected unwatch(): Promise<unknown> | undefined {
    return proHas(this.lc.ex, "unWatchTicker") ? this.lc.ex.unWatchTicker(this.symbol) : undefined;
  }

  protected receive(t: ccxt.Ticker): ccxt.Ticker {
    // ccxt parses a new object per message, so the one held is never changed under an answer.
    return t;
  }
}
