import {
  type DepthLevel,
  type ParamsOf,
  type ResultOf,
  streamOrRest,
  toNumber,
  wireName,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxBook } from "../okx-types";
import { BOOK_LEVELS, type OrderBook } from "../streams/order-book";
import { CHANNELS, marketScope } from "../streams/okx-streams";
import { firstRow } from "./ticker";
import { resolveInstrument } from "./futures";

/** Levels per side when the strategy asks for none; OKX's own default would be 1. */
export const DEFAULT_DEPTH = 20;
/** `market/books` serves at most 400 levels per side (reference §4.4). */
export const MAX_DEPTH = 400;

/** GET /api/v5/market/books with `sz` = the requested levels (reference §4.4). */
export async function getDepth(call: OkxCall, p: ParamsOf<"getDepth">): Promise<ResultOf<"getDepth">> {
  const { instId } = await resolveInstrument(call, p.symbol, wireName("getDepth"));
  const levels = Math.min(p.limit ?? DEFAULT_DEPTH, MAX_DEPTH);
  // The `books` stream holds 400 levels: a larger limit goes by REST, as it always did.
  const answer = (b: OrderBook) => ((p.limit ?? 0) > BOOK_LEVELS ? undefined : b.depth(levels));
  return streamOrRest(call.streams?.cache, {
    ctx: call.ctx,
    method: "getDepth",
    channel: CHANNELS.book,
    key: instId,
    scope: marketScope(call),
    answer,
    rest: () => restDepth(call, instId, levels),
  });
}

async function restDepth(call: OkxCall, instId: string, levels: number): Promise<ResultOf<"getDepth">> {
  const rows = await call.publicGet<OkxBook>("/api/v5/market/books", { instId, sz: String(levels) });
  const book = firstRow(rows, `order book for ${instId}`);
  // OKX lists asks ascending and bids descending already; sorting keeps the contract if it ever did not.
  const asks = book.asks.map(level).sort((a, b) => a[0] - b[0]);
  const bids = book.bids.map(level).sort((a, b) => b[0] - a[0]);
  return { time: toNumber(book.ts), asks: asks.slice(0, levels), bids: bids.slice(0, levels) };
}

/** `[price, size, "0", orders]` → `[price, size]`; size is contracts on swaps, as FMZ expects. */
function level(row: string[]): DepthLevel {
  return [toNumber(row[0]), toNumber(row[1])];
}
