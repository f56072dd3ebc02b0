import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startOkxStandin } from "../index";
import type { OkxStandin } from "../types";
import { type Frame, isPush, RawWs } from "./test-client";

type Row = Record<string, unknown>;
const rowOf = (f: Frame) => (f.data as Row[])[0] as Row;

async function rest(s: OkxStandin, path: string): Promise<unknown[]> {
  const r = await fetch(`${s.url}/api/v5/${path}`);
  return ((await r.json()) as { data: unknown[] }).data;
}

describe("websocket tickers, trades and candles", () => {
  let s: OkxStandin;
  let ws: string;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    ws = s.url.replace("http://", "ws://") + "/ws/v5";
  });
  after(() => s.close());

  it("pushes the ticker on every setTicker, equal to GET market/ticker but for ts", async () => {
    const c = await RawWs.open(ws + "/public");
    c.subscribe("tickers", "ETH-USDT-SWAP");
    await c.next(isPush("tickers", "ETH-USDT-SWAP"));
    for (const last of ["3001.5", "2990", "3010.25"]) {
      s.setTicker("ETH-USDT-SWAP", { last });
      const push = rowOf(await c.next(isPush("tickers", "ETH-USDT-SWAP")));
      const restRow = (await rest(s, "market/ticker?instId=ETH-USDT-SWAP"))[0] as Row;
      assert.equal(push.last, last);
      assert.deepEqual({ ...push, ts: "" }, { ...restRow, ts: "" });
    }
    await c.close();
  });

  it("pushes each new trade, the same trade GET market/trades lists", async () => {
    const c = await RawWs.open(ws + "/public");
    c.subscribe("trades", "BTC-USDT");
    const pushes: Row[] = [];
    for (let i = 0; i < 3; i++) pushes.push(rowOf(await c.next(isPush("trades", "BTC-USDT"))));
    const listed = (await rest(s, "market/trades?instId=BTC-USDT&limit=50")) as Row[];
    for (const p of pushes) {
      assert.deepEqual(Object.keys(p), [
        "instId",
        "tradeId",
        "px",
        "sz",
        "side",
        "ts",
        "count",
        "source",
        "seqId",
      ]);
      assert.equal(p.seqId, Number(p.tradeId));
      const same = listed.find((r) => r.tradeId === p.tradeId);
      assert.ok(same !== undefined, `trade ${String(p.tradeId)} is listed by REST`);
      for (const k of ["px", "sz", "side", "ts"]) assert.equal(p[k], same[k]);
    }
    assert.ok(Number(pushes[1]?.tradeId) > Number(pushes[0]?.tradeId));
    await c.close();
  });

  it("serves candles on /business: the open bar on subscribe, equal to GET market/candles", async () => {
    const c = await RawWs.open(ws + "/business");
    c.subscribe("candle1H", "BTC-USDT");
    const ack = await c.next((f) => f.event === "subscribe");
    assert.deepEqual(ack.arg, { channel: "candle1H", instId: "BTC-USDT" });
    const push = await c.next(isPush("candle1H", "BTC-USDT"));
    const [newest] = await rest(s, "market/candles?instId=BTC-USDT&bar=1H&limit=1");
    assert.deepEqual((push.data as unknown[])[0], newest);
    assert.equal((newest as string[])[8], "0");
    await c.close();
  });

  it("at a bar boundary pushes the closed bar with confirm 1, then the new open bar", async () => {
    const c = await RawWs.open(ws + "/business");
    c.subscribe("candle1s", "ETH-USDT");
    const first = (await c.next(isPush("candle1s", "ETH-USDT"))).data as string[][];
    const closed = ((await c.next(isPush("candle1s", "ETH-USDT"))).data as string[][])[0] as string[];
    const open = ((await c.next(isPush("candle1s", "ETH-USDT"))).data as string[][])[0] as string[];
    assert.equal(closed[0], first[0]?.[0]);
    assert.equal(closed[8], "1");
    assert.equal(open[8], "0");
    assert.equal(Number(open[0]), Number(closed[0]) + 1000);
    assert.equal(open[1], closed[4], "the new bar opens at the closed bar's close");
    const hist = (await rest(
      s,
      `market/history-candles?instId=ETH-USDT&bar=1s&after=${Number(open[0]) + 1}&limit=2`,
    )) as string[][];
    assert.deepEqual(hist[1], closed);
    await c.close();
  });

  it("step() and autoMoveMs move the market and push it", async () => {
    const c = await RawWs.open(ws + "/public");
    c.subscribe("tickers", "LTC-USDT");
    const start = rowOf(await c.next(isPush("tickers", "LTC-USDT")));
    s.step("LTC-USDT", -3);
    const moved = rowOf(await c.next(isPush("tickers", "LTC-USDT")));
    assert.equal(start.last, "80");
    assert.equal(moved.last, "79.97");
    await c.close();

    const auto = await startOkxStandin({ enforceRateLimits: false, autoMoveMs: 10 });
    try {
      const a = await RawWs.open(auto.url.replace("http://", "ws://") + "/ws/v5/public");
      a.subscribe("books", "BTC-USDT");
      const snap = await a.next(isPush("books", "BTC-USDT"));
      let seq = ((snap.data as { seqId: number }[])[0] as { seqId: number }).seqId;
      for (let i = 0; i < 5; i++) {
        const up = (await a.next(isPush("books", "BTC-USDT"))).data as { seqId: number; prevSeqId: number }[];
        assert.equal(up[0]?.prevSeqId, seq);
        seq = up[0]?.seqId ?? -1;
      }
      await a.close();
    } finally {
      await auto.close();
    }
  });
});
