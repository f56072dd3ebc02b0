// A scripted strategy through the docker client, with balances and fees checked to the last decimal:
// market buy, a resting limit order the market later trades through, a cancel, a swap opened and
// closed with realised PnL, and a funding payment. The simulated market's clock is moved by the test.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  Dec,
  type Balance,
  type Depth,
  type Funding,
  type Order,
  type Position,
  type Ticker,
} from "@fmz-gateway/core";
import type { DockerClient } from "@fmz-gateway/testkit";
import { findSimInstrument } from "../simulated/instruments";
import { type Harness, T0, markOf, startHarness } from "./harness";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

async function balances(c: DockerClient): Promise<Record<string, { free: number; frozen: number }>> {
  const list = await c.data<Balance[]>("accounts");
  return Object.fromEntries(list.map((b) => [b.currency, { free: b.free, frozen: b.frozen }]));
}

/** The exact decimal as the reply carries it (a JSON number). */
const n = (d: Dec) => d.toNumber();

describe("a scripted strategy on SIM", () => {
  it("spot: market buy, resting limit filled by the market, cancel — balances and fees exact", async () => {
    h.clock.now = T0;
    const c = h.spot.with({ accessKey: "strategy-spot" });
    const depth = await c.data<Depth>("depth", { symbol: "BTC_USDT", limit: 5 });
    const ask = new Dec(depth.asks[0][0]);
    assert.ok(new Dec(depth.asks[0][1]).gte("0.02"), "the first level holds the whole buy");

    // Market buy: spend 1000 USDT at the best ask, in whole lots; the fee comes out of the BTC bought.
    const buy = await c.data<{ id: string }>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: -1,
      amount: 1000,
    });
    const qty = new Dec(1000).div(ask).div("0.00001").floor().mul("0.00001");
    const cost = qty.mul(ask);
    const fee = qty.mul("0.001");
    const done = await c.data<Order>("order", { id: buy.id, symbol: "BTC_USDT" });
    assert.equal(done.status, "filled");
    assert.equal(done.deal_amount, n(qty));
    assert.equal(done.avg_price, n(ask));
    let b = await balances(c);
    assert.deepEqual(b.USDT, { free: n(new Dec(10000).minus(cost)), frozen: 0 });
    assert.deepEqual(b.BTC, { free: n(qty.minus(fee)), frozen: 0 });

    // A limit buy 1 % under the bid rests and freezes its cost; a second, further away, is cancelled.
    const limit = new Dec(depth.bids[0][0]).mul("0.99").toDecimalPlaces(1, Dec.ROUND_DOWN);
    const resting = await c.data<{ id: string }>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: limit.toFixed(),
      amount: "0.01",
    });
    const other = await c.data<{ id: string }>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: limit.minus(1000).toFixed(),
      amount: "0.002",
    });
    b = await balances(c);
    const held = limit.mul("0.01").plus(limit.minus(1000).mul("0.002"));
    assert.deepEqual(b.USDT, { free: n(new Dec(10000).minus(cost).minus(held)), frozen: n(held) });
    await c.data("cancel", { id: other.id, symbol: "BTC_USDT" });
    const cancelled = await c.data<Order>("order", { id: other.id, symbol: "BTC_USDT" });
    assert.equal(cancelled.status, "canceled");
    b = await balances(c);
    assert.deepEqual(b.USDT, {
      free: n(new Dec(10000).minus(cost).minus(limit.mul("0.01"))),
      frozen: n(limit.mul("0.01")),
    });
    const open = await c.data<Order[]>("orders", { symbol: "BTC_USDT" });
    assert.deepEqual(
      open.map((o) => o.id),
      [resting.id],
    );

    // Move time until the simulated ask trades down through the limit; the order fills as a maker at its price.
    const inst = findSimInstrument("BTC_USDT");
    assert.ok(inst && limit.lt(h.market().depth(inst, T0).asks[0][0]));
    let t = T0;
    while (limit.lt(h.market().depth(inst, t).asks[0][0])) t += 60_000;
    h.clock.now = t;
    let filled = await c.data<Order>("order", { id: resting.id, symbol: "BTC_USDT" });
    for (let i = 0; filled.status !== "filled" && i < 20; i++) {
      h.clock.now += 1_000;
      filled = await c.data<Order>("order", { id: resting.id, symbol: "BTC_USDT" });
    }
    assert.equal(filled.status, "filled");
    assert.equal(filled.avg_price, n(limit));
    b = await balances(c);
    assert.deepEqual(b.USDT, { free: n(new Dec(10000).minus(cost).minus(limit.mul("0.01"))), frozen: 0 });
    assert.deepEqual(b.BTC, {
      free: n(qty.minus(fee).plus("0.01").minus(new Dec("0.01").mul("0.0008"))),
      frozen: 0,
    });
    const history = await c.data<Order[]>("historyorders", { symbol: "BTC_USDT" });
    assert.deepEqual(history.map((o) => o.status).sort(), ["canceled", "filled", "filled"]);
  });

  it("swap: leverage, open at market, a funding payment, close with realised PnL — exact", async () => {
    h.clock.now = T0;
    const c = h.swap.with({ accessKey: "strategy-swap" });
    await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 5 });
    const depth = await c.data<Depth>("depth", { symbol: "BTC_USDT.swap", limit: 5 });
    const ask = new Dec(depth.asks[0][0]);
    assert.ok(new Dec(depth.asks[0][1]).gte(5));
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 5 });
    // 5 contracts of 0.01 BTC: margin = notional / 5, taker fee on the notional.
    const notional = new Dec(5).mul("0.01").mul(ask);
    const margin = notional.div(5);
    const openFee = notional.mul("0.001");
    let b = await balances(c);
    let free = new Dec(10000).minus(margin).minus(openFee);
    assert.deepEqual(b.USDT, { free: n(free), frozen: n(margin) });
    let [pos] = await c.data<Position[]>("positions", { symbol: "BTC_USDT.swap" });
    assert.equal(pos.amount, 5);
    assert.equal(pos.price, n(ask));
    assert.equal(pos.margin_level, 5);
    assert.equal(pos.type, 0);

    // Funding: one second past the next funding time, the long pays notional at the mark × rate.
    const [funding] = await c.data<Funding[]>("fundings", { symbol: "BTC_USDT.swap" });
    assert.equal(funding.interval, 8 * 3_600_000);
    h.clock.now = funding.time + 1_000;
    const ticker = await c.data<Ticker>("ticker", { symbol: "BTC_USDT.swap" });
    // The mark: the median of bid, ask and last (funding and profit are on it).
    const mark = markOf(ticker);
    const payment = new Dec(5).mul("0.01").mul(mark).mul(funding.rate);
    assert.ok(!payment.isZero(), "the simulated rate is not zero at this time");
    [pos] = await c.data<Position[]>("positions", { symbol: "USDT.swap" });
    assert.equal(pos.profit, n(new Dec(5).mul("0.01").mul(mark.minus(ask))));
    b = await balances(c);
    free = free.minus(payment);
    assert.deepEqual(b.USDT, { free: n(free), frozen: n(margin) });
    const [nextFunding] = await c.data<Funding[]>("fundings", { symbol: "BTC_USDT.swap" });
    assert.equal(nextFunding.time, funding.time + 8 * 3_600_000);

    // Close at the bid: realised PnL on 5 contracts, margin back, taker fee on the closing notional.
    const now = await c.data<Depth>("depth", { symbol: "BTC_USDT.swap", limit: 5 });
    const bid = new Dec(now.bids[0][0]);
    const close = await c.data<{ id: string }>("trade", {
      symbol: "BTC_USDT.swap",
      type: "closebuy",
      price: -1,
      amount: 5,
    });
    const pnl = new Dec(5).mul("0.01").mul(bid.minus(ask));
    const closeFee = new Dec(5).mul("0.01").mul(bid).mul("0.001");
    b = await balances(c);
    assert.deepEqual(b.USDT, { free: n(free.plus(margin).plus(pnl).minus(closeFee)), frozen: 0 });
    assert.deepEqual(await c.data("positions", { symbol: "USDT.swap" }), []);
    const order = await c.data<Order>("order", { id: close.id, symbol: "BTC_USDT.swap" });
    assert.equal(order.offset, "close");
    assert.equal(order.type, "sell");
    assert.equal(order.status, "filled");
  });

  it("IO: a deposit adds funds, a reset gives the starting balances back", async () => {
    const c = h.spot.with({ accessKey: "io-account" });
    const dep = await c.io<{ balances: Balance[] }>("POST", "/paper/deposit", "currency=USDT&amount=500.5");
    assert.deepEqual(dep.data?.balances, [{ currency: "USDT", free: 10500.5, frozen: 0 }]);
    await c.data("trade", { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0.01" });
    const reset = await c.io<{ balances: Balance[] }>("POST", "/paper/reset");
    assert.deepEqual(reset.data?.balances, [{ currency: "USDT", free: 10000, frozen: 0 }]);
    assert.deepEqual(await c.data("orders", { symbol: "BTC_USDT" }), []);
    assert.match((await c.io("GET", "/api/v5/account/balance")).error ?? "", /^not supported: IO/);
  });
});
