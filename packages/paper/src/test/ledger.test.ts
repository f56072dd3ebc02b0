// The ledger through the protocol (`exchange.IO("api", "GET", "/paper/ledger")`): every fill, fee,
// funding payment, deposit, liquidation and reset, oldest first, and the changes add up to the balance.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Balance, Dec, type Funding, type Position } from "@fmz-gateway/core";
import { findSimInstrument } from "../simulated/instruments";
import { type Harness, T0, markOf, startHarness } from "./harness";
import { assertAddsUp, ledger } from "./ledger-checks";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

describe("the paper ledger", () => {
  it("spot fills: one row per currency moved, the fee on the currency it was taken in", async () => {
    h.clock.now = T0;
    const c = h.spot.with({ accessKey: "ledger-spot" });
    await c.data("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "600" });
    const [btc] = (await c.data<Balance[]>("accounts")).filter((b) => b.currency === "BTC");
    await c.data("trade", { symbol: "BTC_USDT", type: "sell", price: -1, amount: String(btc.free) });
    const rows = await assertAddsUp(c);
    assert.deepEqual(rows[0], {
      id: rows[0].id,
      time: T0,
      type: "initial",
      symbol: null,
      currency: "USDT",
      amount: null,
      price: null,
      fee: null,
      profit: null,
      change: 10000,
      balance: 10000,
      orderId: null,
    });
    const fills = rows.filter((r) => r.type === "fill");
    assert.ok(fills.length >= 4, "a buy and a sell, two currencies each");
    for (const f of fills) {
      assert.equal(f.symbol, "BTC_USDT");
      assert.match(f.orderId ?? "", /^BTC_USDT,\d+$/);
      assert.ok(f.amount && f.price && f.amount > 0 && f.price > 0);
      if (f.currency === "BTC" && f.change > 0) {
        // A buy's BTC row: the amount bought minus the fee (taker 0.1 % of it, in BTC).
        assert.equal(f.fee, new Dec(String(f.amount)).mul("0.001").toNumber());
        assert.equal(f.change, new Dec(String(f.amount)).minus(String(f.fee)).toNumber());
      }
    }
  });

  it("swap: fills, fees, funding and a liquidation add up to the balance; a reset is a row too", async () => {
    h.clock.now = T0;
    const c = h.swap.with({ accessKey: "ledger-swap" });
    await c.io("POST", "/paper/deposit", "currency=USDT&amount=250.5");
    await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 100 });
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 20 });
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "sell", price: -1, amount: 5 });

    // A funding payment, one second after the funding time.
    const [funding] = await c.data<Funding[]>("fundings", { symbol: "BTC_USDT.swap" });
    h.clock.now = funding.time + 1_000;
    const [pos] = await c.data<Position[]>("positions", { symbol: "BTC_USDT.swap" });
    assert.equal(pos.amount, 15);
    let rows = await assertAddsUp(c);
    const paid = rows.filter((r) => r.type === "funding");
    assert.equal(paid.length, 1);
    const ticker = h.market("SIM_SWAP").ticker(findSimInstrument("BTC_USDT.swap")!, h.clock.now);
    assert.equal(
      paid[0].change,
      new Dec(15).mul("0.01").mul(markOf(ticker)).mul(funding.rate).neg().toNumber(),
      "longs pay the rate on the notional at the mark",
    );

    // Move on until the mark falls through the liquidation price (a 100× long: about 0.5 % down).
    const inst = findSimInstrument("BTC_USDT.swap")!;
    const q = new Dec(15).mul("0.01");
    const entry = new Dec(pos.price);
    const liquidation = q.mul(entry).minus(pos.margin).div(q.mul("0.995"));
    let t = h.clock.now;
    while (markOf(h.market("SIM_SWAP").ticker(inst, t)).gte(liquidation)) t += 10_000;
    h.clock.now = t;
    assert.deepEqual(await c.data("positions", { symbol: "BTC_USDT.swap" }), []);
    rows = await assertAddsUp(c);
    assert.deepEqual(
      [...new Set(rows.map((r) => r.type))],
      ["initial", "deposit", "fill", "funding", "liquidation"],
    );
    const liq = rows.filter((r) => r.type === "liquidation");
    assert.equal(liq.length, 1);
    assert.equal(liq[0].amount, 15);
    assert.ok(liq[0].change < 0 && (liq[0].fee ?? 0) > 0);

    // since and limit: a window of the same rows, still oldest first.
    const since = rows[2].time;
    assert.deepEqual(
      await ledger(c, `since=${since}`),
      rows.filter((r) => r.time >= since),
    );
    assert.deepEqual(await ledger(c, "limit=2"), rows.slice(0, 2));

    await c.io("POST", "/paper/reset");
    rows = await assertAddsUp(c);
    const reset = rows.at(-1);
    assert.equal(reset?.type, "reset");
    assert.equal(reset?.balance, 10000);
  });

  it("refuses what it cannot read, naming the rule", async () => {
    const c = h.swap.with({ accessKey: "ledger-bad" });
    for (const query of ["limit=0", "limit=1001", "limit=abc", "since=-1", "since=1e3", "limit=2.5"]) {
      const r = await c.io("GET", "/paper/ledger", query);
      assert.match(
        r.error ?? "",
        /^SIM_SWAP BAD_IO: ledger (limit|since) must be a whole number from \d+ to \d+$/,
        query,
      );
    }
    const post = await c.io("POST", "/paper/ledger");
    assert.match(post.error ?? "", /^not supported: IO POST \/paper\/ledger/);
    // Another account's rows are its own.
    assert.deepEqual(
      (await ledger(c)).map((r) => r.type),
      ["initial"],
    );
  });
});
