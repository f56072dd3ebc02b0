import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startOkxStandin } from "../index";
import type { OkxStandin } from "../types";
import { bookChecksum } from "./checksum";
import { ClientBook, type Frame, isPush, type Level, RawWs } from "./test-client";

interface BookData {
  asks: Level[];
  bids: Level[];
  ts: string;
  checksum: number;
  prevSeqId: number;
  seqId: number;
}

const dataOf = (f: Frame) => (f.data as BookData[])[0] as BookData;

async function restBook(s: OkxStandin, instId: string): Promise<{ asks: Level[]; bids: Level[] }> {
  const r = await fetch(`${s.url}/api/v5/market/books?instId=${instId}&sz=400`);
  const body = (await r.json()) as { data: { asks: Level[]; bids: Level[] }[] };
  const d = body.data[0];
  assert.ok(d !== undefined);
  return { asks: d.asks, bids: d.bids };
}

describe("websocket books: snapshot, updates, sequence, checksum", () => {
  let s: OkxStandin;
  let pub: string;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    pub = s.url.replace("http://", "ws://") + "/ws/v5/public";
  });
  after(() => s.close());

  it("a book kept from the snapshot and updates equals GET market/books?sz=400 after every move", async () => {
    const c = await RawWs.open(pub);
    c.subscribe("books", "BTC-USDT");
    const snap = await c.next(isPush("books", "BTC-USDT"));
    assert.deepEqual(Object.keys(snap), ["arg", "action", "data"]);
    assert.equal(snap.action, "snapshot");
    const d0 = dataOf(snap);
    assert.deepEqual(Object.keys(d0), ["asks", "bids", "ts", "checksum", "prevSeqId", "seqId"]);
    assert.equal(d0.prevSeqId, -1);
    assert.equal(d0.checksum, 0); // OKX since June 2026
    assert.ok(Number.isInteger(d0.seqId) && d0.seqId > 2 ** 31);
    assert.equal(d0.asks.length, 400);
    const book = new ClientBook();
    book.apply(d0, true);
    assert.deepEqual(book.sorted(), await restBook(s, "BTC-USDT"));

    const moves = [3, -1, -7, 25, 1, -400, 2, 0, 650];
    for (const ticks of moves) {
      const before = book.seqId;
      if (ticks === 0) s.setTicker("BTC-USDT", { bidPx: "59000", askPx: "59000.5" });
      else s.step("BTC-USDT", ticks);
      const up = dataOf(await c.next(isPush("books", "BTC-USDT")));
      assert.equal(up.prevSeqId, before, "each update links to the previous message");
      assert.ok(up.seqId > up.prevSeqId);
      assert.equal(up.checksum, 0);
      book.apply(up, false);
      assert.deepEqual(book.sorted(), await restBook(s, "BTC-USDT"));
    }
    // A small move sends only the levels that changed, not the whole book.
    s.step("BTC-USDT", 1);
    const small = dataOf(await c.next(isPush("books", "BTC-USDT")));
    assert.ok(small.asks.length <= 2 && small.bids.length <= 2, JSON.stringify(small));
    await c.close();
  });

  it("setTicker that leaves bid and ask alone sends no book update", async () => {
    const c = await RawWs.open(pub);
    c.subscribe("books", "ETH-USDT");
    await c.next((f) => f.event === "subscribe");
    await c.next(isPush("books", "ETH-USDT"));
    s.setTicker("ETH-USDT", { last: "3000.05", bidPx: "2999.98", askPx: "3000.01" });
    await c.next(isPush("books", "ETH-USDT"));
    s.setTicker("ETH-USDT", { last: "3000", bidPx: "2999.98", askPx: "3000.01" });
    c.send("ping");
    assert.equal(await c.nextText(), "pong");
    await c.close();
  });

  it("every connection sees the same sequence numbers for an instrument", async () => {
    const a = await RawWs.open(pub);
    const b = await RawWs.open(pub);
    a.subscribe("books", "LTC-USDT");
    await a.next(isPush("books", "LTC-USDT"));
    s.step("LTC-USDT", 2);
    const ua = dataOf(await a.next(isPush("books", "LTC-USDT")));
    b.subscribe("books", "LTC-USDT");
    const sb = dataOf(await b.next(isPush("books", "LTC-USDT")));
    assert.equal(sb.seqId, ua.seqId);
    s.step("LTC-USDT", -5);
    const [na, nb] = [
      dataOf(await a.next(isPush("books", "LTC-USDT"))),
      dataOf(await b.next(isPush("books", "LTC-USDT"))),
    ];
    assert.deepEqual(na, nb);
    assert.equal(na.prevSeqId, ua.seqId);
    await a.close();
    await b.close();
  });

  it("with checksums on, every message carries the signed CRC32 of the book after it is applied", async () => {
    s.ws.setChecksums(true);
    try {
      const c = await RawWs.open(pub);
      c.subscribe("books", "BTC-USDT-SWAP");
      const book = new ClientBook();
      const snap = dataOf(await c.next(isPush("books", "BTC-USDT-SWAP")));
      book.apply(snap, true);
      const crc = () => {
        const { asks, bids } = book.sorted();
        const ps = (l: Level) => ({ px: l[0], sz: l[1] });
        return bookChecksum(bids.map(ps), asks.map(ps));
      };
      assert.notEqual(snap.checksum, 0);
      assert.equal(snap.checksum, crc());
      for (const ticks of [1, -30, 4]) {
        s.step("BTC-USDT-SWAP", ticks);
        const up = dataOf(await c.next(isPush("books", "BTC-USDT-SWAP")));
        book.apply(up, false);
        assert.equal(up.checksum, crc());
      }
      await c.close();
    } finally {
      s.ws.setChecksums(false);
    }
  });
});
