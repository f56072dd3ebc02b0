import { crc32 } from "node:zlib";
import { type DepthLevel, toNumber } from "@fmz-gateway/core";

/** `books` carries 400 levels per side (okx-ws.md §3.4); the local book is kept at that depth. */
export const BOOK_LEVELS = 400;
/** The checksum covers the first 25 levels of each side (okx-ws.md §4.3). */
const CHECKSUM_LEVELS = 25;

/** One `books` message's `data[0]`: rows are `[price, size, "0", orders]` as strings. */
export interface OkxBookData {
  asks?: string[][];
  bids?: string[][];
  ts?: string;
  checksum?: number;
  seqId?: number;
  prevSeqId?: number;
}

/** A price level as received: the raw strings (the checksum is over them), and the price as a number. */
interface Level {
  px: number;
  pxText: string;
  szText: string;
}

export type BookResult = "ok" | "not-synced" | "gap" | "checksum";

/**
 * One instrument's order book, kept from OKX's `books` channel exactly as OKX specifies: a snapshot
 * (`prevSeqId` -1) replaces it; an update applies only when its `prevSeqId` equals the last `seqId` (this
 * one rule also admits heartbeats and sequence resets, okx-ws.md §4.2); a size of "0" deletes a level, any
 * other size replaces or inserts it in price order (§4.1). After each message a non-zero `checksum` must
 * match the CRC32 of the top 25 levels; 0 means OKX no longer sends one (June 2026) and the sequence is
 * the check. Anything else is a broken book: the caller discards it and resubscribes.
 */
export class OrderBook {
  private asks: Level[] = [];
  private bids: Level[] = [];
  private lastSeqId: number | undefined;
  ts = 0;

  /** True between a valid snapshot and the first failed check. */
  get synced(): boolean {
    return this.lastSeqId !== undefined;
  }

  /** Forget everything: the book waits for the next snapshot. */
  clear(): void {
    this.asks = [];
    this.bids = [];
    this.lastSeqId = undefined;
  }

  apply(action: string | undefined, d: OkxBookData): BookResult {
    if (action === "snapshot") {
      this.asks = (d.asks ?? []).map(toLevel).sort((a, b) => a.px - b.px);
      this.bids = (d.bids ?? []).map(toLevel).sort((a, b) => b.px - a.px);
    } else {
      // An update before any snapshot (or after a failure) is meaningless: wait for the next snapshot.
      if (this.lastSeqId === undefined) return "not-synced";
      if (d.prevSeqId !== this.lastSeqId) return this.fail("gap");
      for (const row of d.asks ?? []) merge(this.asks, toLevel(row), true);
      for (const row of d.bids ?? []) merge(this.bids, toLevel(row), false);
    }
    if (this.asks.length > BOOK_LEVELS) this.asks.length = BOOK_LEVELS;
    if (this.bids.length > BOOK_LEVELS) this.bids.length = BOOK_LEVELS;
    if (d.checksum !== undefined && d.checksum !== 0 && d.checksum !== this.checksum()) {
      return this.fail("checksum");
    }
    if (typeof d.seqId !== "number") return this.fail("gap");
    this.lastSeqId = d.seqId;
    this.ts = toNumber(d.ts ?? "0");
    return "ok";
  }

  /** The top `limit` levels per side: asks ascending, bids descending. */
  depth(limit: number): { time: number; asks: DepthLevel[]; bids: DepthLevel[] } {
    return {
      time: this.ts,
      asks: this.asks.slice(0, limit).map(out),
      bids: this.bids.slice(0, limit).map(out),
    };
  }

  /** Signed CRC32 of `bid:ask:bid:ask…` over the first 25 levels, raw strings (okx-ws.md §4.3). */
  checksum(): number {
    const parts: string[] = [];
    for (let i = 0; i < CHECKSUM_LEVELS; i++) {
      const b = this.bids[i];
      const a = this.asks[i];
      if (b) parts.push(b.pxText, b.szText);
      if (a) parts.push(a.pxText, a.szText);
    }
    return crc32(parts.join(":")) | 0;
  }

  private fail(result: "gap" | "checksum"): BookResult {
    this.clear();
    return result;
  }
}

function toLevel(row: string[]): Level {
  return { px: Number(row[0]), pxText: row[0] ?? "", szText: row[1] ?? "0" };
}

function out(l: Level): DepthLevel {
  return [toNumber(l.pxText), toNumber(l.szText)];
}

/** Replaces, deletes (size 0) or inserts `l` in a side kept sorted (asks ascending, bids descending). */
function merge(side: Level[], l: Level, ascending: boolean): void {
  let lo = 0;
  let hi = side.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const before = ascending ? side[mid].px < l.px : side[mid].px > l.px;
    if (before) lo = mid + 1;
    else hi = mid;
  }
  const deletes = Number(l.szText) === 0;
  if (lo < side.length && side[lo].px === l.px) {
    if (deletes) side.splice(lo, 1);
    else side[lo] = l;
  } else if (!deletes) {
    side.splice(lo, 0, l);
  }
}
