// One instrument's `books` feed: the last book published, and its sequence number. There is one feed per
// instrument, shared by every connection, because OKX gives each instId one sequence whatever the
// connection (reference okx-ws.md §4.2). Updates carry only the levels that changed since the last
// message (size "0" deletes a level), so a client applying them per §4.1 holds exactly the 400 levels
// GET /market/books?sz=400 answers at that moment.

import { bookLevels, type BookLevel } from "../market/books";
import { stringSeed } from "../market/prng";
import type { Ticker } from "../market/state";
import { bookChecksum } from "./checksum";

/** How the next message is to be bent, for the fault switches; all false means OKX's normal behaviour. */
export interface BookMessageFaults {
  skipSequence: boolean;
  resetSequence: boolean;
  badChecksum: boolean;
}

function rowsByPrice(levels: readonly BookLevel[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of levels) m.set(l.px, l.json);
  return m;
}

/** Levels that differ between two sides of a book, deletions as size "0", in the side's price order. */
function diffSide(old: readonly BookLevel[], next: readonly BookLevel[], ascending: boolean): string[] {
  const before = rowsByPrice(old);
  const changed: { px: number; json: string }[] = [];
  for (const l of next) {
    if (before.get(l.px) !== l.json) changed.push({ px: Number(l.px), json: l.json });
    before.delete(l.px);
  }
  for (const px of before.keys()) changed.push({ px: Number(px), json: `["${px}","0","0","0"]` });
  changed.sort((a, b) => (ascending ? a.px - b.px : b.px - a.px));
  return changed.map((c) => c.json);
}

export class BookFeed {
  /** seqId of the last message built; starts above 2^31 like live OKX's (Qubx#387 in the reference). */
  seqId: number;
  private asks: readonly BookLevel[] = [];
  private bids: readonly BookLevel[] = [];
  private readonly argJson: string;

  constructor(
    readonly instId: string,
    t: Ticker,
  ) {
    this.seqId = 300_000_000_000 + (stringSeed(instId) % 1_000_000) * 1000;
    this.argJson = JSON.stringify({ channel: "books", instId });
    const book = bookLevels(t);
    this.asks = book.asks;
    this.bids = book.bids;
  }

  snapshot(now: number, checksums: boolean, faults: BookMessageFaults): string {
    const asks = this.asks.map((l) => l.json).join(",");
    const bids = this.bids.map((l) => l.json).join(",");
    return this.message("snapshot", asks, bids, now, -1, this.seqId, checksums, faults.badChecksum);
  }

  /**
   * Moves the feed to the ticker's current book. Returns the update message, or undefined when the book did
   * not change (OKX sends nothing then). Called even when nobody listens, so the sequence stays one chain.
   */
  update(t: Ticker, now: number, checksums: boolean, faults: BookMessageFaults): string | undefined {
    const book = bookLevels(t);
    if (book.asks === this.asks && book.bids === this.bids) return undefined;
    const asks = diffSide(this.asks, book.asks, true);
    const bids = diffSide(this.bids, book.bids, false);
    this.asks = book.asks;
    this.bids = book.bids;
    if (asks.length === 0 && bids.length === 0) return undefined;
    let prev = this.seqId;
    // A skipped number stands for a message that was lost on the way: the chain no longer links.
    if (faults.skipSequence) prev += 1;
    // OKX's seqId grows by more than one between 100 ms batches; a client must link by prevSeqId only.
    const seq = faults.resetSequence ? 3 : prev + asks.length + bids.length;
    this.seqId = seq;
    return this.message(
      "update",
      asks.join(","),
      bids.join(","),
      now,
      prev,
      seq,
      checksums,
      faults.badChecksum,
    );
  }

  /** OKX's "still alive" message for a book that has not changed: no levels, seqId == prevSeqId. */
  heartbeat(now: number, checksums: boolean): string {
    return this.message("update", "", "", now, this.seqId, this.seqId, checksums, false);
  }

  private message(
    action: "snapshot" | "update",
    asks: string,
    bids: string,
    now: number,
    prevSeqId: number,
    seqId: number,
    checksums: boolean,
    badChecksum: boolean,
  ): string {
    let checksum = checksums || badChecksum ? bookChecksum(this.bids, this.asks) : 0;
    if (badChecksum) checksum = checksum ^ 0x5a5a5a5a || 1;
    return (
      `{"arg":${this.argJson},"action":"${action}","data":[{"asks":[${asks}],"bids":[${bids}],` +
      `"ts":"${now}","checksum":${checksum},"prevSeqId":${prevSeqId},"seqId":${seqId}}]}`
    );
  }
}
