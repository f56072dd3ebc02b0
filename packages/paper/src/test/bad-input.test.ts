// What a strategy sees when the paper exchange refuses: the same clear {"error"} as a real adapter,
// carrying a code, and nothing changed on the account.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Balance } from "@fmz-gateway/core";
import { type Harness, T0, startHarness } from "./harness";

let h: Harness;
before(async () => {
  h = await startHarness();
  h.clock.now = T0;
});
after(async () => {
  await h.close();
});

describe("bad input", () => {
  it("below the minimum amount or value", async () => {
    const c = h.spot.with({ accessKey: "bad-1" });
    const small = await c.call("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "30000",
      amount: "0.000001",
    });
    assert.match(small.error ?? "", /^SIM MIN_AMOUNT: amount 0\.000001 BTC is below the minimum 0\.00001/);
    const tiny = await c.call("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "0.5" });
    assert.match(tiny.error ?? "", /^SIM MIN_NOTIONAL: order value 0\.5 USDT is below the minimum 1/);
    assert.equal(small.data, undefined);
  });

  it("insufficient balance on spot, insufficient margin on a swap; the account is unchanged", async () => {
    const c = h.spot.with({ accessKey: "bad-2" });
    const big = await c.call("trade", { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "1" });
    assert.match(big.error ?? "", /^SIM INSUFFICIENT_BALANCE: needs 30000 USDT, 10000 USDT is free/);
    const sell = await c.call("trade", { symbol: "ETH_USDT", type: "sell", price: -1, amount: "1" });
    assert.match(sell.error ?? "", /^SIM INSUFFICIENT_BALANCE: needs 1 ETH, 0 ETH is free/);
    assert.deepEqual(await c.data<Balance[]>("accounts"), [{ currency: "USDT", free: 10000, frozen: 0 }]);
    assert.deepEqual(await c.data("orders", { symbol: "BTC_USDT" }), []);

    const s = h.swap.with({ accessKey: "bad-2" });
    const margin = await s.call("trade", { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "1000" });
    assert.match(margin.error ?? "", /^SIM_SWAP INSUFFICIENT_MARGIN: needs 30000 USDT of margin and fees/);
    const market = await s.call("trade", { symbol: "BTC_USDT", type: "sell", price: -1, amount: "300" });
    assert.match(market.error ?? "", /^SIM_SWAP INSUFFICIENT_MARGIN: the order needs [\d.]+ USDT more/);
    const close = await s.call("trade", { symbol: "BTC_USDT", type: "closebuy", price: -1, amount: "1" });
    assert.match(close.error ?? "", /^SIM_SWAP NO_POSITION: closebuy 1 needs a long position/);
    assert.deepEqual(await s.data<Balance[]>("accounts"), [{ currency: "USDT", free: 10000, frozen: 0 }]);
    assert.deepEqual(await s.data("positions", { symbol: "USDT.swap" }), []);
  });

  it("an unknown symbol", async () => {
    const c = h.spot.with({ accessKey: "bad-3" });
    assert.match(
      (await c.call("ticker", { symbol: "DOGE_USDT" })).error ?? "",
      /^SIM UNKNOWN_SYMBOL: DOGE_USDT is not traded on simulated/,
    );
    const trade = await c.call("trade", { symbol: "DOGE_USDT", type: "buy", price: "1", amount: "10" });
    assert.match(trade.error ?? "", /UNKNOWN_SYMBOL/);
  });

  it("another account's order id is unknown to this one, and cannot be cancelled by it", async () => {
    const alice = h.spot.with({ accessKey: "bad-alice" });
    const bob = h.spot.with({ accessKey: "bad-bob" });
    const { id } = await alice.data<{ id: string }>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "30000",
      amount: "0.01",
    });
    assert.match(
      (await bob.call("order", { id, symbol: "BTC_USDT" })).error ?? "",
      new RegExp(`^SIM ORDER_NOT_FOUND: order ${id} does not exist`),
    );
    assert.match((await bob.call("cancel", { id, symbol: "BTC_USDT" })).error ?? "", /ORDER_NOT_FOUND/);
    assert.match(
      (await alice.call("order", { id: "BTC_USDT,999999", symbol: "BTC_USDT" })).error ?? "",
      /ORDER_NOT_FOUND/,
    );
    assert.equal(
      (await alice.data<{ status: string }>("order", { id, symbol: "BTC_USDT" })).status,
      "submitted",
    );
    await alice.data("cancel", { id, symbol: "BTC_USDT" });
    assert.match(
      (await alice.call("cancel", { id, symbol: "BTC_USDT" })).error ?? "",
      /^SIM ORDER_DONE: order .* is already canceled/,
    );
  });
});
