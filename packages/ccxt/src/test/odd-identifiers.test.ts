// Caller strings named like Object's own members (`__proto__`, `constructor`, `toString` …), as order ids
// and symbols, through a real gateway on both OKX mounts: ccxt's okx and the hand-written adapter. Each
// is a clear error naming what was wrong, nothing reaches the exchange, and the gateway keeps serving.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Order, OrderRef, Ticker } from "@fmz-gateway/core";
import { type Harness, startHarness } from "./harness";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

const MOUNTS = ["OKXC", "OKX"];
const ODD_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty"];
const ODD_SYMBOLS = ["__proto___USDT", "constructor_USDT"];
const CANCEL_PATHS = ["/api/v5/trade/cancel-order", "/api/v5/trade/cancel-batch-orders"];
const PLACE_PATHS = ["/api/v5/trade/order", "/api/v5/trade/batch-orders"];

function requestsTo(method: string, paths: readonly string[]): number {
  return paths.reduce((n, p) => n + h.requestsTo(method, p).length, 0);
}

/** A refusal the caller can act on: an `{"error"}`, no data, and not the gateway's own failure. */
function assertClearError(r: { data?: unknown; error?: string }, what: string, names: RegExp): void {
  assert.equal(r.data, undefined, `${what}: no data`);
  assert.match(r.error ?? "", names, `${what}: ${r.error}`);
  assert.doesNotMatch(r.error ?? "", /internal error|is not a function|undefined|\[object/i, what);
}

for (const mount of MOUNTS) {
  describe(`${mount}: prototype-named identifiers`, () => {
    it("order and cancel with such an order id: an error naming the id, nothing cancelled", async () => {
      const c = h.client(mount);
      // A real resting order, which none of the odd cancels may touch.
      const real = await c.data<OrderRef>("trade", {
        symbol: "BTC_USDT",
        type: "buy",
        price: 30000,
        amount: 0.001,
      });
      const cancels = requestsTo("POST", CANCEL_PATHS);
      for (const name of ODD_NAMES) {
        const id = `${name},1`;
        for (const method of ["order", "cancel"]) {
          for (const params of [{ id }, { id, symbol: "BTC_USDT" }]) {
            const r = await c.call(method, params);
            assertClearError(
              r,
              `${method} ${JSON.stringify(params)}`,
              new RegExp(`order id.*"${name}"|"${name}".*order id`),
            );
          }
        }
      }
      assert.equal(requestsTo("POST", CANCEL_PATHS), cancels, "no cancel reached the exchange");
      const still = await c.data<Order>("order", { id: real.id, symbol: "BTC_USDT" });
      assert.equal(still.status, "pending");
      assert.equal(await c.data("cancel", { id: real.id, symbol: "BTC_USDT" }), true);
    });

    it("market data and trade on such symbols: a clear error, no order placed", async () => {
      const c = h.client(mount);
      const placed = requestsTo("POST", PLACE_PATHS);
      for (const symbol of ODD_SYMBOLS) {
        const pair = symbol.split("_").filter(Boolean)[0];
        // The hand-written adapter passes OKX's own "instrument doesn't exist" (51001) for market data.
        const names = new RegExp(`${symbol}|${pair}|51001`, "i");
        for (const method of ["ticker", "depth", "trades", "records"]) {
          assertClearError(await c.call(method, { symbol }), `${method} ${symbol}`, names);
        }
        const trade = await c.call("trade", { symbol, type: "buy", price: 30000, amount: 0.001 });
        assertClearError(trade, `trade ${symbol}`, new RegExp(`${symbol}|${pair}`, "i"));
      }
      assert.equal(requestsTo("POST", PLACE_PATHS), placed, "no order reached the exchange");
    });

    it("keeps serving afterwards", async () => {
      const t = await h.client(mount).data<Ticker>("ticker", { symbol: "BTC_USDT" });
      assert.equal(t.symbol, "BTC_USDT");
      assert.ok(t.last > 0);
    });
  });
}
