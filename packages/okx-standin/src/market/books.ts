// Order book snapshots around the ticker's touch: asks ascending from askPx, bids descending from bidPx,
// one tick apart, sizes derived from a hash so they are stable between calls.

import { formatDecimal } from "../decimal";
import type { Ticker } from "./state";
import { stringSeed, unit } from "./prng";

export const MAX_BOOK_DEPTH = 400;

interface CachedBook {
  version: number;
  depth: number;
  /** `"asks":[…],"bids":[…]` — everything but the timestamp. */
  levels: string;
}

const cache = new Map<string, CachedBook>();

function side(t: Ticker, depth: number, dir: 1n | -1n, seedOffset: number): string {
  const inst = t.inst;
  const seed = stringSeed(inst.instId) + seedOffset;
  const start = dir === 1n ? t.ask : t.bid;
  const levels: string[] = [];
  for (let i = 0; i < depth; i++) {
    const px = start + dir * BigInt(i) * inst.tickU;
    if (px <= 0n) break;
    const sz = BigInt(1 + Math.floor(unit(seed, i) * 5000)) * inst.minU;
    const count = 1 + Math.floor(unit(seed + 7, i) * 20);
    // [price, size, deprecated "0", number of orders], as OKX sends each level.
    levels.push(`["${formatDecimal(px)}","${formatDecimal(sz)}","0","${count}"]`);
  }
  return "[" + levels.join(",") + "]";
}

export function bookJson(t: Ticker, depth: number, now: number): string {
  const key = t.inst.instId + "|" + depth;
  let c = cache.get(key);
  if (c === undefined || c.version !== t.version) {
    c = {
      version: t.version,
      depth,
      levels: `"asks":${side(t, depth, 1n, 0)},"bids":${side(t, depth, -1n, 1)}`,
    };
    cache.set(key, c);
  }
  return `{"code":"0","msg":"","data":[{${c.levels},"ts":"${now}"}]}`;
}
