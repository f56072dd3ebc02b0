import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { Balance, Order, OrderRef } from "@fmz-gateway/core";
import type { DockerClient } from "@fmz-gateway/testkit";
import type { DemoOrderRequest } from "./api-types";
import type { DemoServer } from "./standin/server";
import { type DemoEnvironment, TEST_ACCOUNT, startDemoEnvironment } from "./test-support/demo-environment";

describe("DEMOEX account and orders through the gateway", () => {
  let env: DemoEnvironment;
  let client: DockerClient;
  let standin: DemoServer;
  let sentBefore: number;
  before(async () => {
    env = await startDemoEnvironment();
    client = env.client;
    standin = env.standin;
  });
  after(() => env.close());
  beforeEach(() => {
    sentBefore = standin.orderRequests.length;
  });

  /** The order requests that reached the stand-in during this test, parsed. */
  const sent = (): DemoOrderRequest[] =>
    standin.orderRequests.slice(sentBefore).map((b) => JSON.parse(b) as DemoOrderRequest);

  const trade = (params: Record<string, unknown>) =>
    client.call<OrderRef>("trade", { symbol: "BTC_USDT", ...params });

  it("accounts and assets: the stand-in's balances", async () => {
    const expected = standin.ledger
      .balances(TEST_ACCOUNT.key)
      .map((b) => ({ currency: b.asset, free: Number(b.available), frozen: Number(b.locked) }));
    assert.deepEqual(await client.data<Balance[]>("accounts"), expected);
    assert.deepEqual(await client.data<Balance[]>("assets"), expected);
    assert.deepEqual(expected[0], { currency: "USDT", free: 100000, frozen: 0 });
  });

  it("0.1 + 0.2 as the amount reaches DEMOEX as exactly 0.3", async () => {
    const r = await trade({ type: "buy", price: 30000, amount: 0.1 + 0.2 });
    assert.ok(r.data, r.error);
    assert.equal(String(0.1 + 0.2), "0.30000000000000004", "the docker really sends the float noise");
    const [req] = sent();
    assert.equal(req.qty, "0.3");
    assert.equal(req.price, "30000");
    const o = await client.data<Order>("order", { id: r.data.id, symbol: "BTC_USDT" });
    assert.equal(o.amount, 0.3);
  });

  it("rounds amounts down to the lot and prices to the nearest tick, exactly", async () => {
    assert.ok((await trade({ type: "buy", price: "30000.06", amount: "0.00029" })).data);
    assert.ok((await trade({ type: "sell", price: "90000.04", amount: "0.12345678" })).data);
    assert.deepEqual(
      sent().map((r) => [r.side, r.price, r.qty]),
      [
        ["buy", "30000.1", "0.0002"],
        ["sell", "90000", "0.1234"],
      ],
    );
  });

  it("refuses orders under DEMOEX's minimums, naming them, without sending anything", async () => {
    assert.equal(
      (await trade({ type: "buy", price: 30000, amount: "0.00005" })).error,
      "amount 0.00005 is below the minimum for BTC_USDT: 0.0001 BTC (lot 0.0001)",
    );
    assert.equal(
      (await trade({ type: "buy", price: 100, amount: "0.001" })).error,
      "order value 0.1 USDT is below the minimum for BTC_USDT: 5 USDT",
    );
    assert.equal(
      (await trade({ type: "buy", price: -1, amount: "4.999" })).error,
      "market buy of 4.999 USDT is below the minimum for BTC_USDT: 5 USDT",
    );
    assert.equal(
      (await trade({ type: "closebuy", price: 30000, amount: "1" })).error,
      "closebuy closes a contract position; BTC_USDT is a spot pair: use buy or sell",
    );
    assert.equal(
      (await trade({ symbol: "XRP_USDT", type: "buy", price: 1, amount: "10" })).error,
      "DEMOEX does not list XRP_USDT (listed: BTC_USDT, ETH_USDT, DOGE_USDT)",
    );
    assert.deepEqual(sent(), []);
  });

  it("market orders: a buy spends a quote amount, a sell sells a base amount; both fill", async () => {
    const buy = await trade({ type: "buy", price: -1, amount: 100 });
    const sell = await trade({ type: "sell", price: -1, amount: "0.01" });
    assert.deepEqual(
      sent().map((r) => [r.type, r.side, r.quoteQty, r.qty]),
      [
        ["market", "buy", "100", undefined],
        ["market", "sell", undefined, "0.01"],
      ],
    );
    const bought = await client.data<Order>("order", { id: buy.data?.id });
    assert.deepEqual(bought, {
      id: buy.data?.id,
      symbol: "BTC_USDT",
      amount: 100,
      price: 0,
      deal_amount: 0.0016,
      avg_price: 60000.5,
      type: "buy",
      status: "filled",
    });
    const sold = await client.data<Order>("order", { id: sell.data?.id });
    assert.equal(sold.status, "filled");
    assert.equal(sold.avg_price, 59999.5);
    assert.equal(sold.deal_amount, 0.01);
  });

  it("a limit order: placed, open, listed, its funds frozen, cancelled, then in history", async () => {
    const placed = await trade({ type: "buy", price: "25000", amount: "0.02" });
    const id = placed.data?.id ?? "";
    const [req] = sent();
    assert.equal(id, `BTC-USDT,${standin.ledger.orders(TEST_ACCOUNT.key).at(-1)?.orderId}`);
    const open: Order = {
      id,
      symbol: "BTC_USDT",
      amount: 0.02,
      price: 25000,
      deal_amount: 0,
      avg_price: 0,
      type: "buy",
      status: "pending",
    };
    assert.deepEqual(await client.data<Order>("order", { id, symbol: "BTC_USDT" }), open);
    assert.ok((await client.data<Order[]>("orders", { symbol: "BTC_USDT" })).some((o) => o.id === id));
    assert.deepEqual(await client.data<Order[]>("orders", { symbol: "ETH_USDT" }), []);
    const usdt = (await client.data<Balance[]>("accounts")).find((b) => b.currency === "USDT");
    assert.ok(usdt && usdt.frozen >= 500, "25000 × 0.02 is frozen");

    assert.equal((await client.call("cancel", { id, symbol: "BTC_USDT" })).data, true);
    assert.deepEqual(await client.data<Order>("order", { id }), { ...open, status: "canceled" });
    const history = await client.data<Order[]>("historyorders", { symbol: "BTC_USDT", since: 0, limit: 0 });
    assert.deepEqual(history[0], { ...open, status: "canceled" }, "newest first");
    assert.equal(
      (await client.call("cancel", { id, symbol: "BTC_USDT" })).error,
      "DEMOEX 30003: order already canceled",
    );
    assert.match(req.clientOrderId, /^[A-Za-z0-9]{1,32}$/);
  });

  it("every order carries its own client order id", () => {
    const ids = standin.orderRequests.map((b) => (JSON.parse(b) as DemoOrderRequest).clientOrderId);
    assert.ok(ids.length >= 6);
    assert.ok(ids.every((id) => /^[A-Za-z0-9]{1,32}$/.test(id)));
    assert.equal(new Set(ids).size, ids.length);
  });

  it("a lost order reply is found by its client order id, never sent twice", async () => {
    standin.injectFault("POST /api/v1/orders", "drop-reply");
    const ordersBefore = standin.ledger.orders(TEST_ACCOUNT.key).length;
    const r = await trade({ type: "sell", price: "99000", amount: "0.001" });
    assert.ok(r.data, r.error);
    const orders = standin.ledger.orders(TEST_ACCOUNT.key);
    assert.equal(orders.length, ordersBefore + 1, "exactly one order placed");
    assert.equal(sent().length, 1, "exactly one order request sent");
    assert.equal(r.data.id, `BTC-USDT,${orders.at(-1)?.orderId}`);
    assert.equal(orders.at(-1)?.clientOrderId, sent()[0].clientOrderId);
    await client.call("cancel", { id: r.data.id });
  });

  it("history filters by since and limit", async () => {
    const all = await client.data<Order[]>("historyorders", { symbol: "BTC_USDT" });
    assert.ok(all.length >= 4);
    assert.equal((await client.data<Order[]>("historyorders", { symbol: "BTC_USDT", limit: 2 })).length, 2);
    const future = Date.now() + 3_600_000;
    assert.deepEqual(await client.data<Order[]>("historyorders", { symbol: "BTC_USDT", since: future }), []);
  });

  it("DEMOEX's own errors reach the strategy with code and message", async () => {
    assert.equal(
      (await trade({ type: "buy", price: "50000", amount: "99" })).error,
      "DEMOEX 30001: insufficient USDT balance",
    );
    assert.equal((await client.call("order", { id: "BTC-USDT,1" })).error, "DEMOEX 30002: order not found");
    assert.equal(
      (await client.call("orders", { symbol: "USDT.swap" })).error,
      "DEMOEX trades spot only: the range USDT.swap covers futures; give a pair such as BTC_USDT",
    );
    assert.equal(
      (await client.call("order", { id: "btc_usdt,1" })).error,
      'invalid order id "btc_usdt,1": not a DEMOEX order id (BTC-USDT,100001)',
    );
  });
});
