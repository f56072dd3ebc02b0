// OKX's historic order-book checksum (reference okx-ws.md §4.3): the first 25 bids and asks of the book
// after the update, interleaved bid, ask, bid, ask… (a side that runs out is skipped), each level as
// "price:size" with the raw strings as sent, joined by ":", CRC32 as a signed 32-bit integer.
// Since June 2026 OKX sends 0 instead (§4.4); the stand-in sends this only when asked to.

import { crc32 } from "node:zlib";
import type { BookLevel } from "../market/books";

export const CHECKSUM_LEVELS = 25;

type PriceSize = Pick<BookLevel, "px" | "sz">;

export function checksumString(bids: readonly PriceSize[], asks: readonly PriceSize[]): string {
  const parts: string[] = [];
  for (let i = 0; i < CHECKSUM_LEVELS; i++) {
    const b = bids[i];
    const a = asks[i];
    if (b !== undefined) parts.push(b.px, b.sz);
    if (a !== undefined) parts.push(a.px, a.sz);
  }
  return parts.join(":");
}

export function bookChecksum(bids: readonly PriceSize[], asks: readonly PriceSize[]): number {
  return crc32(checksumString(bids, asks)) | 0;
}
