import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { waitFor } from "@fmz-gateway/testkit";
import { DEFAULT_LIVE_CREDENTIAL as LIVE, startOkxStandin } from "./index";
import { row, TestClient } from "./test-support/signing-client";
import type { OkxStandin } from "./types";

const ORDER = { instId: "BTC-USDT", tdMode: "cash", side: "buy", ordType: "limit", px: "50000", sz: "0.01" };

describe("faults", () => {
  let s: OkxStandin;
  let c: TestClient;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    c = new TestClient(s.url, LIVE);
  });
  beforeEach(() => s.reset());
  after(() => s.close());

  it("http500: HTTP 500 for the next matching request only", async () => {
    s.faults.add({ path: "/api/v5/market/ticker", kind: "http500" });
    const r = await c.get("/api/v5/market/ticker?instId=BTC-USDT");
    assert.equal(r.status, 500);
    assert.equal(r.body?.code, "50026");
    assert.equal((await c.get("/api/v5/market/ticker?instId=BTC-USDT")).status, 200);
    assert.equal(s.requests.at(-2)?.fault, "http500");
  });

  it("garbage: HTTP 200 with a body that is not JSON", async () => {
    s.faults.add({ path: "market/ticker", kind: "garbage" });
    const r = await c.get("/api/v5/market/ticker?instId=BTC-USDT");
    assert.equal(r.status, 200);
    assert.equal(r.body, undefined);
    assert.throws(() => JSON.parse(r.text) as unknown);
  });

  it("rate-limit: HTTP 429 with OKX's body", async () => {
    s.faults.add({ path: "/trade/order", method: "POST", kind: "rate-limit" });
    const r = await c.post("/api/v5/trade/order", ORDER);
    assert.equal(r.status, 429);
    assert.equal(r.text, '{"msg":"Too Many Requests","code":"50011"}');
    assert.equal(s.orders().length, 0);
  });

  it("okx-error: top-level code for most codes, per-order sCode on order endpoints", async () => {
    s.faults.add({ path: "account/balance", kind: "okx-error", code: "50001" });
    const top = await c.get("/api/v5/account/balance");
    assert.equal(top.status, 503);
    assert.deepEqual(top.body, {
      code: "50001",
      msg: "Service temporarily unavailable. Please try again later.",
      data: [],
    });
    s.faults.add({
      path: "trade/batch-orders",
      kind: "okx-error",
      code: "51008",
      msg: "Order failed. Insufficient USDT balance in account ",
    });
    const item = await c.post("/api/v5/trade/batch-orders", [{ ...ORDER, clOrdId: "f1" }]);
    assert.equal(item.status, 200);
    assert.equal(item.body?.code, "1");
    assert.equal(row(item).sCode, "51008");
    assert.equal(row(item).clOrdId, "f1");
    assert.equal(s.orders().length, 0);
  });

  it("matches on method and counts `times`", async () => {
    s.faults.add({ path: "trade/order", method: "GET", kind: "http500", times: 2 });
    const placed = await c.post("/api/v5/trade/order", ORDER);
    assert.equal(placed.status, 200, "a POST does not match a GET fault");
    const q = `/api/v5/trade/order?instId=BTC-USDT&ordId=${String(row(placed).ordId)}`;
    assert.equal((await c.get(q)).status, 500);
    assert.equal((await c.get(q)).status, 500);
    assert.equal((await c.get(q)).status, 200);
    s.faults.add({ path: "public/time", kind: "http500", times: Infinity });
    s.faults.add({ path: "public/time", kind: "garbage" });
    assert.equal((await c.get("/api/v5/public/time")).status, 500);
    assert.equal((await c.get("/api/v5/public/time")).status, 500);
    s.faults.clear();
    assert.equal((await c.get("/api/v5/public/time")).status, 200);
  });

  it("drop-after-accept: the order is placed but the socket closes without a reply", async () => {
    s.faults.add({ path: "/api/v5/trade/order", method: "POST", kind: "drop-after-accept" });
    await assert.rejects(c.post("/api/v5/trade/order", { ...ORDER, clOrdId: "dropped1" }));
    const held = s.orders();
    assert.equal(held.length, 1, "exactly one order exists");
    assert.equal(held[0]?.clOrdId, "dropped1");
    assert.equal(held[0]?.state, "live");
    // The client's retry-safe recovery path: look the order up by clOrdId.
    const found = await c.get("/api/v5/trade/order?instId=BTC-USDT&clOrdId=dropped1");
    assert.equal(row(found).ordId, held[0]?.ordId);
    assert.equal(s.requests.find((r) => r.fault === "drop-after-accept")?.status, undefined);
  });

  it("reset: the connection dies before the request is handled, so no order exists", async () => {
    s.faults.add({ path: "trade/order", method: "POST", kind: "reset" });
    await assert.rejects(c.post("/api/v5/trade/order", { ...ORDER, clOrdId: "reset1" }));
    assert.equal(s.orders().length, 0);
    assert.equal(s.requests.at(-1)?.fault, "reset");
    assert.equal((await c.post("/api/v5/trade/order", { ...ORDER, clOrdId: "reset2" })).status, 200);
  });

  it("slow: the order is placed at once and the reply comes after the delay", async () => {
    s.faults.add({ path: "trade/order", method: "POST", kind: "slow", delayMs: 300 });
    const reply = c.post("/api/v5/trade/order", { ...ORDER, clOrdId: "slow1" });
    await waitFor(() => s.orders().length === 1, { what: "the order placed at the stand-in" });
    assert.equal(s.requests.at(-1)?.status, undefined, "not answered yet");
    const r = await reply;
    assert.equal(r.status, 200);
    assert.equal(row(r).clOrdId, "slow1");
    assert.equal(s.requests.at(-1)?.status, 200);
  });

  // The bound is on waiting: were close() to wait for the hung request, it would wait forever.
  it("hang: never answers; the client times out and close() still returns", { timeout: 30_000 }, async () => {
    const own = await startOkxStandin();
    own.faults.add({ path: "/api/v5/public/time", kind: "hang", times: 3 });
    const client = new TestClient(own.url);
    await assert.rejects(
      fetch(own.url + "/api/v5/public/time", { signal: AbortSignal.timeout(200) }),
      (e: Error) => e.name === "TimeoutError",
    );
    // A request still hanging when the server closes is ended by close().
    const pending = client.get("/api/v5/public/time").then(
      () => "answered",
      () => "failed",
    );
    const hanging = () => own.requests.filter((r) => r.fault === "hang").length;
    await waitFor(() => hanging() === 2, { what: "the second request hanging at the stand-in" });
    await own.close();
    assert.equal(await pending, "failed");
  });
});
