import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { waitFor } from "@fmz-gateway/testkit";
import { DEFAULT_LIVE_CREDENTIAL as LIVE, startOkxStandin } from "../../index";
import { row, TestClient, type Row } from "../../test-support/signing-client";
import type { OkxStandin } from "../../types";
import { type Frame, isPrivatePush, RawWs } from "../test-client";

const first = (f: Frame): Row => (f.data as Row[])[0] as Row;

describe("/ws/v5/private fault switches, counters and keepalive", () => {
  let s: OkxStandin;
  let rest: TestClient;
  const conns: RawWs[] = [];
  const url = (): string => s.url.replace("http://", "ws://") + "/ws/v5/private";

  async function subscribedOrders(): Promise<RawWs> {
    const c = await RawWs.open(url());
    conns.push(c);
    assert.equal((await c.login(LIVE)).event, "login");
    c.subscribeArg({ channel: "orders", instType: "ANY" });
    await c.next((f) => f.event === "channel-conn-count");
    return c;
  }
  const placeResting = async (): Promise<string> =>
    row(
      await rest.post("/api/v5/trade/order", {
        instId: "BTC-USDT",
        tdMode: "cash",
        side: "buy",
        ordType: "limit",
        px: "1000",
        sz: "0.01",
      }),
    ).ordId as string;

  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false, wsIdleMs: 1000 });
    rest = new TestClient(s.url, LIVE);
  });
  afterEach(async () => {
    await Promise.all(conns.splice(0).map((c) => c.close()));
    s.reset();
  });
  after(() => s.close());

  it("refuseLogins: every login gets the error (60009 by default) until refuseLogins(false); attempts are counted", async () => {
    s.ws.refuseLogins();
    const c = await RawWs.open(url());
    conns.push(c);
    const f = await c.login(LIVE);
    assert.deepEqual([f.event, f.code, f.msg], ["error", "60009", "Login failed."]);
    s.ws.refuseLogins({ code: "60023", msg: "Bulk login requests too frequent" });
    assert.equal((await c.login(LIVE)).code, "60023");
    s.ws.refuseLogins(false);
    assert.equal((await c.login(LIVE)).event, "login");
    assert.equal(s.ws.loginAttempts(LIVE.apiKey), 3);
    assert.equal(s.ws.loginAttempts("someone-else"), 0);
    s.reset();
    assert.equal(s.ws.loginAttempts(), 0);
  });

  it("delayPrivate: pushes are held back (acks are not) and leave in order; 0 ends it", async () => {
    const c = await subscribedOrders();
    const before = s.ws.privatePushes(LIVE.apiKey);
    s.ws.delayPrivate(60_000);
    const a = await placeResting();
    const b = await placeResting();
    // The in-process counter is read after REST answered: with the delay nothing has been pushed yet.
    assert.equal(s.ws.privatePushes(LIVE.apiKey), before);
    c.subscribeArg({ channel: "account" });
    await c.next((f) => f.event === "subscribe");
    s.ws.delayPrivate(0);
    assert.equal(first(await c.next(isPrivatePush("orders"))).ordId, a);
    assert.equal(first(await c.next(isPrivatePush("orders"))).ordId, b);
    assert.equal((await c.next(isPrivatePush("account"))).eventType, "snapshot");
    assert.equal(s.ws.privatePushes(LIVE.apiKey), before + 3);
  });

  it("suppressOrder: that order's orders pushes never come; the account pushes of its changes still do", async () => {
    const c = await subscribedOrders();
    c.subscribeArg({ channel: "account", ccy: "USDT" });
    await c.next(isPrivatePush("account"));
    const a = await placeResting();
    await c.next(isPrivatePush("orders"));
    await c.next(isPrivatePush("account"));
    s.ws.suppressOrder(a);
    await rest.post("/api/v5/trade/cancel-order", { instId: "BTC-USDT", ordId: a });
    const acct = first(await c.next(isPrivatePush("account")));
    assert.equal((acct.details as Row[])[0]?.ordFrozen, "0");
    const b = await placeResting();
    assert.equal(first(await c.next(isPrivatePush("orders"))).ordId, b);
    assert.deepEqual(
      c.pending().filter((t) => t.includes(a) && t.includes('"orders"')),
      [],
    );
  });

  it("privateConnections counts logged-in private connections; dropAll cuts them", async () => {
    const c1 = await subscribedOrders();
    await subscribedOrders();
    assert.equal(s.ws.privateConnections(), 2);
    assert.equal(s.ws.privateConnections(LIVE.apiKey), 2);
    await c1.close();
    await waitFor(() => s.ws.privateConnections() === 1, { what: "one private connection left" });
    s.ws.dropAll();
    await waitFor(() => s.ws.privateConnections() === 0, { what: "no private connection left" });
  });

  it("goSilent: private pushes stop too", async () => {
    const c = await subscribedOrders();
    const before = s.ws.privatePushes();
    s.ws.goSilent(true);
    await placeResting();
    assert.equal(s.ws.privatePushes(), before);
    s.ws.goSilent(false);
    const b = await placeResting();
    assert.equal(first(await c.next(isPrivatePush("orders"))).ordId, b);
    // The push of the order placed while silent never comes (b's came after it would have).
    assert.equal(c.pending().filter((t) => isPrivatePush("orders")(JSON.parse(t) as Frame)).length, 0);
  });

  it("text ping gets pong, the notice reaches private connections, and a quiet one is cut with 4004", async () => {
    const c = await subscribedOrders();
    c.send("ping");
    assert.equal(await c.nextText((t) => t === "pong"), "pong");
    s.ws.notice();
    assert.equal((await c.next((f) => f.event === "notice")).code, "64008");
    assert.deepEqual(await c.closed, { code: 4004, reason: "No data received in 30s" });
  });
});
