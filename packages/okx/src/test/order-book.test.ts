// The local `books` order book, fed recorded OKX messages (okx-ws.md §3.4, §4): merging, the
// seqId/prevSeqId chain and the historic CRC32 checksum.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type OkxBookData, OrderBook } from "../streams/order-book";

/** The docs' first checksum example: bids 3366.1/7, 3366/6; asks 3366.8/9, 3368/8 → -1881014294. */
const DOC_SNAPSHOT: OkxBookData = {
  asks: [
    ["3366.8", "9", "0", "3"],
    ["3368", "8", "0", "1"],
  ],
  bids: [
    ["3366.1", "7", "0", "2"],
    ["3366", "6", "0", "1"],
  ],
  ts: "1597026383085",
  checksum: -1881014294,
  prevSeqId: -1,
  seqId: 10,
};

function synced(): OrderBook {
  const b = new OrderBook();
  assert.equal(b.apply("snapshot", DOC_SNAPSHOT), "ok");
  return b;
}

describe("OKX order book", () => {
  it("takes a snapshot whose checksum matches the documented example", () => {
    const b = synced();
    assert.equal(b.checksum(), -1881014294);
    assert.deepEqual(b.depth(5), {
      time: 1597026383085,
      asks: [
        [3366.8, 9],
        [3368, 8],
      ],
      bids: [
        [3366.1, 7],
        [3366, 6],
      ],
    });
  });

  it("applies an update as OKX specifies: replace, delete on size 0, insert in price order", () => {
    const b = synced();
    const r = b.apply("update", {
      asks: [
        ["3366.8", "0", "0", "0"],
        ["3367", "4", "0", "1"],
        ["3372", "8", "0", "1"],
      ],
      bids: [
        ["3366.1", "0", "0", "0"],
        ["3366", "2", "0", "1"],
        ["3366.5", "1", "0", "1"],
      ],
      ts: "1597026383090",
      checksum: 0,
      prevSeqId: 10,
      seqId: 15,
    });
    assert.equal(r, "ok");
    const d = b.depth(10);
    assert.deepEqual(d.asks, [
      [3367, 4],
      [3368, 8],
      [3372, 8],
    ]);
    assert.deepEqual(d.bids, [
      [3366.5, 1],
      [3366, 2],
    ]);
    assert.equal(d.time, 1597026383090);
  });

  it("verifies a non-zero checksum after the update, as the docs' second example", () => {
    const b = synced();
    // → bids 3366.1/7; asks 3366.8/9, 3368/8, 3372/8: documented string, CRC 831078360.
    const update = {
      bids: [["3366", "0", "0", "0"]],
      asks: [["3372", "8", "0", "1"]],
      prevSeqId: 10,
      seqId: 11,
    };
    assert.equal(b.apply("update", { ...update, checksum: 831078360 }), "ok");
  });

  it("discards the book on a wrong non-zero checksum, and relies on the sequence when it is 0", () => {
    const b = synced();
    assert.equal(b.apply("update", { asks: [], bids: [], prevSeqId: 10, seqId: 11, checksum: 0 }), "ok");
    assert.equal(
      b.apply("update", { asks: [["3368", "5", "0", "1"]], prevSeqId: 11, seqId: 12, checksum: 12345 }),
      "checksum",
    );
    assert.equal(b.synced, false);
    assert.deepEqual(b.depth(5).asks, [], "nothing of the failed book is left");
  });

  it("follows the seqId chain: heartbeats and resets pass, a gap breaks the book until a snapshot", () => {
    const b = synced();
    assert.equal(b.apply("update", { asks: [], bids: [], prevSeqId: 10, seqId: 10 }), "ok", "heartbeat");
    assert.equal(b.apply("update", { asks: [], bids: [], prevSeqId: 10, seqId: 3 }), "ok", "reset");
    assert.equal(b.apply("update", { asks: [], bids: [], prevSeqId: 3, seqId: 5 }), "ok");
    assert.equal(b.apply("update", { asks: [["1", "1"]], bids: [], prevSeqId: 6, seqId: 8 }), "gap");
    assert.equal(b.synced, false);
    assert.equal(b.apply("update", { asks: [], bids: [], prevSeqId: 8, seqId: 9 }), "not-synced");
    assert.equal(b.apply("snapshot", DOC_SNAPSHOT), "ok");
    assert.equal(b.synced, true);
  });

  it("refuses a snapshot whose checksum does not match", () => {
    const b = new OrderBook();
    assert.equal(b.apply("snapshot", { ...DOC_SNAPSHOT, checksum: -855196043 }), "checksum");
    assert.equal(b.synced, false);
  });

  it("keeps at most 400 levels per side", () => {
    const rows = (from: number, step: number) =>
      Array.from({ length: 450 }, (_, i) => [String(from + i * step), "1", "0", "1"]);
    const b = new OrderBook();
    assert.equal(
      b.apply("snapshot", {
        asks: rows(101, 1),
        bids: rows(100, -0.1),
        prevSeqId: -1,
        seqId: 1,
        checksum: 0,
      }),
      "ok",
    );
    assert.equal(b.depth(1000).asks.length, 400);
    assert.equal(b.depth(1000).bids.length, 400);
    assert.deepEqual(b.depth(1).asks[0], [101, 1]);
  });
});
