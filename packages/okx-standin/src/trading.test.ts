import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { DEFAULT_DEMO_CREDENTIAL as DEMO, DEFAULT_LIVE_CREDENTIAL as LIVE, startOkxStandin } from "./index";
import { balanceOf, row, TestClient, type Resp } from "./test-support/signing-client";
import type { OkxStandin } from "./types";

describe("spot trading", () => {
  let s: OkxStandin;
  let c: TestClient;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    c = new TestClient(s.url, LIVE);
  });
  beforeEach(() => s.reset());
  after(() => s.close());

  const place = (o: Record<string, unknown>, client = c): Promise<Resp> =>
    client.post("/api/v5/trade/order", { instId: "BTC-USDT", tdMode: "cash", ...o });
  const balance = async (ccy: string): Promise<Record<string, unknown> | undefined> =>
    balanceOf(await c.get("/api/v5/account/balance"), ccy);

  it("starts every account with the default funding", async () => {
    const r = await c.get("/api/v5/account/balance");
    assert.equal(r.body?.code, "0");
    assert.equal((await balance("USDT"))?.cashBal, "10000");
    assert.equal((await balance("BTC"))?.availBal, "1");
    assert.equal((await balance("ETH"))?.eq, "10");
    assert.equal(await balance("LTC"), undefined, "zero balances are not listed");
    const filtered = await c.get("/api/v5/account/balance?ccy=BTC");
    assert.deepEqual(
      (row(filtered).details as { ccy: string }[]).map((d) => d.ccy),
      ["BTC"],
    );
    assert.equal(row(filtered).totalEq, "60000");
  });

  it("runs a limit order through its life: place → pending → frozen funds → cancel → history", async () => {
    const r = await place({
      side: "buy",
      ordType: "limit",
      px: "50000",
      sz: "0.1",
      clOrdId: "life1",
      tag: "t1",
    });
    assert.equal(r.status, 200);
    assert.equal(r.body?.code, "0");
    assert.equal(r.body?.msg, "");
    assert.match(String(r.body?.inTime), /^\d{16}$/);
    assert.match(String(r.body?.outTime), /^\d{16}$/);
    const item = row(r);
    assert.equal(item.sCode, "0");
    assert.equal(item.clOrdId, "life1");
    assert.equal(item.tag, "t1");
    const ordId = String(item.ordId);
    assert.match(ordId, /^\d{18,19}$/);

    const pending = await c.get("/api/v5/trade/orders-pending?instType=SPOT");
    assert.equal(pending.body?.data.length, 1);
    const p = row(pending);
    assert.equal(p.ordId, ordId);
    assert.equal(p.state, "live");
    assert.equal(p.px, "50000");
    assert.equal(p.sz, "0.1");
    assert.equal(p.accFillSz, "0");
    assert.equal(p.avgPx, "");
    assert.equal(p.fillPx, "");

    const usdt = await balance("USDT");
    assert.equal(usdt?.cashBal, "10000");
    assert.equal(usdt?.frozenBal, "5000");
    assert.equal(usdt?.ordFrozen, "5000");
    assert.equal(usdt?.availBal, "5000");
    assert.equal(usdt?.availEq, "5000");

    const cancel = await c.post("/api/v5/trade/cancel-order", { instId: "BTC-USDT", ordId });
    assert.equal(cancel.body?.code, "0");
    assert.deepEqual(Object.keys(row(cancel)).sort(), ["clOrdId", "ordId", "sCode", "sMsg", "ts"]);
    assert.equal(row(cancel).sCode, "0");
    assert.equal((await balance("USDT"))?.availBal, "10000");
    assert.equal((await c.get("/api/v5/trade/orders-pending")).body?.data.length, 0);

    const hist = await c.get("/api/v5/trade/orders-history?instType=SPOT");
    assert.equal(row(hist).ordId, ordId);
    assert.equal(row(hist).state, "canceled");
    const archive = await c.get("/api/v5/trade/orders-history-archive?instType=SPOT");
    assert.equal(archive.body?.data.length, 0, "canceled without fills is not in the archive");
    const byCl = await c.get("/api/v5/trade/order?instId=BTC-USDT&clOrdId=life1");
    assert.equal(row(byCl).state, "canceled");
    assert.equal(row(byCl).ordId, ordId);

    const again = await c.post("/api/v5/trade/cancel-order", { instId: "BTC-USDT", ordId });
    assert.equal(again.body?.code, "1");
    assert.equal(row(again).sCode, "51400");
  });

  it("fills a market buy in base currency at the ask, leaving exact decimal balances", async () => {
    s.setBalance(LIVE.apiKey, "USDT", "1000");
    s.setTicker("ETH-USDT", { bidPx: "3000", askPx: "3000.01" });
    const r = await place({
      instId: "ETH-USDT",
      side: "buy",
      ordType: "market",
      sz: "0.3",
      tgtCcy: "base_ccy",
    });
    assert.equal(row(r).sCode, "0", r.text);
    // 1000 − 0.3 × 3000.01 = 99.997; with floats this would print 99.99700000000007.
    assert.equal((await balance("USDT"))?.availBal, "99.997");
    assert.equal((await balance("ETH"))?.cashBal, "10.3");
    const o = row(await c.get(`/api/v5/trade/order?instId=ETH-USDT&ordId=${String(row(r).ordId)}`));
    assert.equal(o.state, "filled");
    assert.equal(o.accFillSz, "0.3");
    assert.equal(o.avgPx, "3000.01");
    assert.equal(o.fillPx, "3000.01");
    assert.equal(o.tgtCcy, "base_ccy");
    assert.equal(o.fee, "0");
    assert.equal(o.feeCcy, "ETH");
  });

  it("fills buy 0.3 BTC then sell 0.1 BTC exactly", async () => {
    s.setBalance(LIVE.apiKey, "USDT", "30000.3");
    s.setTicker("BTC-USDT", { bidPx: "60000", askPx: "60000.1" });
    await place({ side: "buy", ordType: "market", sz: "0.3", tgtCcy: "base_ccy" });
    assert.equal((await balance("BTC"))?.cashBal, "1.3");
    assert.equal((await balance("USDT"))?.cashBal, "12000.27");
    await place({ side: "sell", ordType: "market", sz: "0.1" });
    assert.equal((await balance("BTC"))?.cashBal, "1.2");
    assert.equal((await balance("USDT"))?.cashBal, "18000.27");
  });

  it("treats a market buy's sz as quote currency by default (tgtCcy quote_ccy)", async () => {
    const r = await place({ side: "buy", ordType: "market", sz: "100" });
    const o = row(await c.get(`/api/v5/trade/order?instId=BTC-USDT&ordId=${String(row(r).ordId)}`));
    assert.equal(o.tgtCcy, "quote_ccy");
    assert.equal(o.sz, "100");
    // floor(100 / 60000.1 to the lot of 1e-8) = 0.00166666 BTC, costing 0.00166666 × 60000.1 USDT.
    assert.equal(o.accFillSz, "0.00166666");
    assert.equal((await balance("USDT"))?.cashBal, "9900.000233334");
    assert.equal((await balance("BTC"))?.cashBal, "1.00166666");
  });

  it("rejects insufficient balance per order, as OKX does (HTTP 200, code 1, sCode 51008)", async () => {
    const r = await place({ side: "buy", ordType: "limit", px: "60000", sz: "1", clOrdId: "poor1" });
    assert.equal(r.status, 200);
    assert.equal(r.body?.code, "1");
    assert.equal(r.body?.msg, "All operations failed");
    const item = row(r);
    assert.equal(item.sCode, "51008");
    assert.equal(item.sMsg, "Order failed. Insufficient USDT balance in account ");
    assert.equal(item.ordId, "");
    assert.equal(item.clOrdId, "poor1");
    const sell = await place({ side: "sell", ordType: "market", sz: "2" });
    assert.equal(row(sell).sCode, "51008");
    assert.match(String(row(sell).sMsg), /Insufficient BTC balance/);
    assert.equal(s.orders().length, 0, "rejected orders are not held");
  });

  it("rejects sizes and prices a client failed to round", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ordType: "limit", px: "50000", sz: "0.000000001" }, "51000", "Parameter sz error "],
      [{ ordType: "limit", px: "50000", sz: "1e-5" }, "51000", "Parameter sz error "],
      [{ ordType: "limit", px: "50000", sz: "0.30000000000000004" }, "51000", "Parameter sz error "],
      [{ ordType: "limit", px: "50000", sz: "-1" }, "51000", "Parameter sz error "],
      [{ ordType: "limit", px: "50000.05", sz: "0.01" }, "51000", "Parameter px error "],
      [{ ordType: "limit", px: "5e4", sz: "0.01" }, "51000", "Parameter px error "],
      [{ ordType: "limit", sz: "0.01" }, "51000", "Parameter px error "],
      [
        { ordType: "limit", px: "50000", sz: "0.000009" },
        "51020",
        "Your order should meet or exceed the minimum order amount. ",
      ],
      [{ ordType: "stop", px: "50000", sz: "0.01" }, "51000", "Parameter ordType error "],
      [{ ordType: "limit", px: "50000", sz: "0.01", tdMode: "cross" }, "51000", "Parameter tdMode error "],
      [
        { ordType: "limit", px: "50000", sz: "0.01", instId: "DOGE-USDT" },
        "51001",
        "Instrument ID or Spread ID doesn't exist. ",
      ],
      [
        { ordType: "limit", px: "50000", sz: "0.01", clOrdId: "bad-id!" },
        "51000",
        "Parameter clOrdId error ",
      ],
      [
        { ordType: "limit", px: "50000", sz: "0.01", clOrdId: "x".repeat(33) },
        "51000",
        "Parameter clOrdId error ",
      ],
      [{ ordType: "limit", px: "50000", sz: "0.01", tag: "t".repeat(17) }, "51000", "Parameter tag error "],
    ];
    for (const [o, code, msg] of cases) {
      const r = await place({ side: "buy", ...o });
      assert.equal(r.body?.code, "1", JSON.stringify(o));
      assert.equal(row(r).sCode, code, JSON.stringify(o));
      assert.equal(row(r).sMsg, msg, JSON.stringify(o));
    }
    const missing = await c.post("/api/v5/trade/order", {
      instId: "BTC-USDT",
      side: "buy",
      ordType: "limit",
      px: "1",
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body?.code, "50014");
    const empty = await c.post("/api/v5/trade/order", "");
    assert.equal(empty.body?.code, "50000");
    const bad = await c.post("/api/v5/trade/order", "{not json");
    assert.equal(bad.body?.code, "50002");
  });

  it("enforces unique clOrdIds among live orders (51016), and allows reuse once done", async () => {
    const first = await place({ side: "buy", ordType: "limit", px: "50000", sz: "0.01", clOrdId: "dup1" });
    assert.equal(row(first).sCode, "0");
    const second = await place({ side: "buy", ordType: "limit", px: "50000", sz: "0.01", clOrdId: "dup1" });
    assert.equal(row(second).sCode, "51016");
    assert.equal(row(second).sMsg, "Client order ID already exists. ");
    await c.post("/api/v5/trade/cancel-order", { instId: "BTC-USDT", clOrdId: "dup1" });
    const third = await place({ side: "buy", ordType: "limit", px: "50000", sz: "0.01", clOrdId: "dup1" });
    assert.equal(row(third).sCode, "0");
    const latest = await c.get("/api/v5/trade/order?instId=BTC-USDT&clOrdId=dup1");
    assert.equal(row(latest).ordId, row(third).ordId, "clOrdId lookups return the latest order");
  });

  it("serves ccxt's createOrder path: batch-orders with a one-element array", async () => {
    const r = await c.post("/api/v5/trade/batch-orders", [
      {
        instId: "BTC-USDT",
        side: "buy",
        ordType: "limit",
        sz: "0.01",
        px: "50000",
        tdMode: "cash",
        tgtCcy: "base_ccy",
        clOrdId: "e847386590ce4dBCc7f2a1b4c4509f82",
        tag: "e847386590ce4dBC",
      },
    ]);
    assert.equal(r.body?.code, "0", r.text);
    assert.equal(row(r).sMsg, "Order placed");
    assert.equal(row(r).clOrdId, "e847386590ce4dBCc7f2a1b4c4509f82");
    assert.equal(s.orders().length, 1);
    assert.equal(s.orders()[0]?.apiKey, LIVE.apiKey);
  });

  it("reports a partially failed batch with code 2, and duplicate clOrdIds inside one batch", async () => {
    const ok = { instId: "BTC-USDT", tdMode: "cash", side: "buy", ordType: "limit", px: "50000", sz: "0.01" };
    const r = await c.post("/api/v5/trade/batch-orders", [
      { ...ok, clOrdId: "b1" },
      { ...ok, clOrdId: "b1" },
      { ...ok, sz: "100", clOrdId: "b2" },
    ]);
    assert.equal(r.body?.code, "2");
    assert.equal(r.body?.msg, "Bulk operation partially succeeded.");
    assert.deepEqual(
      r.body?.data.map((d) => d.sCode),
      ["0", "51016", "51008"],
    );
    const tooMany = await c.post(
      "/api/v5/trade/batch-orders",
      Array.from({ length: 21 }, () => ok),
    );
    assert.equal(tooMany.body?.code, "51111");
    const cancel = await c.post("/api/v5/trade/cancel-batch-orders", [
      { instId: "BTC-USDT", clOrdId: "b1" },
      { instId: "BTC-USDT", ordId: "1" },
    ]);
    assert.equal(cancel.body?.code, "2");
    assert.deepEqual(
      cancel.body?.data.map((d) => d.sCode),
      ["0", "51400"],
    );
  });

  it("GET trade/order for an unknown order is 51603; ids must match the instrument", async () => {
    const r = await c.get("/api/v5/trade/order?instId=BTC-USDT&ordId=123");
    assert.equal(r.status, 200);
    assert.equal(r.body?.code, "51603");
    assert.equal(r.body?.msg, "Order does not exist.");
    const placed = await place({ side: "buy", ordType: "limit", px: "50000", sz: "0.01" });
    const wrongInst = await c.get(`/api/v5/trade/order?instId=ETH-USDT&ordId=${String(row(placed).ordId)}`);
    assert.equal(wrongInst.body?.code, "51603");
    const noId = await c.get("/api/v5/trade/order?instId=BTC-USDT");
    assert.equal(noId.body?.code, "51003");
  });

  it("fills a resting order when setTicker moves the market through it, at its limit price", async () => {
    const r = await place({ side: "buy", ordType: "limit", px: "55000", sz: "0.1" });
    const ordId = String(row(r).ordId);
    s.setTicker("BTC-USDT", { last: "54000" });
    const o = row(await c.get(`/api/v5/trade/order?instId=BTC-USDT&ordId=${ordId}`));
    assert.equal(o.state, "filled");
    assert.equal(o.avgPx, "55000");
    assert.equal((await balance("USDT"))?.cashBal, "4500");
    assert.equal((await balance("USDT"))?.frozenBal, "0");
    assert.equal((await balance("BTC"))?.cashBal, "1.1");
    const archive = await c.get("/api/v5/trade/orders-history-archive?instType=SPOT&state=filled");
    assert.equal(row(archive).ordId, ordId);
  });

  it("fills a marketable limit order at once; cancels crossing post_only and unfillable ioc/fok", async () => {
    const taker = await place({ side: "sell", ordType: "limit", px: "59000", sz: "0.1" });
    const t = row(await c.get(`/api/v5/trade/order?instId=BTC-USDT&ordId=${String(row(taker).ordId)}`));
    assert.equal(t.state, "filled");
    assert.equal(t.avgPx, "59000");
    for (const [ordType, px] of [
      ["post_only", "60000.1"],
      ["ioc", "59000"],
      ["fok", "59000"],
    ] as const) {
      const r = await place({ side: "buy", ordType, px, sz: "0.01" });
      assert.equal(row(r).sCode, "0");
      const o = row(await c.get(`/api/v5/trade/order?instId=BTC-USDT&ordId=${String(row(r).ordId)}`));
      assert.equal(o.state, "canceled", ordType);
      assert.equal(o.accFillSz, "0");
    }
    assert.equal((await balance("USDT"))?.frozenBal, "0");
  });

  it("pages pending orders by ordId: newest first, after = older, before = newer", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await place({ side: "buy", ordType: "limit", px: String(50000 + i), sz: "0.01" });
      ids.push(String(row(r).ordId));
    }
    const all = await c.get("/api/v5/trade/orders-pending?instId=BTC-USDT");
    assert.deepEqual(
      all.body?.data.map((d) => d.ordId),
      [...ids].reverse(),
    );
    const page1 = await c.get("/api/v5/trade/orders-pending?limit=2");
    assert.deepEqual(
      page1.body?.data.map((d) => d.ordId),
      [ids[4], ids[3]],
    );
    const page2 = await c.get(`/api/v5/trade/orders-pending?limit=2&after=${ids[3]}`);
    assert.deepEqual(
      page2.body?.data.map((d) => d.ordId),
      [ids[2], ids[1]],
    );
    const newer = await c.get(`/api/v5/trade/orders-pending?before=${ids[2]}`);
    assert.deepEqual(
      newer.body?.data.map((d) => d.ordId),
      [ids[4], ids[3]],
    );
    const swaps = await c.get("/api/v5/trade/orders-pending?instType=SWAP");
    assert.equal(swaps.body?.data.length, 0);
    const hist = await c.get("/api/v5/trade/orders-history");
    assert.equal(hist.body?.code, "50014", "instType is required");
  });

  it("keeps demo and live accounts apart", async () => {
    const demo = c.with(DEMO);
    await place({ side: "buy", ordType: "limit", px: "50000", sz: "0.01" }, demo);
    assert.equal((await c.get("/api/v5/trade/orders-pending")).body?.data.length, 0);
    assert.equal((await demo.get("/api/v5/trade/orders-pending")).body?.data.length, 1);
    assert.equal(s.orders()[0]?.demo, true);
    s.setBalance(DEMO.apiKey, "USDT", "1");
    assert.equal((await balance("USDT"))?.cashBal, "10000");
    assert.throws(() => s.setBalance("nope", "USDT", "1"), /unknown apiKey/);
  });
});
