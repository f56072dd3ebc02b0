// The private stream's records: copied out of ccxt's unified structures, read by core's traits, and the
// start-time refusal of private streams an exchange's ccxt.pro class cannot give.
import "../index";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Gateway, silentLogger } from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import {
  CCXT_PRIVATE_TRAITS,
  balanceRecords,
  orderRecord,
  positionKey,
  positionRecord,
} from "../private/ccxt-records";
import { changedBalances } from "../private/private-watch";

const T = CCXT_PRIVATE_TRAITS;

function order(fields: Partial<ccxt.Order>): ccxt.Order {
  return {
    id: "42",
    symbol: "BTC/USDT",
    side: "buy",
    type: "limit",
    status: "open",
    amount: 0.5,
    filled: 0,
    price: 30000,
    timestamp: 1000,
    info: { ordId: "42" },
    ...fields,
  } as ccxt.Order;
}

describe("order records", () => {
  it("copy the answer's fields and take the last update as their time", () => {
    const o = order({ lastUpdateTimestamp: 2500, filled: 0.1, average: 30000 });
    const r = orderRecord(o);
    (o as { filled: number }).filled = 0.4; // ccxt changes its cached orders in place: the copy keeps 0.1
    assert.equal(r.filled, 0.1);
    assert.equal(r.id, "42");
    assert.equal(T.orders.key(r), "42");
    assert.equal(T.orders.time(r), 2500);
    assert.equal(T.orders.filled(r), true);
    assert.equal(T.orders.closed(r), false);
    assert.equal(T.orders.fingerprint(r), "open filled 0.1 at 30000 of 0.5 px 30000");
  });
  it("fall back to the placement time, and to 0 without either", () => {
    assert.equal(T.orders.time(orderRecord(order({}))), 1000);
    assert.equal(T.orders.time(orderRecord(order({ timestamp: undefined }))), 0);
  });
  it("are finished when closed, canceled, expired or rejected", () => {
    for (const status of ["closed", "canceled", "expired", "rejected"])
      assert.equal(T.orders.closed(orderRecord(order({ status }))), true, status);
    assert.equal(T.orders.filled(orderRecord(order({ filled: undefined }))), false);
  });
});

describe("balance records", () => {
  const balance = {
    info: {},
    timestamp: 5000,
    free: { USDT: 9700 },
    used: { USDT: 300 },
    total: { USDT: 10000 },
    USDT: { free: 9700, used: 300, total: 10000 },
    BTC: { free: 0, used: 0, total: 0 },
  } as unknown as ccxt.Balances;

  it("one per currency, at the balance's time; a currency at zero is closed", () => {
    const rows = balanceRecords(balance);
    assert.deepEqual(
      rows.map((r) => [T.balances.key(r), T.balances.time(r), T.balances.closed(r)]),
      [
        ["USDT", 5000, false],
        ["BTC", 5000, true],
      ],
    );
    assert.equal(T.balances.fingerprint(rows[0]), "free 9700 used 300");
  });
  it("a watched balance hands on only the currencies that changed since its last result", () => {
    const seen = new Map<string, string>();
    assert.equal(changedBalances(balanceRecords(balance), seen).length, 2);
    const next = { ...balance, USDT: { free: 9800, used: 200, total: 10000 } } as unknown as ccxt.Balances;
    assert.deepEqual(
      changedBalances(balanceRecords(next), seen).map((r) => r.currency),
      ["USDT"],
    );
    assert.deepEqual(changedBalances(balanceRecords(next), seen), []);
  });
});

describe("position records", () => {
  const pos = (fields: Partial<ccxt.Position>) =>
    ({
      symbol: "BTC/USDT:USDT",
      side: "long",
      contracts: 2,
      entryPrice: 60000,
      leverage: 10,
      unrealizedPnl: 12,
      initialMargin: 120,
      marginMode: "cross",
      hedged: false,
      lastUpdateTimestamp: 7000,
      timestamp: 6000,
      info: {},
      ...fields,
    }) as ccxt.Position;

  it("one-way positions are one per symbol and margin mode, whatever their side", () => {
    assert.equal(positionKey(positionRecord(pos({}))), positionKey(positionRecord(pos({ side: "short" }))));
    assert.notEqual(
      positionKey(positionRecord(pos({ hedged: true }))),
      positionKey(positionRecord(pos({ hedged: true, side: "short" }))),
    );
  });
  it("closed at 0 contracts; the fingerprint leaves out what moves with the market", () => {
    const r = positionRecord(pos({}));
    assert.equal(T.positions.time(r), 7000);
    assert.equal(T.positions.closed(r), false);
    assert.equal(T.positions.closed(positionRecord(pos({ contracts: 0 }))), true);
    assert.equal(
      T.positions.fingerprint(r),
      T.positions.fingerprint(positionRecord(pos({ unrealizedPnl: -40, initialMargin: 118 }))),
    );
    assert.notEqual(
      T.positions.fingerprint(r),
      T.positions.fingerprint(positionRecord(pos({ contracts: 3 }))),
    );
  });
});

describe("privateStreams at start", () => {
  const start = (exchange: string) =>
    Gateway.start({
      port: 0,
      logger: silentLogger(),
      exchanges: { X: { adapter: "ccxt", options: { exchange, privateStreams: true } } },
    });
  it("is refused for an exchange whose ccxt.pro class has no watchOrders or watchBalance", async () => {
    await assert.rejects(start("luno"), /privateStreams: ccxt's luno has no watchOrders or watchBalance/);
    await assert.rejects(
      start("bitso"),
      /privateStreams: ccxt has no websocket class for bitso, so it has no private streams/,
    );
  });
  it("is accepted where ccxt.pro streams both, and off by default", async () => {
    const gateway = await Gateway.start({
      port: 0,
      logger: silentLogger(),
      exchanges: {
        OKX_P: { adapter: "ccxt", options: { exchange: "okx", privateStreams: true } },
        BITSO: { adapter: "ccxt", options: { exchange: "bitso" } },
      },
    });
    await gateway.close(1_000);
  });
});
