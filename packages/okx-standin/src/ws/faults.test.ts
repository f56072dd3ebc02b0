import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { waitFor } from "@fmz-gateway/testkit";
import { startOkxStandin } from "../index";
import type { OkxStandin } from "../types";
import { bookChecksum } from "./checksum";
import { ClientBook, type Frame, isPush, type Level, RawWs } from "./test-client";

interface BookData {
  asks: Level[];
  bids: Level[];
  checksum: number;
  prevSeqId: number;
  seqId: number;
}
const dataOf = (f: Frame) => (f.data as BookData[])[0] as BookData;

describe("websocket fault switches", () => {
  let s: OkxStandin;
  let pub: string;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    pub = s.url.replace("http://", "ws://") + "/ws/v5/public";
  });
  afterEach(() => s.ws.clearFaults());
  after(() => s.close());

  async function booked(instId: string): Promise<{ c: RawWs; snap: BookData }> {
    const c = await RawWs.open(pub);
    c.subscribe("books", instId);
    return { c, snap: dataOf(await c.next(isPush("books", instId))) };
  }

  it("skipSequence: the next update's prevSeqId matches no message sent; later ones link again", async () => {
    const { c, snap } = await booked("BTC-USDT");
    s.ws.skipSequence("BTC-USDT");
    s.step("BTC-USDT", 1);
    const gap = dataOf(await c.next(isPush("books", "BTC-USDT")));
    assert.notEqual(gap.prevSeqId, snap.seqId);
    assert.ok(gap.seqId > gap.prevSeqId);
    s.step("BTC-USDT", 1);
    const next = dataOf(await c.next(isPush("books", "BTC-USDT")));
    assert.equal(next.prevSeqId, gap.seqId);
    await c.close();
  });

  it("resetSequence: an update with seqId below prevSeqId that still links", async () => {
    const { c, snap } = await booked("ETH-USDT");
    s.ws.resetSequence();
    s.step("ETH-USDT", -2);
    const reset = dataOf(await c.next(isPush("books", "ETH-USDT")));
    assert.equal(reset.prevSeqId, snap.seqId);
    assert.ok(reset.seqId < reset.prevSeqId);
    await c.close();
  });

  it("badChecksum: the next book message carries a non-zero checksum that does not match the book", async () => {
    s.ws.badChecksum();
    const { c, snap } = await booked("LTC-USDT");
    const book = new ClientBook();
    book.apply(snap, true);
    const { asks, bids } = book.sorted();
    const ps = (l: Level) => ({ px: l[0], sz: l[1] });
    assert.notEqual(snap.checksum, 0);
    assert.notEqual(snap.checksum, bookChecksum(bids.map(ps), asks.map(ps)));
    s.step("LTC-USDT", 1);
    assert.equal(dataOf(await c.next(isPush("books", "LTC-USDT"))).checksum, 0, "one message only");
    await c.close();
  });

  it("bookHeartbeat: an update without levels, seqId == prevSeqId", async () => {
    const { c, snap } = await booked("BTC-USD-SWAP");
    s.ws.bookHeartbeat("BTC-USD-SWAP");
    const hb = dataOf(await c.next(isPush("books", "BTC-USD-SWAP")));
    assert.deepEqual([hb.asks, hb.bids, hb.prevSeqId, hb.seqId], [[], [], snap.seqId, snap.seqId]);
    await c.close();
  });

  it("refuse: a subscription to the channel or instrument gets an error event, others an ack", async () => {
    s.ws.refuse("books");
    s.ws.refuse("ETH-USDT-SWAP", { code: "60014", msg: "Requests too frequent" });
    const c = await RawWs.open(pub);
    c.subscribe("books", "BTC-USDT", "a1");
    const e1 = await c.next((f) => f.event !== undefined);
    assert.deepEqual([e1.id, e1.event, e1.code], ["a1", "error", "60018"]);
    c.subscribe("tickers", "ETH-USDT-SWAP");
    const e2 = await c.next((f) => f.event !== undefined);
    assert.deepEqual([e2.event, e2.code, e2.msg], ["error", "60014", "Requests too frequent"]);
    c.subscribe("tickers", "BTC-USDT");
    assert.equal((await c.next((f) => f.event !== undefined)).event, "subscribe");
    assert.deepEqual(s.ws.subscriptions(), [{ channel: "tickers", instId: "BTC-USDT", connections: 1 }]);
    await c.close();
  });

  it("hold: a subscription to the channel gets no answer until release, others go through", async () => {
    s.ws.hold("books");
    const c = await RawWs.open(pub);
    c.subscribe("books", "BTC-USDT", "h1");
    c.subscribe("tickers", "BTC-USDT", "h2");
    const ack = await c.next((f) => f.event !== undefined);
    assert.deepEqual([ack.id, ack.event], ["h2", "subscribe"]);
    await assert.rejects(
      c.next((f) => f.id === "h1" || isPush("books", "BTC-USDT")(f), 300),
      /no matching/,
    );
    assert.deepEqual(s.ws.subscriptions(), [{ channel: "tickers", instId: "BTC-USDT", connections: 1 }]);
    s.ws.release();
    const late = await c.next((f) => f.id === "h1");
    assert.equal(late.event, "subscribe");
    await c.next(isPush("books", "BTC-USDT"));
    assert.equal(s.ws.subscriptions().length, 2);
    await c.close();
  });

  it("hold: a held subscription of a connection that closed is dropped on release", async () => {
    s.ws.hold("BTC-USDT");
    const c = await RawWs.open(pub);
    const received = s.ws.messagesReceived();
    c.subscribe("books", "BTC-USDT");
    await waitFor(() => s.ws.messagesReceived() > received, { what: "the subscribe request held" });
    await c.close();
    await waitFor(() => s.ws.connectionCount() === 0, { what: "the connection gone at the stand-in" });
    s.ws.clearFaults();
    assert.deepEqual(s.ws.subscriptions(), []);
  });

  it("goSilent: no pong, no push until switched back", async () => {
    const c = await RawWs.open(pub);
    c.subscribe("tickers", "BTC-USDT");
    await c.next((f) => f.event === "subscribe");
    await c.next(isPush("tickers", "BTC-USDT"));
    s.ws.goSilent(true);
    c.send("ping");
    s.setTicker("BTC-USDT", { last: "60100" });
    await assert.rejects(
      c.nextText(() => true, 300),
      /no matching/,
    );
    s.ws.goSilent(false);
    c.send("ping");
    assert.equal(await c.nextText(), "pong");
    await c.close();
  });

  it("dropAll: every connection is cut without a close frame", async () => {
    const a = await RawWs.open(pub);
    const b = await RawWs.open(pub);
    s.ws.dropAll();
    assert.equal((await a.closed).code, 1006);
    assert.equal((await b.closed).code, 1006);
  });

  it("notice: OKX's service-upgrade notice", async () => {
    const c = await RawWs.open(pub);
    s.ws.notice();
    const n = await c.next();
    assert.deepEqual([n.event, n.code], ["notice", "64008"]);
    assert.equal(n.msg, "The connection will soon be closed for a service upgrade. Please reconnect.");
    await c.close();
  });

  it("close() ends websocket connections too", async () => {
    const other = await startOkxStandin();
    const c = await RawWs.open(other.url.replace("http://", "ws://") + "/ws/v5/public");
    await other.close();
    assert.equal(typeof (await c.closed).code, "number");
    assert.equal(other.ws.connectionCount(), 0);
  });
});
