import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import {
  DEFAULT_DEMO_CREDENTIAL as DEMO,
  DEFAULT_LIVE_CREDENTIAL as LIVE,
  startOkxStandin,
} from "../../index";
import type { OkxStandin } from "../../types";
import { RawWs } from "../test-client";

describe("/ws/v5/private login", () => {
  let s: OkxStandin;
  let ws: (path: string) => Promise<RawWs>;
  const open: RawWs[] = [];
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    ws = async (path) => {
      const c = await RawWs.open(s.url.replace("http://", "ws://") + path);
      open.push(c);
      return c;
    };
  });
  afterEach(async () => {
    s.setClockOffset(0);
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  after(() => s.close());

  it("answers a good login with OKX's login event, echoing the id", async () => {
    const c = await ws("/ws/v5/private");
    const f = await c.login(LIVE, { id: "L1" });
    assert.deepEqual(Object.keys(f), ["id", "event", "msg", "code", "connId"]);
    assert.equal(f.id, "L1");
    assert.equal(f.event, "login");
    assert.equal(f.code, "0");
    assert.equal(f.msg, "");
    assert.match(f.connId as string, /^[0-9a-f]{8}$/);
    assert.equal(s.ws.privateConnections(LIVE.apiKey), 1);
  });

  it("accepts a JSON-number timestamp (python-okx) and a demo key on the same URL", async () => {
    const c = await ws("/ws/v5/private");
    assert.equal((await c.login(DEMO, { timestamp: Math.floor(Date.now() / 1000) })).event, "login");
    assert.equal(s.ws.privateConnections(DEMO.apiKey), 1);
  });

  const cases: [string, Parameters<RawWs["login"]>[1], string, string][] = [
    ["a non-numeric timestamp", { timestamp: "2024-01-01T00:00:00.000Z" }, "60004", "Invalid timestamp"],
    ["a millisecond timestamp", { timestamp: String(Date.now()) }, "60006", "Timestamp request expired"],
    [
      "an old timestamp",
      { timestamp: String(Math.floor(Date.now() / 1000) - 31) },
      "60006",
      "Timestamp request expired",
    ],
    ["an unknown key", { apiKey: "no-such-key" }, "60005", "Invalid apiKey"],
    ["a wrong passphrase", { passphrase: "nope" }, "60024", "Wrong passphrase"],
    ["a signature made with another secret", { secret: "not-the-secret" }, "60007", "Invalid sign"],
  ];
  for (const [what, opts, code, msg] of cases) {
    it(`refuses ${what} with ${code}`, async () => {
      const c = await ws("/ws/v5/private");
      const f = await c.login(LIVE, { ...opts, id: "x1" });
      assert.deepEqual(
        { id: f.id, event: f.event, code: f.code, msg: f.msg },
        { id: "x1", event: "error", code, msg },
      );
      assert.equal(typeof f.connId, "string");
      assert.equal(s.ws.privateConnections(LIVE.apiKey), 0);
      // Nothing secret comes back.
      assert.doesNotMatch(JSON.stringify(f), new RegExp(LIVE.secret + "|" + LIVE.passphrase));
    });
  }

  it("checks the timestamp against the stand-in's own clock (clockOffsetMs)", async () => {
    s.setClockOffset(60_000);
    const c = await ws("/ws/v5/private");
    assert.equal((await c.login(LIVE)).code, "60006");
    const ahead = await ws("/ws/v5/private");
    const ts = String(Math.floor(s.now() / 1000));
    assert.equal((await ahead.login(LIVE, { timestamp: ts })).event, "login");
  });

  it("refuses a second login on a logged-in connection with 60031", async () => {
    const c = await ws("/ws/v5/private");
    await c.login(LIVE);
    const f = await c.login(LIVE);
    assert.equal(f.code, "60031");
    assert.equal(f.msg, "The WebSocket endpoint does not allow multiple or repeated logins.");
    assert.equal(s.ws.privateConnections(LIVE.apiKey), 1);
  });

  it("answers a subscribe before login with 60011 'Please log in'", async () => {
    const c = await ws("/ws/v5/private");
    c.subscribeArg({ channel: "orders", instType: "ANY" }, "s1");
    const f = await c.next((x) => x.event !== undefined);
    assert.deepEqual(
      { id: f.id, event: f.event, code: f.code, msg: f.msg },
      {
        id: "s1",
        event: "error",
        code: "60011",
        msg: "Please log in",
      },
    );
  });

  it("private channels don't exist on /public or /business, nor public ones on /private (60018)", async () => {
    for (const path of ["/ws/v5/public", "/ws/v5/business"]) {
      const c = await ws(path);
      await c.login(LIVE);
      c.subscribeArg({ channel: "orders", instType: "ANY" });
      const f = await c.next((x) => x.event === "error");
      assert.equal(f.code, "60018");
      assert.equal(
        f.msg,
        "Wrong URL or channel:orders,instType:ANY doesn't exist. " +
          "Please use the correct URL, channel and parameters referring to API document.",
      );
    }
    const p = await ws("/ws/v5/private");
    await p.login(LIVE);
    p.subscribe("tickers", "BTC-USDT");
    assert.equal((await p.next((x) => x.event === "error")).code, "60018");
  });

  it("checks private args: instType required (60013) and from the channel's list (60018)", async () => {
    const c = await ws("/ws/v5/private");
    await c.login(LIVE);
    c.subscribeArg({ channel: "orders" });
    assert.equal((await c.next((x) => x.event === "error")).code, "60013");
    c.subscribeArg({ channel: "positions", instType: "SPOT" });
    assert.equal((await c.next((x) => x.event === "error")).code, "60018");
  });
});
