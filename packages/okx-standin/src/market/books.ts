// Order book snapshots around the ticker's touch: asks ascending from askPx, bids descending from bidPx,
// one tick apart. A level's size and order count are hashed from its price, so they are stable between
// calls and a move of the touch changes only the levels that enter or leave the book: that keeps the
// websocket's incremental updates (ws/book-feed.ts) as small as OKX's.

import { formatDecimal } from "../decimal";
import type { Ticker } from "./state";
import { stringSeed, unit } from "./prng";

export const MAX_BOOK_DEPTH = 400;

/** One level as OKX sends it: [price, size, deprecated "0", number of orders], all strings. */
export interface BookLevel {
  px: string;
  sz: string;
  /** The level as JSON text, `["px","sz","0","count"]`. */
  json: string;
}

export interface BookLevels {
  version: number;
  asks: BookLevel[];
  bids: BookLevel[];
}

interface CachedBook extends BookLevels {
  /** `"asks":[…],"bids":[…]` per depth asked for over REST; everything but the timestamp. */
  rest: Map<number, string>;
}

const cache = new Map<string, CachedBook>();
// A level depends on its price alone, so levels are memoised per (instrument, side, price in ticks): a move
// of the touch then builds only the few levels that enter the book. Bounded, cleared when full.
const levelMemo = new Map<string, Map<number, BookLevel>>();
const LEVEL_MEMO_MAX = 50_000;

function side(t: Ticker, depth: number, dir: 1n | -1n, seedOffset: number): BookLevel[] {
  const inst = t.inst;
  const seed = stringSeed(inst.instId) + seedOffset;
  const start = dir === 1n ? t.ask : t.bid;
  const memoKey = inst.instId + "|" + seedOffset;
  let memo = levelMemo.get(memoKey);
  if (memo === undefined || memo.size > LEVEL_MEMO_MAX) levelMemo.set(memoKey, (memo = new Map()));
  const levels: BookLevel[] = [];
  for (let i = 0; i < depth; i++) {
    const pxU = start + dir * BigInt(i) * inst.tickU;
    if (pxU <= 0n) break;
    const k = Number(pxU / inst.tickU);
    let level = memo.get(k);
    if (level === undefined) {
      const px = formatDecimal(pxU);
      const sz = formatDecimal(BigInt(1 + Math.floor(unit(seed, k) * 5000)) * inst.minU);
      const count = 1 + Math.floor(unit(seed + 7, k) * 20);
      level = { px, sz, json: `["${px}","${sz}","0","${count}"]` };
      memo.set(k, level);
    }
    levels.push(level);
  }
  return levels;
}

function cached(t: Ticker): CachedBook {
  let c = cache.get(t.inst.instId);
  if (c === undefined || c.version !== t.version) {
    c = {
      version: t.version,
      asks: side(t, MAX_BOOK_DEPTH, 1n, 0),
      bids: side(t, MAX_BOOK_DEPTH, -1n, 1),
      rest: new Map(),
    };
    cache.set(t.inst.instId, c);
  }
  return c;
}

/** The full 400-level book for the ticker's current touch (shared, do not mutate). */
export function bookLevels(t: Ticker): BookLevels {
  return cached(t);
}

function joinLevels(levels: BookLevel[], depth: number): string {
  let out = "[";
  const n = Math.min(depth, levels.length);
  for (let i = 0; i < n; i++) out += (i === 0 ? "" : ",") + (levels[i] as BookLevel).json;
  return out + "]";
}

export function bookJson(t: Ticker, depth: number, now: number): string {
  const c = cached(t);
  let levels = c.rest.get(depth);
  if (levels === undefined) {
    levels = `"asks":${joinLevels(c.asks, depth)},"bids":${joinLevels(c.bids, depth)}`;
    c.rest.set(depth, levels);
  }
  return `{"code":"0","msg":"","data":[{${levels},"ts":"${now}"}]}`;
}
