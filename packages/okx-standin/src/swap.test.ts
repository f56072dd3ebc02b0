import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { formatDecimal, parseSignedDecimal } from "./decimal";
import { DEFAULT_LIVE_CREDENTIAL as LIVE, startOkxStandin } from "./index";
import { balanceOf, row, TestClient, type Resp, type Row } from "./test-support/signing-client";
import type { OkxStandin } from "./types";

function dec(v: unknown): bigint {
  const parsed = parseSignedDecimal(String(v));
  if (parsed === undefined) throw new Error(`not a decimal: ${String(v)}`);
  return parsed;
}

describe("perpetual swaps (net mode)", () => {
  let s: OkxStandin;
  let c: TestClient;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    c = new TestClient(s.url, LIVE);
  });
  beforeEach(() => s.reset());
  after(() => s.close());

  const order = (o: Record<string, unknown>): Promise<Resp> =>
    c.post("/api/v5/trade/order", { instId: "BTC-USDT-SWAP", tdMode: "cross", ...o });
  const positions = async (q = ""): Promise<Row[]> =>
    (await c.get("/api/v5/account/positions" + q)).body?.data ?? [];
  const balance = async (ccy: string): Promise<Row | undefined> =>
    balanceOf(await c.get("/api/v5/account/balance"), ccy);

  it("sets leverage, accepting ccxt's numeric lever, and rejects out-of-range values", async () => {
    const r = await c.post("/api/v5/account/set-leverage", {
      lever: 5,
      mgnMode: "cross",
      instId: "BTC-USDT-SWAP",
    });
    assert.deepEqual(row(r), { lever: "5", mgnMode: "cross", instId: "BTC-USDT-SWAP", posSide: "" });
    const iso = await c.post("/api/v5/account/set-leverage", {
      lever: "20",
      mgnMode: "isolated",
      instId: "ETH-USDT-SWAP",
      posSide: "net",
    });
    assert.equal(row(iso).posSide, "net");
    assert.equal(
      (
        await c.post("/api/v5/account/set-leverage", {
          lever: "101",
          mgnMode: "cross",
          instId: "BTC-USDT-SWAP",
        })
      ).body?.code,
      "59102",
    );
    assert.equal(
      (
        await c.post("/api/v5/account/set-leverage", {
          lever: "0",
          mgnMode: "cross",
          instId: "BTC-USDT-SWAP",
        })
      ).body?.code,
      "51000",
    );
    assert.equal(
      (await c.post("/api/v5/account/set-leverage", { lever: "5", mgnMode: "both", instId: "BTC-USDT-SWAP" }))
        .body?.code,
      "51000",
    );
    assert.equal(
      (await c.post("/api/v5/account/set-leverage", { lever: "5", mgnMode: "cross", instId: "XXX" })).body
        ?.code,
      "51001",
    );
  });

  it("opens a position with margin = notional / leverage, then closes it reduce-only with realized PnL", async () => {
    assert.deepEqual(await positions(), [], "flat accounts list no positions");
    await c.post("/api/v5/account/set-leverage", { lever: "5", mgnMode: "cross", instId: "BTC-USDT-SWAP" });
    const open = await order({ side: "buy", ordType: "market", sz: "10" });
    assert.equal(row(open).sCode, "0", open.text);
    const o = row(await c.get(`/api/v5/trade/order?instId=BTC-USDT-SWAP&ordId=${String(row(open).ordId)}`));
    assert.equal(o.state, "filled");
    assert.equal(o.accFillSz, "10");
    assert.equal(o.avgPx, "60000.1");
    assert.equal(o.lever, "5");
    assert.equal(o.feeCcy, "USDT");

    const [p] = await positions("?instType=SWAP");
    assert.ok(p);
    assert.equal(p.instId, "BTC-USDT-SWAP");
    assert.equal(p.pos, "10");
    assert.equal(p.posSide, "net");
    assert.equal(p.avgPx, "60000.1");
    assert.equal(p.mgnMode, "cross");
    assert.equal(p.lever, "5");
    // 10 contracts × 0.01 BTC × 60000.1 = 6000.01 USDT notional; / 5 = 1200.002 margin.
    assert.equal(p.imr, "1200.002");
    assert.equal(p.margin, "");
    // Marked at last = 60000: (60000 − 60000.1) × 0.1 BTC = −0.01.
    assert.equal(p.upl, "-0.01");
    const usdt = await balance("USDT");
    assert.equal(usdt?.cashBal, "10000");
    assert.equal(usdt?.frozenBal, "1200.002");
    assert.equal(usdt?.availBal, "8799.998");
    assert.equal(usdt?.eq, "9999.99");
    assert.equal(usdt?.upl, "-0.01");

    s.setTicker("BTC-USDT-SWAP", { last: "61000" });
    assert.equal((await positions())[0]?.upl, "99.99");
    const close = await order({ side: "sell", ordType: "market", sz: "10", reduceOnly: true });
    assert.equal(row(close).sCode, "0", close.text);
    const closed = row(
      await c.get(`/api/v5/trade/order?instId=BTC-USDT-SWAP&ordId=${String(row(close).ordId)}`),
    );
    assert.equal(closed.avgPx, "60999.9");
    // (60999.9 − 60000.1) × 0.1 = 99.98
    assert.equal(closed.pnl, "99.98");
    assert.equal(closed.reduceOnly, "true");
    assert.deepEqual(await positions(), []);
    const after = await balance("USDT");
    assert.equal(after?.cashBal, "10099.98");
    assert.equal(after?.availBal, "10099.98");
  });

  it("rejects reduce-only orders that would open or exceed the position", async () => {
    const none = await order({ side: "sell", ordType: "market", sz: "1", reduceOnly: true });
    assert.equal(row(none).sCode, "51169");
    await order({ side: "buy", ordType: "market", sz: "2" });
    const same = await order({ side: "buy", ordType: "market", sz: "1", reduceOnly: "true" });
    assert.equal(row(same).sCode, "51169");
    const tooBig = await order({ side: "sell", ordType: "market", sz: "3", reduceOnly: true });
    assert.equal(row(tooBig).sCode, "51169");
    assert.equal((await positions())[0]?.pos, "2");
  });

  it("flips a long into a short when a plain order exceeds the position", async () => {
    await order({ side: "buy", ordType: "market", sz: "10" });
    await order({ side: "sell", ordType: "market", sz: "15" });
    const [p] = await positions();
    assert.equal(p?.pos, "-5");
    assert.equal(p?.avgPx, "59999.9");
  });

  it("freezes isolated margin for a resting limit order and releases it on cancel", async () => {
    await c.post("/api/v5/account/set-leverage", {
      lever: "20",
      mgnMode: "isolated",
      instId: "ETH-USDT-SWAP",
    });
    const r = await c.post("/api/v5/trade/order", {
      instId: "ETH-USDT-SWAP",
      tdMode: "isolated",
      side: "buy",
      ordType: "limit",
      px: "2900",
      sz: "1",
    });
    // 1 contract × 0.1 ETH × 2900 / 20 = 14.5 USDT
    assert.equal((await balance("USDT"))?.ordFrozen, "14.5");
    await c.post("/api/v5/trade/cancel-order", { instId: "ETH-USDT-SWAP", ordId: row(r).ordId });
    assert.equal((await balance("USDT"))?.ordFrozen, "0");

    const short = await c.post("/api/v5/trade/order", {
      instId: "ETH-USDT-SWAP",
      tdMode: "isolated",
      side: "sell",
      ordType: "market",
      sz: "5",
    });
    assert.equal(row(short).sCode, "0");
    const [p] = await positions("?instId=ETH-USDT-SWAP");
    assert.equal(p?.pos, "-5");
    assert.equal(p?.mgnMode, "isolated");
    assert.equal(p?.margin, "74.99975");
    assert.equal(p?.imr, "");
    assert.equal(p?.lever, "20");
  });

  it("margins the inverse contract in BTC", async () => {
    const r = await c.post("/api/v5/trade/order", {
      instId: "BTC-USD-SWAP",
      tdMode: "cross",
      side: "buy",
      ordType: "market",
      sz: "6",
    });
    assert.equal(row(r).sCode, "0", r.text);
    const [p] = await positions();
    assert.equal(p?.ccy, "BTC");
    assert.equal(p?.notionalUsd, "600");
    const btc = await balance("BTC");
    assert.equal(btc?.frozenBal, p?.imr);
    assert.equal(formatDecimal(dec(btc?.availBal) + dec(btc?.frozenBal)), "1");
    // 6 × 100 USD / 60000.1 / 10 ≈ 0.00099998 BTC
    assert.ok(Math.abs(Number(p?.imr) - 600 / 60000.1 / 10) < 1e-12);
  });

  it("checks contract sizes and margin", async () => {
    assert.equal(row(await order({ side: "buy", ordType: "market", sz: "0.005" })).sCode, "51000");
    assert.equal(row(await order({ side: "buy", ordType: "market", sz: "0.015" })).sCode, "51000");
    assert.equal(row(await order({ side: "buy", ordType: "market", sz: "20000" })).sCode, "51202");
    const poor = await order({ side: "buy", ordType: "limit", px: "60000", sz: "10000" });
    assert.equal(row(poor).sCode, "51008");
    assert.equal(row(poor).sMsg, "Order failed. Insufficient USDT margin in account ");
    assert.equal(
      row(await order({ side: "buy", ordType: "market", sz: "1", tdMode: "cash" })).sCode,
      "51000",
    );
    assert.equal(
      row(await order({ side: "buy", ordType: "market", sz: "1", posSide: "long" })).sCode,
      "51000",
    );
  });

  it("answers account/config in net mode", async () => {
    const cfg = row(await c.get("/api/v5/account/config"));
    assert.equal(cfg.posMode, "net_mode");
    assert.match(String(cfg.uid), /^\d+$/);
  });
});
