import assert from "node:assert/strict";
import { test } from "node:test";
import { METHOD_TABLE, parseParams, resolveMethod } from "./method-table";
import type { CreateOrderParams, IoParams, RecordsParams } from "./params";

function parse(method: string, raw: Record<string, unknown>, httpMethod?: string) {
  const resolved = resolveMethod(method);
  assert.ok(resolved, `method ${method} resolves`);
  return parseParams(resolved, raw, { wireMethod: method, httpMethod });
}

test("every wire name and alias resolves, case-insensitively, to one adapter method", () => {
  const seen = new Set<string>();
  for (const spec of METHOD_TABLE) {
    for (const name of [spec.wire, ...spec.aliases]) {
      assert.ok(!seen.has(name), `${name} is used once`);
      seen.add(name);
      assert.equal(resolveMethod(name)?.spec.method, spec.method);
      assert.equal(resolveMethod(name.toUpperCase())?.spec.method, spec.method);
    }
  }
  assert.equal(resolveMethod("position")?.spec.method, "getPositions");
  assert.equal(resolveMethod("margin_level")?.spec.method, "setMarginLevel");
  assert.equal(resolveMethod("SetMarginLevel")?.spec.method, "setMarginLevel");
  assert.equal(resolveMethod("funding")?.spec.method, "getFundings");
  assert.equal(resolveMethod("nope"), undefined);
});

test("trade params become exact decimal strings; price ≤ 0 is a market order", () => {
  const limit = parse("trade", {
    symbol: "btc_usdt",
    type: "Buy",
    price: "43210.5",
    amount: 0.1 + 0.2,
  }) as CreateOrderParams;
  assert.deepEqual(limit, {
    symbol: { kind: "instrument", base: "BTC", quote: "USDT", text: "BTC_USDT" },
    side: "buy",
    orderType: "limit",
    price: "43210.5",
    amount: "0.3",
  });
  const market = parse("trade", {
    symbol: "BTC_USDT.swap",
    type: "closesell",
    price: "-1",
    amount: "2",
  }) as CreateOrderParams;
  assert.equal(market.orderType, "market");
  assert.equal(market.price, undefined);
  assert.equal(market.side, "closesell");
});

test("bad params are refused with a reason a strategy author can act on", () => {
  assert.throws(
    () => parse("trade", { symbol: "BTC_USDT", type: "buy", price: "1" }),
    /missing params.amount/,
  );
  assert.throws(
    () => parse("trade", { symbol: "BTC_USDT", type: "hold", price: "1", amount: "1" }),
    /invalid type "hold"/,
  );
  assert.throws(
    () => parse("trade", { symbol: "BTC_USDT", type: "buy", price: "1", amount: "0" }),
    /must be above 0/,
  );
  assert.throws(
    () => parse("trade", { symbol: "BTC_USDT", type: "buy", price: "x", amount: "1" }),
    /invalid price/,
  );
  assert.throws(() => parse("ticker", {}), /missing params.symbol/);
  assert.throws(() => parse("ticker", { symbol: "USDT.swap" }), /needs one instrument/);
  assert.throws(() => parse("depth", { symbol: "BTC_USDT", limit: "ten" }), /invalid params.limit/);
  assert.throws(() => parse("order", { id: "12345" }), /invalid order id/);
  assert.throws(() => parse("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: "-3" }), /marginLevel/);
});

test("counts accept strings or numbers; 0 or absent means the adapter's default", () => {
  assert.deepEqual(parse("depth", { symbol: "BTC_USDT", limit: "30" }), {
    symbol: { kind: "instrument", base: "BTC", quote: "USDT", text: "BTC_USDT" },
    limit: 30,
  });
  const records = parse("records", { symbol: "BTC_USDT", period: 5, limit: 0 }) as RecordsParams;
  assert.equal(records.period, 5);
  assert.equal(records.limit, undefined);
  assert.equal((parse("records", { symbol: "BTC_USDT" }) as RecordsParams).period, 60);
});

test("orders and positions take a range; order and cancel unpack the id", () => {
  assert.equal(
    (parse("orders", { symbol: "USDT.swap" }) as { symbol: { kind: string } }).symbol.kind,
    "range",
  );
  assert.deepEqual(parse("cancel", { id: "BTC-USDT,42", symbol: "BTC_USDT" }), {
    id: { instrument: "BTC-USDT", orderId: "42", text: "BTC-USDT,42" },
    symbol: { kind: "instrument", base: "BTC", quote: "USDT", text: "BTC_USDT" },
  });
});

test("IO calls take the path from the method and the verb from Http-Method", () => {
  const io = parse("__api_/api/v5/trade/orders-pending", { instType: "SPOT" }, "get") as IoParams;
  assert.deepEqual(io, {
    httpMethod: "GET",
    path: "/api/v5/trade/orders-pending",
    params: { instType: "SPOT" },
  });
  assert.equal((parse("__api_/api/v5/x", {}) as IoParams).httpMethod, "GET");
  assert.throws(() => parse("__api_", {}), /invalid IO path/);
});
