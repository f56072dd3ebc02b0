import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { waitFor } from "@fmz-gateway/testkit";
import { startOkxStandin } from "../index";
import type { OkxStandin } from "../types";
import { isPush, RawWs } from "./test-client";

describe("websocket subscribe / unsubscribe and error events", () => {
  let s: OkxStandin;
  let pub: string;
  let biz: string;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    pub = s.url.replace("http://", "ws://") + "/ws/v5/public";
    biz = s.url.replace("http://", "ws://") + "/ws/v5/business";
  });
  after(() => s.close());

  it("acks a subscribe as OKX does, echoing the id, then pushes the current ticker", async () => {
    const c = await RawWs.open(pub);
    c.subscribe("tickers", "BTC-USDT", "1512");
    const ack = await c.next((f) => f.event !== undefined);
    assert.deepEqual(Object.keys(ack), ["id", "event", "arg", "connId"]);
    assert.equal(ack.id, "1512");
    assert.equal(ack.event, "subscribe");
    assert.deepEqual(ack.arg, { channel: "tickers", instId: "BTC-USDT" });
    assert.match(String(ack.connId), /^[0-9a-f]{8}$/);
    const push = await c.next(isPush("tickers", "BTC-USDT"));
    assert.equal((push.data as { last: string }[])[0]?.last, "60000");
    assert.deepEqual(s.ws.subscriptions(), [{ channel: "tickers", instId: "BTC-USDT", connections: 1 }]);
    assert.equal(s.ws.connectionCount(), 1);

    c.send({ op: "unsubscribe", args: [{ channel: "tickers", instId: "BTC-USDT" }] });
    const unack = await c.next((f) => f.event === "unsubscribe");
    assert.deepEqual(Object.keys(unack), ["event", "arg", "connId"]);
    assert.equal(unack.connId, ack.connId);
    assert.deepEqual(s.ws.subscriptions(), []);
    s.setTicker("BTC-USDT", { last: "60001" });
    c.send("ping");
    // The pong arrives and nothing for the dropped subscription came before it.
    assert.equal(await c.nextText(), "pong");
    await c.close();
  });

  it("answers one ack per arg and counts connections per subscription", async () => {
    const a = await RawWs.open(pub);
    const b = await RawWs.open(pub + "?brokerId=9999"); // the demo variant's query is accepted
    for (const c of [a, b]) {
      c.send({
        op: "subscribe",
        args: [
          { channel: "tickers", instId: "ETH-USDT" },
          { channel: "trades", instId: "ETH-USDT" },
        ],
      });
      await c.next((f) => f.event === "subscribe" && (f.arg as { channel: string }).channel === "tickers");
      await c.next((f) => f.event === "subscribe" && (f.arg as { channel: string }).channel === "trades");
    }
    const subs = s.ws.subscriptions().sort((x, y) => x.channel.localeCompare(y.channel));
    assert.deepEqual(subs, [
      { channel: "tickers", instId: "ETH-USDT", connections: 2 },
      { channel: "trades", instId: "ETH-USDT", connections: 2 },
    ]);
    await a.close();
    await b.close();
    await waitFor(() => s.ws.connectionCount() === 0, { what: "both connections gone at the stand-in" });
    assert.deepEqual(s.ws.subscriptions(), []);
  });

  it("sends OKX's error events for a bad channel, instrument, path, op or request", async () => {
    const c = await RawWs.open(pub);
    const err = async (req: unknown) => {
      c.send(req);
      return c.next((f) => f.event === "error");
    };
    const unknownChannel = await err({
      id: "7",
      op: "subscribe",
      args: [{ channel: "tickerz", instId: "BTC-USDT" }],
    });
    assert.deepEqual(Object.keys(unknownChannel), ["id", "event", "code", "msg", "connId"]);
    assert.equal(unknownChannel.code, "60018");
    assert.equal(
      unknownChannel.msg,
      "Wrong URL or channel:tickerz,instId:BTC-USDT doesn't exist. Please use the correct URL, channel and parameters referring to API document.",
    );
    const unknownInst = await err({ op: "subscribe", args: [{ channel: "books", instId: "DOGE-USDT" }] });
    assert.equal(unknownInst.code, "60018");
    assert.equal(unknownInst.id, undefined);
    assert.match(String(unknownInst.msg), /channel:books,instId:DOGE-USDT doesn't exist/);
    // Candles live on /business; on /public OKX answers 60018.
    const candleOnPublic = await err({
      op: "subscribe",
      args: [{ channel: "candle1m", instId: "BTC-USDT" }],
    });
    assert.equal(candleOnPublic.code, "60018");
    const bad = await err("{not json");
    assert.equal(bad.code, "60012");
    assert.equal(bad.msg, "Illegal request: {not json");
    const noArgs = await err({ op: "subscribe" });
    assert.equal(noArgs.code, "60012");
    const badOp = await err({ op: "launch", args: [{ channel: "tickers", instId: "BTC-USDT" }] });
    assert.equal(badOp.code, "60019");
    assert.equal(badOp.msg, "Invalid op: launch");
    assert.deepEqual(s.ws.subscriptions(), []);
    await c.close();

    const b = await RawWs.open(biz);
    b.subscribe("tickers", "BTC-USDT");
    const onBusiness = await b.next((f) => f.event === "error");
    assert.equal(onBusiness.code, "64002");
    await b.close();
  });

  it("refuses an unknown websocket path with HTTP 404", async () => {
    await assert.rejects(RawWs.open(s.url.replace("http://", "ws://") + "/ws/v5/privat"), /404/);
  });

  it("counts frames in both directions", async () => {
    const sent = s.ws.messagesSent();
    const received = s.ws.messagesReceived();
    const c = await RawWs.open(pub);
    c.send("ping");
    await c.nextText((t) => t === "pong");
    assert.equal(s.ws.messagesSent(), sent + 1);
    assert.equal(s.ws.messagesReceived(), received + 1);
    await c.close();
  });
});
