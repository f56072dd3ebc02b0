import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startOkxStandin } from "./index";
import { row, TestClient } from "./test-support/signing-client";
import type { OkxStandin } from "./types";

describe("public market data", () => {
  let s: OkxStandin;
  let c: TestClient;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    c = new TestClient(s.url);
  });
  after(() => s.close());

  it("GET public/time returns the server time in ms as a string", async () => {
    const before = Date.now();
    const r = await c.get("/api/v5/public/time");
    assert.equal(r.body?.code, "0");
    assert.equal(r.body?.msg, "");
    const ts = row(r).ts;
    assert.equal(typeof ts, "string");
    assert.ok(Number(ts) >= before && Number(ts) <= Date.now());
  });

  it("lists SPOT and SWAP instruments with contract specs", async () => {
    const spot = await c.get("/api/v5/public/instruments?instType=SPOT");
    const ids = spot.body?.data.map((d) => d.instId);
    assert.deepEqual(ids, ["BTC-USDT", "ETH-USDT", "LTC-USDT"]);
    const btc = row(spot);
    assert.equal(btc.tickSz, "0.1");
    assert.equal(btc.lotSz, "0.00000001");
    assert.equal(btc.minSz, "0.00001");
    assert.equal(btc.baseCcy, "BTC");
    assert.equal(btc.quoteCcy, "USDT");

    const swap = await c.get("/api/v5/public/instruments?instType=SWAP");
    assert.deepEqual(
      swap.body?.data.map((d) => d.instId),
      ["BTC-USDT-SWAP", "ETH-USDT-SWAP", "BTC-USD-SWAP"],
    );
    const inverse = swap.body?.data.find((d) => d.instId === "BTC-USD-SWAP");
    assert.equal(inverse?.ctType, "inverse");
    assert.equal(inverse?.ctVal, "100");
    assert.equal(inverse?.ctValCcy, "USD");
    assert.equal(inverse?.settleCcy, "BTC");
    assert.equal(inverse?.uly, "BTC-USD");
    const linear = swap.body?.data.find((d) => d.instId === "BTC-USDT-SWAP");
    assert.equal(linear?.ctVal, "0.01");
    assert.equal(linear?.lotSz, "0.01");
    assert.equal(linear?.settleCcy, "USDT");
  });

  it("filters instruments by instId, uly and instFamily, and answers FUTURES/OPTION/MARGIN", async () => {
    const one = await c.get("/api/v5/public/instruments?instType=SWAP&instId=ETH-USDT-SWAP");
    assert.equal(one.body?.data.length, 1);
    const fam = await c.get("/api/v5/public/instruments?instType=SWAP&instFamily=BTC-USD");
    assert.deepEqual(
      fam.body?.data.map((d) => d.instId),
      ["BTC-USD-SWAP"],
    );
    const uly = await c.get("/api/v5/public/instruments?instType=SWAP&uly=BTC-USDT");
    assert.deepEqual(
      uly.body?.data.map((d) => d.instId),
      ["BTC-USDT-SWAP"],
    );
    // Dated futures follow the stand-in's clock: aliases by expiry, every expiry a Friday 08:00 UTC.
    const fut = await c.get("/api/v5/public/instruments?instType=FUTURES&instFamily=BTC-USD");
    const rows = (fut.body?.data ?? []) as { alias: string; expTime: string; ctType: string }[];
    assert.deepEqual(
      rows.map((r) => r.alias),
      ["this_week", "next_week", "this_month", "next_month", "quarter", "next_quarter"].filter((a) =>
        rows.some((r) => r.alias === a),
      ),
    );
    assert.ok(rows.length >= 5 && rows.every((r) => r.ctType === "inverse"));
    for (const r of rows) {
      const d = new Date(Number(r.expTime));
      assert.deepEqual([d.getUTCDay(), d.getUTCHours()], [5, 8]);
    }
    for (const q of ["instType=OPTION&uly=BTC-USD", "instType=MARGIN"]) {
      const r = await c.get("/api/v5/public/instruments?" + q);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body?.data, [], q);
    }
    const missing = await c.get("/api/v5/public/instruments");
    assert.equal(missing.status, 400);
    assert.equal(missing.body?.code, "50014");
    assert.equal(missing.body?.msg, "Parameter instType can not be empty.");
  });

  it("GET market/ticker returns string-typed fields; unknown instId is 51001", async () => {
    const r = await c.get("/api/v5/market/ticker?instId=BTC-USDT");
    const t = row(r);
    for (const k of ["instType", "instId", "last", "lastSz", "askPx", "askSz", "bidPx", "bidSz", "open24h"]) {
      assert.equal(typeof t[k], "string", k);
    }
    for (const k of ["high24h", "low24h", "volCcy24h", "vol24h", "sodUtc0", "sodUtc8", "ts"]) {
      assert.equal(typeof t[k], "string", k);
    }
    assert.equal(t.last, "60000");
    assert.ok(Number(t.askPx) > Number(t.bidPx));
    const bad = await c.get("/api/v5/market/ticker?instId=NOPE-USDT");
    assert.equal(bad.body?.code, "51001");
    assert.deepEqual(bad.body?.data, []);
  });

  it("setTicker moves the market, and a bare `last` re-centres the touch", async () => {
    s.setTicker("ETH-USDT", { last: "3100.5" });
    const t = row(await c.get("/api/v5/market/ticker?instId=ETH-USDT"));
    assert.equal(t.last, "3100.5");
    assert.equal(t.bidPx, "3100.49");
    assert.equal(t.askPx, "3100.51");
    s.setTicker("ETH-USDT", { bidPx: "3099", askPx: "3101" });
    const t2 = row(await c.get("/api/v5/market/ticker?instId=ETH-USDT"));
    assert.equal(t2.bidPx, "3099");
    assert.equal(t2.askPx, "3101");
    assert.throws(() => s.setTicker("ETH-USDT", { last: "3000.001" }), /tickSz/);
    s.reset();
  });

  it("GET market/tickers lists an instType", async () => {
    const r = await c.get("/api/v5/market/tickers?instType=SWAP");
    assert.deepEqual(
      r.body?.data.map((d) => d.instId),
      ["BTC-USDT-SWAP", "ETH-USDT-SWAP", "BTC-USD-SWAP"],
    );
    assert.ok(r.body?.data.every((d) => d.instType === "SWAP"));
  });

  it("GET market/books: default depth 1, asks ascending, bids descending, at most 400", async () => {
    const one = row(await c.get("/api/v5/market/books?instId=BTC-USDT"));
    assert.equal((one.asks as string[][]).length, 1);
    const r = row(await c.get("/api/v5/market/books?instId=BTC-USDT&sz=5"));
    const asks = r.asks as string[][];
    const bids = r.bids as string[][];
    assert.equal(asks.length, 5);
    assert.equal(bids.length, 5);
    assert.equal(asks[0]?.[0], "60000.1");
    assert.equal(bids[0]?.[0], "59999.9");
    for (let i = 1; i < 5; i++) {
      assert.ok(Number(asks[i]?.[0]) > Number(asks[i - 1]?.[0]));
      assert.ok(Number(bids[i]?.[0]) < Number(bids[i - 1]?.[0]));
    }
    assert.equal(asks[0]?.length, 4);
    assert.equal(asks[0]?.[2], "0");
    const big = row(await c.get("/api/v5/market/books?instId=BTC-USDT&sz=1000"));
    assert.equal((big.asks as string[][]).length, 400);
  });

  it("GET market/trades honours limit (default 100, max 500)", async () => {
    const def = await c.get("/api/v5/market/trades?instId=ETH-USDT");
    assert.equal(def.body?.data.length, 100);
    const r = await c.get("/api/v5/market/trades?instId=ETH-USDT&limit=3");
    assert.equal(r.body?.data.length, 3);
    const t = row(r);
    assert.deepEqual(Object.keys(t), ["instId", "side", "sz", "px", "tradeId", "ts"]);
    assert.ok(Number(row(r, 0).ts) > Number(row(r, 1).ts));
    const max = await c.get("/api/v5/market/trades?instId=ETH-USDT&limit=900");
    assert.equal(max.body?.data.length, 500);
  });

  it("GET public/funding-rate: fundingTime is the next 8 h boundary, nextFundingTime 8 h later", async () => {
    const r = row(await c.get("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP"));
    const ft = Number(r.fundingTime);
    const nft = Number(r.nextFundingTime);
    assert.equal(ft % (8 * 3_600_000), 0);
    assert.equal(nft - ft, 8 * 3_600_000);
    assert.ok(ft > Date.now() && ft - Date.now() <= 8 * 3_600_000);
    assert.match(String(r.fundingRate), /^-?\d+(\.\d+)?$/);
    assert.equal(r.instType, "SWAP");
    const any = await c.get("/api/v5/public/funding-rate?instId=ANY");
    assert.equal(any.body?.data.length, 3);
    const spot = await c.get("/api/v5/public/funding-rate?instId=BTC-USDT");
    assert.equal(spot.body?.code, "51001");
  });

  it("setFunding: a test sets the coming settlement's time and rate, and puts the schedule back", async () => {
    const time = Date.now() + 1_500;
    s.setFunding("BTC-USDT-SWAP", { time, rate: "-0.00025" });
    const set = row(await c.get("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP"));
    assert.equal(set.fundingTime, String(time));
    assert.equal(set.fundingRate, "-0.00025");
    assert.equal(set.nextFundingTime, String(time + 8 * 3_600_000));
    const eth = row(await c.get("/api/v5/public/funding-rate?instId=ETH-USDT-SWAP"));
    assert.equal(Number(eth.fundingTime) % (8 * 3_600_000), 0, "other swaps keep the schedule");
    s.setFunding("BTC-USDT-SWAP", undefined);
    const back = row(await c.get("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP"));
    assert.equal(Number(back.fundingTime) % (8 * 3_600_000), 0);
    assert.throws(() => s.setFunding("BTC-USDT", { time, rate: "0.0001" }), /not a swap/);
    assert.throws(() => s.setFunding("BTC-USDT-SWAP", { time: 1.5, rate: "0.0001" }), /whole ms/);
    assert.throws(() => s.setFunding("BTC-USDT-SWAP", { time, rate: "1e-4" }), /plain decimal/);
    s.setFunding("BTC-USDT-SWAP", { time, rate: "0.0001" });
    s.reset();
    const reset = row(await c.get("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP"));
    assert.equal(Number(reset.fundingTime) % (8 * 3_600_000), 0, "reset() clears it");
  });

  it("answers unknown paths with OKX's 404 body and wrong methods with 405", async () => {
    const r = await c.get("/api/v5/market/nope");
    assert.equal(r.status, 404);
    assert.equal(
      r.text,
      '{"code":404,"data":{},"detailMsg":"","error_code":"404","error_message":"Not Found","msg":"Not Found"}',
    );
    const m = await c.post("/api/v5/market/ticker", {});
    assert.equal(m.status, 405);
    assert.equal(m.body?.code, "50115");
  });
});
