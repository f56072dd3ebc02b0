import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { DEFAULT_DEMO_CREDENTIAL as DEMO, DEFAULT_LIVE_CREDENTIAL as LIVE, startOkxStandin } from "./index";
import { row, TestClient } from "./test-support/signing-client";
import type { OkxStandin } from "./types";

describe("rate limits", () => {
  let s: OkxStandin;
  let c: TestClient;
  before(async () => {
    s = await startOkxStandin();
    c = new TestClient(s.url, LIVE);
  });
  beforeEach(() => s.reset());
  after(() => s.close());

  it("allows 20 market/ticker requests per 2 s per IP, then answers 429 50011", async () => {
    for (let i = 0; i < 20; i++) {
      const r = await c.get("/api/v5/market/ticker?instId=BTC-USDT");
      assert.equal(r.status, 200, `request ${i + 1}`);
    }
    const r = await c.get("/api/v5/market/ticker?instId=ETH-USDT");
    assert.equal(r.status, 429);
    assert.equal(r.text, '{"msg":"Too Many Requests","code":"50011"}');
    // Other endpoints have their own buckets.
    assert.equal((await c.get("/api/v5/market/books?instId=BTC-USDT")).status, 200);
  });

  it("limits private endpoints per user: account/balance 10 per 2 s, independently for each key", async () => {
    for (let i = 0; i < 10; i++) assert.equal((await c.get("/api/v5/account/balance")).status, 200);
    assert.equal((await c.get("/api/v5/account/balance")).status, 429);
    assert.equal((await c.with(DEMO).get("/api/v5/account/balance")).status, 200);
  });

  it("limits trade/order per user and instrument (60 per 2 s)", async () => {
    const o = { tdMode: "cash", side: "buy", ordType: "limit", px: "100", sz: "0.001" };
    for (let i = 0; i < 60; i++) {
      const r = await c.post("/api/v5/trade/order", { ...o, instId: "BTC-USDT" });
      assert.equal(r.status, 200, `order ${i + 1}: ${r.text}`);
    }
    assert.equal((await c.post("/api/v5/trade/order", { ...o, instId: "BTC-USDT" })).status, 429);
    assert.equal(
      row(await c.post("/api/v5/trade/order", { ...o, instId: "ETH-USDT", px: "10", sz: "0.01" })).sCode,
      "0",
    );
    assert.equal(s.orders().length, 61, "the rejected request placed nothing");
  });

  it("opens a new window after 2 s", async () => {
    for (let i = 0; i < 10; i++) await c.get("/api/v5/public/time");
    assert.equal((await c.get("/api/v5/public/time")).status, 429);
    await new Promise((r) => setTimeout(r, 2050));
    assert.equal((await c.get("/api/v5/public/time")).status, 200);
  });

  it("can be switched off", async () => {
    const free = await startOkxStandin({ enforceRateLimits: false });
    try {
      const fc = new TestClient(free.url);
      for (let i = 0; i < 50; i++) assert.equal((await fc.get("/api/v5/public/time")).status, 200);
    } finally {
      await free.close();
    }
  });
});
