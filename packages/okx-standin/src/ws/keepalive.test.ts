import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startOkxStandin } from "../index";
import type { OkxStandin } from "../types";
import { isPush, RawWs } from "./test-client";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("websocket keepalive and the idle cut", () => {
  let s: OkxStandin;
  let pub: string;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false, wsIdleMs: 1000 });
    pub = s.url.replace("http://", "ws://") + "/ws/v5/public";
  });
  after(() => s.close());

  it("answers the text ping with the text pong", async () => {
    const c = await RawWs.open(pub);
    c.send("ping");
    assert.equal(await c.nextText(), "pong");
    await c.close();
  });

  it("closes a quiet connection with 4004 'No data received in 30s' after wsIdleMs", async () => {
    const c = await RawWs.open(pub);
    c.subscribe("tickers", "BTC-USDT");
    await c.next(isPush("tickers", "BTC-USDT"));
    assert.deepEqual(await c.closed, { code: 4004, reason: "No data received in 30s" });
  });

  it("keeps a connection that pings, and one that receives pushes", async () => {
    const pinger = await RawWs.open(pub);
    const listener = await RawWs.open(pub);
    listener.subscribe("trades", "ETH-USDT"); // a trade every 250 ms
    const closed: string[] = [];
    void pinger.closed.then(() => closed.push("pinger"));
    void listener.closed.then(() => closed.push("listener"));
    for (let i = 0; i < 16; i++) {
      pinger.send("ping");
      assert.equal(await pinger.nextText((t) => t === "pong"), "pong");
      await sleep(100);
    }
    assert.deepEqual(closed, []);
    await pinger.close();
    await listener.close();
  });

  it("also closes a connection that never subscribes", async () => {
    const c = await RawWs.open(pub);
    assert.equal((await c.closed).code, 4004);
  });
});
