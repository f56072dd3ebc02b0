// Funding on a paper mount whose market is the OKX stand-in's: paid at the time and rate the source's
// /public/funding-rate states (set by the test, so nobody waits for 08:00 UTC), on Q × mark, longs paying
// a positive rate and shorts receiving it, once per settlement; each payment is a ledger row, and the
// ledger adds up to the balance across fills, fees, funding and a liquidation. A harness of its own: a
// mount asks a live source for funding at most once a minute, so it must not have asked before the test.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { Dec, type Position } from "@fmz-gateway/core";
import type { DockerClient } from "@fmz-gateway/testkit";
import { assertAddsUp, ledger } from "./ledger-checks";
import { BTC_SWAP, type OkxSourceHarness, longLiquidationPrice, startOkxSource } from "./okx-source";

const SYMBOL = "BTC_USDT.swap";
const RATE = "0.0003";

let h: OkxSourceHarness;
before(async () => {
  h = await startOkxSource();
});
after(async () => {
  await h.close();
});

/** Puts the stand-in's BTC swap at `last`, bid and ask one tick either side: the mark is `last`. */
async function position(c: DockerClient): Promise<Position | undefined> {
  return (await c.data<Position[]>("positions", { symbol: SYMBOL }))[0];
}

describe("funding over the OKX stand-in", () => {
  it("is paid at the source's funding time and rate on Q × mark, once, and the ledger adds up through a liquidation", async () => {
    h.moveSwap("60000");
    const due = Date.now() + 800;
    h.standin.setFunding("BTC-USDT-SWAP", { time: due, rate: RATE });
    const long = h.swap.with({ accessKey: "funding-long" });
    const short = h.swap.with({ accessKey: "funding-short" });
    await long.data("marginlevel", { symbol: SYMBOL, marginLevel: 50 });
    await long.data("trade", { symbol: SYMBOL, type: "buy", price: -1, amount: 10 });
    await short.data("trade", { symbol: SYMBOL, type: "sell", price: -1, amount: 4 });
    const [fundings] = await long.data<Array<{ time: number; rate: number }>>("fundings", { symbol: SYMBOL });
    assert.deepEqual({ time: fundings.time, rate: fundings.rate }, { time: due, rate: Number(RATE) });
    assert.equal((await ledger(long)).filter((r) => r.type === "funding").length, 0, "not before its time");

    await sleep(due - Date.now() + 50);
    const mark = new Dec("60000");
    const longPos = await position(long);
    const shortPos = await position(short);
    const longRows = await assertAddsUp(long);
    const shortRows = await assertAddsUp(short);
    const paid = longRows.filter((r) => r.type === "funding");
    const received = shortRows.filter((r) => r.type === "funding");
    assert.equal(paid.length, 1);
    assert.equal(received.length, 1);
    assert.deepEqual(
      { symbol: paid[0].symbol, amount: paid[0].amount, price: paid[0].price, change: paid[0].change },
      {
        symbol: SYMBOL,
        amount: 10,
        price: 60000,
        change: new Dec(10).mul(BTC_SWAP.ctVal).mul(mark).mul(RATE).neg().toNumber(),
      },
      "a long pays a positive rate on its notional at the mark",
    );
    assert.equal(
      received[0].change,
      new Dec(4).mul(BTC_SWAP.ctVal).mul(mark).mul(RATE).toNumber(),
      "a short receives it",
    );
    // The positions themselves are untouched: funding moves the balance, not the margin (free covered it).
    assert.equal(longPos?.amount, 10);
    assert.equal(shortPos?.amount, 4);

    // The same settlement is never paid twice, however often the market is looked at.
    await position(long);
    await position(short);
    assert.equal((await ledger(long)).filter((r) => r.type === "funding").length, 1);
    assert.equal((await ledger(short)).filter((r) => r.type === "funding").length, 1);

    // The long's mark falls through its liquidation price: a liquidation row, and the ledger still adds up.
    assert.ok(longPos);
    const liquidationPrice = longLiquidationPrice(10, longPos.price, longPos.margin);
    h.moveSwap(liquidationPrice.minus(5).toDecimalPlaces(1, Dec.ROUND_DOWN));
    assert.equal(await position(long), undefined, "liquidated");
    const rows = await assertAddsUp(long);
    assert.deepEqual(
      [...new Set(rows.map((r) => r.type))],
      ["initial", "fill", "funding", "liquidation"],
      "fills (with their fees), the funding payment and the liquidation, oldest first",
    );
    await assertAddsUp(short);
  });
});
