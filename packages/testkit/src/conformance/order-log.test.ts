import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { serveOrderLog } from "../test-support/order-log-server";
import { orderLogReader } from "./order-log";
import { isNotSupported, readsLikeNotSupported } from "./judge";
import type { ConformanceTarget, ReceivedOrder } from "./types";

const target = (orderLog: ConformanceTarget["orderLog"]): ConformanceTarget => ({
  baseUrl: "http://127.0.0.1:1",
  exchange: "X",
  symbol: "BTC_USDT",
  orderLog,
});
const one: ReceivedOrder = {
  price: "50",
  amount: "0.01",
  side: "buy",
  type: "limit",
  amountUnit: "base",
  time: 1,
};

describe("orderLog", () => {
  it("is absent, a function or a URL", async () => {
    assert.equal(orderLogReader(target(undefined)), undefined);
    assert.deepEqual(await orderLogReader(target(async () => [one]))?.(), [one]);
    const log = await serveOrderLog(() => [one]);
    try {
      assert.deepEqual(await orderLogReader(target(log.url))?.(), [one]);
    } finally {
      await log.close();
    }
  });
  it("refuses a log in another shape, naming it", async () => {
    const bad = async () => [{ ...one, amountUnit: "lots" }] as unknown as ReceivedOrder[];
    await assert.rejects(orderLogReader(target(bad))?.() ?? Promise.resolve(), /orders\[0\] is not \{price/);
  });
});

describe("not supported", () => {
  it("only an answer starting with it counts; look-alikes are failures", () => {
    assert.ok(isNotSupported("not supported: fundings"));
    assert.ok(!readsLikeNotSupported("not supported: fundings"));
    assert.ok(readsLikeNotSupported("internal error: fundings unsupported"));
    assert.ok(readsLikeNotSupported("Not implemented"));
    assert.ok(!readsLikeNotSupported("OKX 51008: insufficient balance"));
  });
});
