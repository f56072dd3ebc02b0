// The derivatives model on a paper mount whose market is the OKX stand-in's, moved by the test: the
// leverage cap, margin recomputed on a leverage change, a liquidation end to end, offsets, long/short
// (hedge) mode through a full cycle, and the frozen amount of pending closes. Balances are checked to
// the last decimal against what the stand-in's book says each fill must have been.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type Balance,
  Dec,
  type Depth,
  type DepthLevel,
  type Order,
  type Position,
  shownKey,
} from "@fmz-gateway/core";
import type { DockerClient } from "@fmz-gateway/testkit";
import type { LedgerEntryView } from "../io";
import { BTC_SWAP, type OkxSourceHarness, longLiquidationPrice, startOkxSource } from "./okx-source";

const TAKER = new Dec("0.001");

let h: OkxSourceHarness;
before(async () => {
  h = await startOkxSource();
});
after(async () => {
  await h.close();
});

async function usdt(c: DockerClient): Promise<{ free: Dec; frozen: Dec }> {
  const list = await c.data<Balance[]>("accounts");
  const b = list.find((x) => x.currency === "USDT");
  return { free: new Dec(b?.free ?? 0), frozen: new Dec(b?.frozen ?? 0) };
}

/** What a market order of `amount` contracts takes from one side of the book: its notional in USDT. */
function walk(levels: readonly DepthLevel[], amount: Dec): Dec {
  let left = amount;
  let notional = new Dec(0);
  for (const [price, size] of levels) {
    const take = Dec.min(left, size);
    notional = notional.plus(take.mul(BTC_SWAP.ctVal).mul(price));
    left = left.minus(take);
    if (left.isZero()) return notional;
  }
  throw new Error("the book is too thin for the test");
}

async function book(c: DockerClient): Promise<Depth> {
  return c.data<Depth>("depth", { symbol: "BTC_USDT.swap", limit: 50 });
}

const marginAt = (notional: Dec, leverage: number) =>
  notional.div(leverage).toDecimalPlaces(10, Dec.ROUND_UP);
const n = (d: Dec) => d.toNumber();

async function position(c: DockerClient, type?: 0 | 1): Promise<Position | undefined> {
  const list = await c.data<Position[]>("positions", { symbol: "BTC_USDT.swap" });
  return list.find((p) => type === undefined || p.type === type);
}

