// The private channels against the REST answers of the same moment: every push is compared field by field
// with GET /account/balance, /account/positions and /trade/order right after the change it reports.

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  DEFAULT_DEMO_CREDENTIAL as DEMO,
  DEFAULT_LIVE_CREDENTIAL as LIVE,
  startOkxStandin,
} from "../../index";
import { row, TestClient, type Row } from "../../test-support/signing-client";
import type { OkxStandin, StandinCredential } from "../../types";
import { type Frame, isPrivatePush, RawWs } from "../test-client";

// Fields of an `orders` row that describe the update itself, not the order (REST shows the last fill).
const PER_UPDATE = ["fillPx", "fillSz", "tradeId", "fillTime"];

const first = (f: Frame): Row => (f.data as Row[])[0] as Row;

describe("/ws/v5/private channels", () => {
  let s: OkxStandin;
  let rest: TestClient;
  let conns: RawWs[] = [];

  async function privateWs(cred: StandinCredential = LIVE): Promise<RawWs> {
    const c = await RawWs.open(s.url.replace("http://", "ws://") + "/ws/v5/private");
    conns.push(c);
    assert.equal((await c.login(cred)).event, "login");
    return c;
  }

  /** Subscribes and returns the push that follows the ack and the channel-conn-count event (if any). */
  async function subscribed(c: RawWs, arg: Record<string, string>): Promise<Frame | undefined> {
    c.subscribeArg(arg, "sub1");
    const ack = await c.next((f) => f.event === "subscribe");
    assert.deepEqual(ack.arg, arg);
    assert.equal(ack.id, "sub1");
    const count = await c.next((f) => f.event === "channel-conn-count");
    assert.equal(count.channel, arg.channel);
    assert.match(count.connCount as string, /^[1-9]\d*$/);
    if (arg.channel === "orders") return undefined;
    return c.next(isPrivatePush(arg.channel as string));
  }

  const place = async (o: Row, client = rest): Promise<string> => {
    const r = await client.post("/api/v5/trade/order", o);
    assert.equal(row(r).sCode, "0", r.text);
    return row(r).ordId as string;
  };
  const restOrder = async (instId: string, ordId: string, client = rest): Promise<Row> =>
    row(await client.get(`/api/v5/trade/order?instId=${instId}&ordId=${ordId}`));
  const restBalance = async (client = rest): Promise<Row> => row(await client.get("/api/v5/account/balance"));
  const restPositions = async (): Promise<Row[]> =>
    (await rest.get("/api/v5/account/positions")).body?.data as Row[];

  /** The push's order row equals REST's order for every REST field (the per-update ones only on a fill). */
  async function assertOrderMatchesRest(push: Row, fill: boolean): Promise<void> {
    const r = await restOrder(push.instId as string, push.ordId as string);
    for (const [k, v] of Object.entries(r)) {
      if (!fill && PER_UPDATE.includes(k)) continue;
      assert.deepEqual(push[k], v, `orders push field ${k}`);
    }
  }

  /** Every detail the account push carries equals REST's row for that currency; totalEq and uTime too. */
  async function assertAccountMatchesRest(push: Row): Promise<void> {
    const r = await restBalance();
    assert.equal(push.totalEq, r.totalEq);
    assert.equal(push.uTime, r.uTime);
    const restRows = r.details as Row[];
    for (const d of push.details as Row[]) {
      const want = restRows.find((x) => x.ccy === d.ccy);
      assert.ok(want !== undefined, `REST has no ${String(d.ccy)}`);
      assert.deepEqual(d, want);
    }
  }

  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    rest = new TestClient(s.url, LIVE);
  });
  beforeEach(async () => {
    await Promise.all(conns.map((c) => c.close()));
    conns = [];
    s.reset();
    s.setTicker("BTC-USDT", { last: "50000" });
    s.setTicker("BTC-USDT-SWAP", { last: "50000" });
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await s.close();
  });

  it("account: a snapshot equal to GET /account/balance on subscribe", async () => {
    const c = await privateWs();
    const f = (await subscribed(c, { channel: "account" })) as Frame;
    assert.deepEqual(Object.keys(f), ["arg", "eventType", "curPage", "lastPage", "data"]);
    assert.deepEqual(f.arg, { channel: "account", uid: row(await rest.get("/api/v5/account/config")).uid });
    assert.equal(f.eventType, "snapshot");
    assert.equal(f.curPage, 1);
    assert.equal(f.lastPage, true);
    assert.deepEqual(first(f), await restBalance());
  });

  it("positions: an empty snapshot when flat; balance_and_position: cash balances, no positions", async () => {
    const c = await privateWs();
    const p = (await subscribed(c, { channel: "positions", instType: "ANY" })) as Frame;
    assert.equal(p.eventType, "snapshot");
    assert.deepEqual(p.data, []);
    const bp = first((await subscribed(c, { channel: "balance_and_position" })) as Frame);
    assert.equal(bp.eventType, "snapshot");
    assert.deepEqual((bp.balData as Row[]).map((b) => [b.ccy, b.cashBal]).sort(), [
      ["BTC", "1"],
      ["ETH", "10"],
      ["USDT", "10000"],
    ]);
    assert.deepEqual(bp.posData, []);
  });

  it("placement, cancel and a fill by setTicker: orders and account pushes equal REST after each", async () => {
    const c = await privateWs();
    await subscribed(c, { channel: "orders", instType: "SPOT" });
    await subscribed(c, { channel: "account" });
    const ordId = await place({
      instId: "BTC-USDT",
      tdMode: "cash",
      side: "buy",
      ordType: "limit",
      px: "49000",
      sz: "0.01",
    });
    const live = first(await c.next(isPrivatePush("orders")));
    assert.equal(live.ordId, ordId);
    assert.equal(live.state, "live");
    assert.equal(live.execType, "");
    assert.equal(live.code, "0");
    await assertOrderMatchesRest(live, false);
    const frozen = await c.next(isPrivatePush("account"));
    assert.equal(frozen.eventType, "event_update");
    assert.deepEqual(Object.keys(frozen), ["arg", "eventType", "data"]);
    // Only the currency that changed: USDT, now with 490 frozen by the order.
    assert.deepEqual(
      (first(frozen).details as Row[]).map((d) => [d.ccy, d.ordFrozen]),
      [["USDT", "490"]],
    );
    await assertAccountMatchesRest(first(frozen));

    await rest.post("/api/v5/trade/cancel-order", { instId: "BTC-USDT", ordId });
    const canceled = first(await c.next(isPrivatePush("orders")));
    assert.equal(canceled.state, "canceled");
    assert.equal(canceled.cancelSource, "1");
    await assertOrderMatchesRest(canceled, false);
    const released = first(await c.next(isPrivatePush("account")));
    assert.deepEqual(
      (released.details as Row[]).map((d) => [d.ccy, d.ordFrozen]),
      [["USDT", "0"]],
    );
    await assertAccountMatchesRest(released);

    const resting = await place({
      instId: "BTC-USDT",
      tdMode: "cash",
      side: "buy",
      ordType: "limit",
      px: "49000",
      sz: "0.01",
    });
    await c.next(isPrivatePush("orders", (o) => o.ordId === resting));
    await c.next(isPrivatePush("account"));
    s.setTicker("BTC-USDT", { last: "48000" });
    const filled = first(await c.next(isPrivatePush("orders")));
    assert.deepEqual(
      [filled.ordId, filled.state, filled.fillPx, filled.fillSz, filled.execType, filled.accFillSz],
      [resting, "filled", "49000", "0.01", "M", "0.01"],
    );
    assert.notEqual(filled.tradeId, "");
    await assertOrderMatchesRest(filled, true);
    const settled = first(await c.next(isPrivatePush("account")));
    assert.deepEqual((settled.details as Row[]).map((d) => d.ccy).sort(), ["BTC", "USDT"]);
    await assertAccountMatchesRest(settled);
  });

  it("an order that takes at once: a live push, then a filled one with execType T", async () => {
    const c = await privateWs();
    await subscribed(c, { channel: "orders", instType: "ANY" });
    const ordId = await place({
      instId: "BTC-USDT",
      tdMode: "cash",
      side: "sell",
      ordType: "market",
      sz: "0.01",
    });
    const a = first(await c.next(isPrivatePush("orders")));
    const b = first(await c.next(isPrivatePush("orders")));
    assert.deepEqual([a.ordId, a.state, b.ordId, b.state, b.execType], [ordId, "live", ordId, "filled", "T"]);
    await assertOrderMatchesRest(b, true);
  });

  it("fillOrder: a partial fill pushes partially_filled, then the rest filled; bad calls throw", async () => {
    const c = await privateWs();
    await subscribed(c, { channel: "orders", instType: "SPOT", instId: "BTC-USDT" });
    await subscribed(c, { channel: "account", ccy: "USDT" });
    const ordId = await place({
      instId: "BTC-USDT",
      tdMode: "cash",
      side: "buy",
      ordType: "limit",
      px: "49000",
      sz: "0.03",
    });
    await c.next(isPrivatePush("orders"));
    await c.next(isPrivatePush("account"));
    s.fillOrder(ordId, "0.01");
    const part = first(await c.next(isPrivatePush("orders")));
    assert.deepEqual(
      [part.state, part.fillSz, part.accFillSz, part.fillPx, part.execType],
      ["partially_filled", "0.01", "0.01", "49000", "M"],
    );
    await assertOrderMatchesRest(part, true);
    const acct = first(await c.next(isPrivatePush("account")));
    assert.deepEqual(
      (acct.details as Row[]).map((d) => [d.ccy, d.cashBal, d.ordFrozen]),
      [["USDT", "9510", "980"]],
    );
    await assertAccountMatchesRest(acct);
    assert.throws(() => s.fillOrder(ordId, "0.05"), /fillOrder/);
    assert.throws(() => s.fillOrder(ordId, "0.000000001"), /fillOrder/);
    assert.throws(() => s.fillOrder("123", "0.01"), /unknown order/);
    s.fillOrder(ordId, "0.02");
    const done = first(await c.next(isPrivatePush("orders")));
    assert.deepEqual([done.state, done.fillSz, done.accFillSz], ["filled", "0.02", "0.03"]);
    await assertOrderMatchesRest(done, true);
    await assertAccountMatchesRest(first(await c.next(isPrivatePush("account"))));
    assert.throws(() => s.fillOrder(ordId, "0.01"), /not a live limit order/);
  });

  it("setBalance: an account push of that currency and a 'transferred' balance_and_position; zero is sent as zero", async () => {
    const c = await privateWs();
    await subscribed(c, { channel: "account" });
    await subscribed(c, { channel: "balance_and_position" });
    s.setBalance(LIVE.apiKey, "ETH", "12.5");
    const eth = first(await c.next(isPrivatePush("account")));
    assert.deepEqual(
      (eth.details as Row[]).map((d) => [d.ccy, d.cashBal]),
      [["ETH", "12.5"]],
    );
    await assertAccountMatchesRest(eth);
    const bp = first(await c.next(isPrivatePush("balance_and_position")));
    assert.equal(bp.eventType, "transferred");
    assert.deepEqual(
      (bp.balData as Row[]).map((b) => [b.ccy, b.cashBal]),
      [["ETH", "12.5"]],
    );
    s.setBalance(LIVE.apiKey, "ETH", "0");
    const gone = (first(await c.next(isPrivatePush("account"))).details as Row[])[0] as Row;
    assert.deepEqual([gone.ccy, gone.cashBal, gone.eq, gone.availBal], ["ETH", "0", "0", "0"]);
    assert.equal(
      ((await restBalance()).details as Row[]).find((d) => d.ccy === "ETH"),
      undefined,
    );
  });

  it("positions: a fill, set-leverage and the close (pos '0') each pushed, equal to REST", async () => {
    const c = await privateWs();
    await subscribed(c, { channel: "positions", instType: "SWAP" });
    await subscribed(c, { channel: "balance_and_position" });
    await place({ instId: "BTC-USDT-SWAP", tdMode: "cross", side: "buy", ordType: "market", sz: "2" });
    const opened = await c.next(isPrivatePush("positions"));
    assert.equal(opened.eventType, "event_update");
    const pos = first(opened);
    assert.deepEqual(pos, (await restPositions())[0]);
    const bpFill = first(await c.next(isPrivatePush("balance_and_position")));
    assert.equal(bpFill.eventType, "filled");
    assert.deepEqual(
      (bpFill.posData as Row[]).map((p) => [p.posId, p.pos]),
      [[pos.posId, "2"]],
    );
    assert.equal((bpFill.trades as Row[])[0]?.tradeId, pos.tradeId);

    await rest.post("/api/v5/account/set-leverage", {
      instId: "BTC-USDT-SWAP",
      lever: "5",
      mgnMode: "cross",
    });
    const lev = first(await c.next(isPrivatePush("positions")));
    assert.equal(lev.lever, "5");
    assert.deepEqual(lev, (await restPositions())[0]);

    await place({ instId: "BTC-USDT-SWAP", tdMode: "cross", side: "sell", ordType: "market", sz: "2" });
    const closed = first(await c.next(isPrivatePush("positions")));
    assert.deepEqual(
      [closed.pos, closed.posId, closed.instId, closed.posSide, closed.mgnMode],
      ["0", pos.posId, "BTC-USDT-SWAP", "net", "cross"],
    );
    const closeOrder = (await rest.get("/api/v5/trade/orders-history?instType=SWAP")).body?.data[0] as Row;
    assert.equal(closed.uTime, closeOrder.uTime);
    assert.deepEqual(await restPositions(), []);
    // A new subscription's snapshot no longer has it.
    const again = await subscribed(c, { channel: "positions", instType: "ANY" });
    assert.deepEqual(again?.data, []);
  });

  it("two keys never see each other's pushes; orders filters by instType", async () => {
    const live = await privateWs(LIVE);
    const demo = await privateWs(DEMO);
    const swapsOnly = await privateWs(LIVE);
    await subscribed(live, { channel: "orders", instType: "ANY" });
    await subscribed(demo, { channel: "orders", instType: "ANY" });
    await subscribed(swapsOnly, { channel: "orders", instType: "SWAP" });
    const demoRest = new TestClient(s.url, DEMO);
    const liveSpot = await place({
      instId: "BTC-USDT",
      tdMode: "cash",
      side: "buy",
      ordType: "limit",
      px: "40000",
      sz: "0.01",
    });
    const demoSpot = await place(
      { instId: "BTC-USDT", tdMode: "cash", side: "buy", ordType: "limit", px: "40000", sz: "0.01" },
      demoRest,
    );
    const liveSwap = await place({
      instId: "BTC-USDT-SWAP",
      tdMode: "cross",
      side: "buy",
      ordType: "limit",
      px: "40000",
      sz: "1",
    });
    // Each connection's pushes, in order, are exactly its own (the later order proves the earlier ones
    // had their chance to arrive).
    const livePush = await live.next(isPrivatePush("orders"));
    assert.equal(first(livePush).ordId, liveSpot);
    assert.equal((livePush.arg as Row).uid, row(await rest.get("/api/v5/account/config")).uid);
    assert.equal(first(await live.next(isPrivatePush("orders"))).ordId, liveSwap);
    const demoPush = await demo.next(isPrivatePush("orders"));
    assert.equal(first(demoPush).ordId, demoSpot);
    assert.equal((demoPush.arg as Row).uid, row(await demoRest.get("/api/v5/account/config")).uid);
    assert.notEqual((demoPush.arg as Row).uid, (livePush.arg as Row).uid);
    assert.equal(first(await swapsOnly.next(isPrivatePush("orders"))).ordId, liveSwap);
    const demoSwap = await place(
      { instId: "BTC-USDT-SWAP", tdMode: "cross", side: "buy", ordType: "limit", px: "40000", sz: "1" },
      demoRest,
    );
    assert.equal(first(await demo.next(isPrivatePush("orders"))).ordId, demoSwap);
    assert.deepEqual(
      demo.pending().filter((t) => t.includes(liveSpot) || t.includes(liveSwap)),
      [],
    );
    assert.deepEqual(
      swapsOnly.pending().filter((t) => t.includes('"orders"')),
      [],
    );
  });
});
