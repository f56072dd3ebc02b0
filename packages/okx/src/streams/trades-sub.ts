import type { Logger, StreamFeed } from "@fmz-gateway/core";
import type { OkxTrade } from "../okx-types";
import type { OkxArg, OkxSocket } from "./okx-socket";
import { SeededSub } from "./seeded-sub";

/** Newest first, as `market/trades` lists them: by time, then by trade id (ids grow with time). */
function newerFirst(a: OkxTrade, b: OkxTrade): number {
  const dt = Number(b.ts) - Number(a.ts);
  if (dt !== 0) return dt;
  if (a.tradeId.length !== b.tradeId.length) return b.tradeId.length - a.tradeId.length;
  return a.tradeId < b.tradeId ? 1 : a.tradeId > b.tradeId ? -1 : 0;
}

/**
 * `trades`: seeded from `market/trades` when the subscription starts, then each pushed trade is added;
 * as many are kept as the REST call returns, so an answer from the stream has the shape of a REST one.
 */
export class TradesSub extends SeededSub<OkxTrade, OkxTrade[]> {
  private rows: OkxTrade[] = [];

  constructor(
    feed: StreamFeed<OkxTrade[]>,
    arg: OkxArg,
    socket: OkxSocket,
    logger: Logger,
    reconnectMs: number,
    private readonly fetch: () => Promise<OkxTrade[]>,
    private readonly keep: number,
  ) {
    super(feed, arg, socket, logger, reconnectMs);
  }

  protected seed(): Promise<OkxTrade[]> {
    return this.fetch();
  }

  protected fold(rows: OkxTrade[], fromSeed: boolean): OkxTrade[] {
    const byId = new Map<string, OkxTrade>();
    for (const t of fromSeed ? [] : this.rows) byId.set(t.tradeId, t);
    for (const t of rows) byId.set(t.tradeId, t);
    // A new array each time: an answer being built from the old one is never changed under it.
    this.rows = [...byId.values()].sort(newerFirst).slice(0, this.keep);
    return this.rows;
  }
}