describe("paper derivatives over the OKX stand-in", () => {
  it("leverage is capped at the instrument's maximum (OKX lever), and defaults within it", async () => {
    h.moveSwap("60000");
    const c = h.swap.with({ accessKey: "lever-cap" });
    for (const level of [101, 500, 1000, 100_000].slice(0, 3)) {
      const r = await c.call("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: level });
      assert.match(
        r.error ?? "",
        new RegExp(
          `^PAPER_SWAP MAX_LEVERAGE: marginlevel ${level} is above the maximum leverage of BTC_USDT.swap, 100`,
        ),
      );
    }
    await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 100 });
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 1 });
    assert.equal((await position(c))?.margin_level, 100);
    const fresh = h.swap.with({ accessKey: "lever-default" });
    await fresh.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 1 });
    assert.equal((await position(fresh))?.margin_level, 10, "the mount's default leverage, 10");
  });

  it("a leverage change recomputes an open position's margin, or is refused when free cannot fund it", async () => {
    h.moveSwap("60000");
    const c = h.swap.with({ accessKey: "lever-margin" });
    await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 20 });
    const depth = await book(c);
    const notional = walk(depth.asks, new Dec(10));
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 10 });
    const fee = notional.mul(TAKER);
    const at20 = marginAt(notional, 20);
    let pos = await position(c);
    assert.equal(pos?.margin, n(at20));
    assert.deepEqual(await usdt(c), { free: new Dec(10000).minus(fee).minus(at20), frozen: at20 });

    // 20× → 5×: four times the margin, the difference taken from free; the label and the margin agree.
    await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 5 });
    const entry = new Dec(pos?.price ?? 0);
    const at5 = new Dec(10).mul(BTC_SWAP.ctVal).mul(entry).div(5).toDecimalPlaces(10, Dec.ROUND_UP);
    assert.ok(at5.minus(at20.mul(4)).abs().lt("0.0001"), "about four times the margin at 20×");
    pos = await position(c);
    assert.equal(pos?.margin_level, 5);
    assert.equal(pos?.margin, n(at5));
    assert.deepEqual(await usdt(c), { free: new Dec(10000).minus(fee).minus(at5), frozen: at5 });

    // Adding to it uses the leverage it shows: the margin stays notional / 5.
    const more = walk((await book(c)).asks, new Dec(2));
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 2 });
    pos = await position(c);
    assert.equal(pos?.margin, n(at5.plus(marginAt(more, 5))));

    // A resting order holds margin at 5×: changing the leverage under it is refused until it is cancelled.
    const resting = await c.data<{ id: string }>("trade", {
      symbol: "BTC_USDT.swap",
      type: "buy",
      price: "50000",
      amount: 1,
    });
    const pending = await c.call("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 10 });
    assert.match(pending.error ?? "", /^PAPER_SWAP PENDING_ORDERS: cancel the open orders on BTC_USDT\.swap/);
    await c.data("cancel", { id: resting.id, symbol: "BTC_USDT.swap" });

    assert.equal((await position(c))?.margin_level, 5);
  });

  it("a leverage change the account cannot fund is refused, and changes nothing", async () => {
    h.moveSwap("60000");
    const c = h.swap.with({ accessKey: "lever-refused" });
    await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 100 });
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 100 });
    // 1× needs the whole notional (about 60,000 USDT) as margin; about 9,340 is free.
    const before = await usdt(c);
    const refused = await c.call("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 1 });
    assert.match(
      refused.error ?? "",
      /^PAPER_SWAP INSUFFICIENT_MARGIN: marginlevel 1 needs [\d.]+ USDT more margin for the open BTC_USDT\.swap position, [\d.]+ USDT is free/,
    );
    assert.deepEqual(await usdt(c), before);
    const pos = await position(c);
    assert.deepEqual([pos?.margin_level, pos?.margin], [100, n(before.frozen)]);
  });

  it("a liquidation: the mark crosses the liquidation price, a forced close fills, the loss is exact and logged", async () => {
    h.moveSwap("60000");
    const c = h.swap.with({ accessKey: "liquidated-trader" });
    await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 100 });
    const notional = walk((await book(c)).asks, new Dec(10));
    const open = await c.data<{ id: string }>("trade", {
      symbol: "BTC_USDT.swap",
      type: "buy",
      price: -1,
      amount: 10,
    });
    const openFee = notional.mul(TAKER);
    const margin = marginAt(notional, 100);
    const q = new Dec(10).mul(BTC_SWAP.ctVal);
    const entry = notional.div(q).toSignificantDigits(20);
    const liquidationPrice = longLiquidationPrice(10, entry, margin);

    // Above it by a little: still open. The mark is the median of bid, ask and last (here: last).
    h.moveSwap(liquidationPrice.plus(1).toDecimalPlaces(1, Dec.ROUND_UP).toFixed());
    assert.equal((await position(c))?.amount, 10);

    const mark = liquidationPrice.minus(20).toDecimalPlaces(1, Dec.ROUND_DOWN);
    h.moveSwap(mark.toFixed());
    assert.deepEqual(await c.data("positions", { symbol: "BTC_USDT.swap" }), [], "the position is gone");
    const pnl = q.mul(mark.minus(entry));
    const fee = q.mul(mark).mul(TAKER);
    assert.ok(pnl.minus(fee).gt(margin.neg()), "the loss and fee fit in the margin here");
    const expected = new Dec(10000).minus(openFee).plus(pnl).minus(fee);
    assert.deepEqual(await usdt(c), { free: expected, frozen: new Dec(0) });

    const history = await c.data<Order[]>("historyorders", { symbol: "BTC_USDT.swap" });
    const forced = history.find((o) => o.liquidation === true);
    assert.ok(forced, "the forced order is in historyorders");
    assert.deepEqual(
      { ...forced, id: undefined },
      {
        id: undefined,
        symbol: "BTC_USDT.swap",
        amount: 10,
        price: n(mark),
        deal_amount: 10,
        avg_price: n(mark),
        type: "sell",
        status: "filled",
        offset: "close",
        contract_type: "swap",
        liquidation: true,
      },
    );
    const opened = await c.data<Order>("order", { id: open.id, symbol: "BTC_USDT.swap" });
    assert.equal(opened.liquidation, undefined, "an ordinary order says nothing of liquidation");

    // Other accounts' positions on the same market may go too; this account's line names its hash.
    const log = h.log();
    const shown = shownKey("liquidated-trader");
    const line = log.split("\n").find((l) => l.includes(`${shown}'s`));
    assert.ok(line, "a warning line says so");
    assert.match(line, / warn /);
    assert.ok(
      line.includes(
        `${shown}'s long 10 BTC_USDT.swap was liquidated at mark ${mark.toFixed()} (liquidation price ${liquidationPrice.toSignificantDigits(15).toFixed()}`,
      ),
      line,
    );
    assert.ok(!log.includes("liquidated-trader"), "the log names the account by its hash, not its key");

    const ledger = await c.io<LedgerEntryView[]>("GET", "/paper/ledger");
    const last = ledger.data?.at(-1);
    assert.equal(last?.type, "liquidation");
    assert.equal(last?.change, n(pnl.minus(fee)));
    assert.equal(last?.balance, n(expected));
    assert.equal(last?.orderId, forced.id);
  });

  it("a gap past the margin: the loss stops at the position's margin", async () => {
    h.moveSwap("60000");
    const c = h.swap.with({ accessKey: "gapped-trader" });
    await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 100 });
    const notional = walk((await book(c)).asks, new Dec(10));
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 10 });
    h.moveSwap("50000");
    assert.deepEqual(await c.data("positions", { symbol: "BTC_USDT.swap" }), []);
    const margin = marginAt(notional, 100);
    assert.deepEqual(await usdt(c), {
      free: new Dec(10000).minus(notional.mul(TAKER)).minus(margin),
      frozen: new Dec(0),
    });
  });

  it("offset says close for an order that reduced or closed a position, open otherwise", async () => {
    h.moveSwap("60000");
    const c = h.swap.with({ accessKey: "offsets" });
    const offset = async (type: string, amount: number) => {
      const { id } = await c.data<{ id: string }>("trade", {
        symbol: "BTC_USDT.swap",
        type,
        price: -1,
        amount,
      });
      return (await c.data<Order>("order", { id, symbol: "BTC_USDT.swap" })).offset;
    };
    assert.equal(await offset("buy", 5), "open");
    assert.equal(await offset("sell", 2), "close", "a sell against a long reduces it");
    assert.equal(await offset("sell", 5), "close", "closes the long's 3, then opens a short of 2");
    const pos = await position(c);
    assert.deepEqual([pos?.type, pos?.amount], [1, 2]);
    assert.equal(await offset("sell", 1), "open", "adds to the short");
    assert.equal(await offset("closesell", 3), "close");
    assert.deepEqual(await c.data("positions", { symbol: "BTC_USDT.swap" }), []);
  });

  it("long/short mode: a long and a short side by side, each closed by its own direction", async () => {
    h.moveSwap("60000");
    const c = h.hedge.with({ accessKey: "hedger" });
    const trade = (type: string, amount: number) =>
      c.data<{ id: string }>("trade", { symbol: "BTC_USDT.swap", type, price: -1, amount });
    const depth = await book(c);
    const longIn = walk(depth.asks, new Dec(5));
    const shortIn = walk(depth.bids, new Dec(3));
    await trade("buy", 5);
    await trade("sell", 3);
    let list = await c.data<Position[]>("positions", { symbol: "BTC_USDT.swap" });
    assert.deepEqual(list.map((p) => [p.type, p.amount, p.margin_level]).sort(), [
      [0, 5, 10],
      [1, 3, 10],
    ]);
    const margins = marginAt(longIn, 10).plus(marginAt(shortIn, 10));
    let b = await usdt(c);
    assert.deepEqual(b.frozen, margins, "each side holds its own margin");

    // closebuy closes the long (a sell), closesell the short (a buy); neither touches the other side.
    const closeLong = await trade("closebuy", 5);
    list = await c.data<Position[]>("positions", { symbol: "BTC_USDT.swap" });
    assert.deepEqual(
      list.map((p) => [p.type, p.amount]),
      [[1, 3]],
    );
    const closed = await c.data<Order>("order", { id: closeLong.id, symbol: "BTC_USDT.swap" });
    assert.deepEqual([closed.type, closed.offset, closed.status], ["sell", "close", "filled"]);
    const noLong = await c.call("trade", { symbol: "BTC_USDT.swap", type: "closebuy", price: -1, amount: 1 });
    assert.match(noLong.error ?? "", /^PAPER_HEDGE NO_POSITION: closebuy 1 needs a long position/);
    await trade("closesell", 3);
    assert.deepEqual(await c.data("positions", { symbol: "BTC_USDT.swap" }), []);

    // Exact: each side's realised profit is its closing notional against its entry, fees on all four.
    const longOut = walk(depth.bids, new Dec(5));
    const shortOut = walk(depth.asks, new Dec(3));
    const entryLong = longIn.div(new Dec(5).mul(BTC_SWAP.ctVal)).toSignificantDigits(20);
    const entryShort = shortIn.div(new Dec(3).mul(BTC_SWAP.ctVal)).toSignificantDigits(20);
    const pnl = longOut
      .minus(new Dec(5).mul(BTC_SWAP.ctVal).mul(entryLong))
      .plus(new Dec(3).mul(BTC_SWAP.ctVal).mul(entryShort).minus(shortOut));
    const fees = longIn.plus(shortIn).plus(longOut).plus(shortOut).mul(TAKER);
    b = await usdt(c);
    assert.deepEqual(b, { free: new Dec(10000).plus(pnl).minus(fees), frozen: new Dec(0) });
  });

  it("pending closes count in frozen_amount, and no close may take more than is left", async () => {
    h.moveSwap("60000");
    const c = h.swap.with({ accessKey: "frozen-closes" });
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 5 });
    const resting = await c.data<{ id: string }>("trade", {
      symbol: "BTC_USDT.swap",
      type: "closebuy",
      price: "90000",
      amount: 3,
    });
    let pos = await position(c);
    assert.deepEqual([pos?.amount, pos?.frozen_amount], [5, 3]);
    const tooMuch = await c.call("trade", {
      symbol: "BTC_USDT.swap",
      type: "closebuy",
      price: -1,
      amount: 5,
    });
    assert.match(
      tooMuch.error ?? "",
      /^PAPER_SWAP NO_POSITION: closebuy 5 needs a long position of at least that size on BTC_USDT\.swap; it is 5, of which 3 is held by pending closing orders, so 2 can be closed/,
    );
    await c.data("trade", { symbol: "BTC_USDT.swap", type: "closebuy", price: -1, amount: 2 });
    pos = await position(c);
    assert.deepEqual([pos?.amount, pos?.frozen_amount], [3, 3]);
    const open = await c.data<Order[]>("orders", { symbol: "BTC_USDT.swap" });
    assert.deepEqual(
      open.map((o) => [o.id, o.status]),
      [[resting.id, "submitted"]],
      "the resting close is untouched",
    );
    await c.data("cancel", { id: resting.id, symbol: "BTC_USDT.swap" });
    pos = await position(c);
    assert.deepEqual([pos?.amount, pos?.frozen_amount], [3, 0]);
  });

  it("a spot mount refuses contract symbols with a clear error", async () => {
    const c = h.spot.with({ accessKey: "spot-only" });
    for (const [method, params] of [
      ["trade", { symbol: "BTC_USDT.swap", type: "buy", price: -1, amount: 1 }],
      ["ticker", { symbol: "BTC_USDT.swap" }],
      ["positions", { symbol: "BTC_USDT.swap" }],
    ] as const) {
      const r = await c.call(method, params);
      assert.match(
        r.error ?? "",
        /^PAPER WRONG_MARKET: BTC_USDT\.swap is a contract and PAPER is a spot mount; trade contracts on a paper mount with "market": "swap"/,
        method,
      );
    }
    assert.deepEqual(await c.data("positions", { symbol: "USDT.swap" }), []);
  });
});
