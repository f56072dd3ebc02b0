// OKX private streams, through the real gateway against the stand-in: after warm-up, `accounts`, `orders`,
// `order` and `positions` come from the account's private websocket with no private REST request, and
// every answer equals the REST answer (the stand-in's truth) after each kind of change; the gateway's own
// `trade` and `cancel` are visible at once, also with pushes delayed by 1.5 s.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { Order, Position } from "@fmz-gateway/core";
import { waitFor } from "@fmz-gateway/okx-standin/test-support";
import type { DockerClient } from "@fmz-gateway/testkit";
import { type PrivateHarness, startPrivateHarness } from "./private-support";

let h: PrivateHarness;
before(async () => {
  h = await startPrivateHarness();
});
after(async () => {
  await h.close();
});
beforeEach(() => {
  h.standin.ws.delayPrivate(0);
});

interface OrderRef {
  id: string;
}

/** The answers a strategy's loop asks for, on one mount. */
async function answers(c: DockerClient, symbol: string, ids: readonly string[], contracts: boolean) {
  const out: Record<string, unknown> = {
    accounts: await c.data("accounts"),
    orders: await c.data<Order[]>("orders", { symbol }),
  };
  for (const id of ids) out[`order ${id}`] = await c.data<Order>("order", { id });
  if (contracts) out.positions = await c.data<Position[]>("positions", { symbol });
  return out;
}

/**
 * The streamed mount's answers equal the REST mount's, asked after the change: waits (asking again) for
 * pushes still on their way, then proves the streamed answers cost no private REST request.
 */
async function assertServedAndTrue(
  streamed: DockerClient,
  rest: DockerClient,
  symbol: string,
  ids: readonly string[],
  contracts: boolean,
  change: string,
): Promise<void> {
  const truth = await answers(rest, symbol, ids, contracts);
  const mark = h.mark();
  let last: unknown;
  await waitFor(
    async () => {
      last = await answers(streamed, symbol, ids, contracts);
      return JSON.stringify(last) === JSON.stringify(truth);
    },
    5000,
    `the streamed answers after ${change} to equal REST's`,
  ).catch(() => assert.deepEqual(last, truth, `after ${change}`));
  assert.deepEqual(
    h.privateReadsSince(mark).map((r) => r.path),
    [],
    `after ${change}: answered from the private stream`,
  );
}

describe("OKX private streams: spot", () => {
  it("after warm-up every answer comes from the stream and equals REST after each change", async () => {
    const { ps, rest } = h;
    await h.waitPrivateLive(ps.spot);
    await assertServedAndTrue(ps.spot, rest.spot, "BTC_USDT", [], false, "warm-up");

    // An order placed for the same key from outside the gateway's streamed mount.
    const outside = await rest.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: 50000,
      amount: "0.01",
    });
    await assertServedAndTrue(ps.spot, rest.spot, "BTC_USDT", [outside.id], false, "an outside order");

    // A second and a third open order (the list's order must be REST's, newest first).
    const other = await rest.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "sell",
      price: 70000,
      amount: "0.02",
    });
    const third = await ps.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "sell",
      price: 71000,
      amount: "0.03",
    });
    const open = [outside.id, other.id, third.id];
    await assertServedAndTrue(ps.spot, rest.spot, "BTC_USDT", open, false, "three open orders");
    assert.equal((await ps.spot.data<Order[]>("orders", { symbol: "BTC_USDT" })).length, 3);

    // A partial fill, then the market moving through the price fills the rest.
    const ordId = outside.id.split(",")[1];
    h.standin.fillOrder(ordId, "0.004");
    await assertServedAndTrue(ps.spot, rest.spot, "BTC_USDT", open, false, "a partial fill");
    h.standin.setTicker("BTC-USDT", { last: "49990" });
    await assertServedAndTrue(ps.spot, rest.spot, "BTC_USDT", open, false, "a fill by the market");
    const filled = await ps.spot.data<Order>("order", { id: outside.id });
    assert.equal(filled.status, "filled");
    assert.equal(filled.deal_amount, 0.01);

    // Orders cancelled from outside.
    await rest.spot.data("cancel", { id: other.id });
    await assertServedAndTrue(ps.spot, rest.spot, "BTC_USDT", open, false, "an outside cancel");
    await rest.spot.data("cancel", { id: third.id });
    await assertServedAndTrue(ps.spot, rest.spot, "BTC_USDT", open, false, "a second outside cancel");
    h.standin.setTicker("BTC-USDT", { last: "60000" });
  });

  for (const delayMs of [0, 1500]) {
    it(`trade, then at once order, orders and accounts are right; so is cancel (pushes delayed ${delayMs} ms)`, async () => {
      const { ps, rest } = h;
      await h.waitPrivateLive(ps.spot);
      h.standin.ws.delayPrivate(delayMs);
      const placed = await ps.spot.data<OrderRef>("trade", {
        symbol: "BTC_USDT",
        type: "buy",
        price: 40000,
        amount: "0.05",
      });
      const now = await answers(ps.spot, "BTC_USDT", [placed.id], false);
      assert.deepEqual(now, await answers(rest.spot, "BTC_USDT", [placed.id], false), "after trade");
      assert.equal((now[`order ${placed.id}`] as Order).status, "pending");
      assert.ok((now.orders as Order[]).some((o) => o.id === placed.id));

      assert.equal(await ps.spot.data("cancel", { id: placed.id }), true);
      const after = await answers(ps.spot, "BTC_USDT", [placed.id], false);
      assert.deepEqual(after, await answers(rest.spot, "BTC_USDT", [placed.id], false), "after cancel");
      assert.equal((after[`order ${placed.id}`] as Order).status, "canceled");
      assert.ok(!(after.orders as Order[]).some((o) => o.id === placed.id));
    });
  }
});

describe("OKX private streams: swap", () => {
  it("positions, orders and accounts from the stream equal REST through open, partial fill and close", async () => {
    const { ps, rest } = h;
    await h.waitPrivateLive(ps.swap);
    await assertServedAndTrue(ps.swap, rest.swap, "BTC_USDT", [], true, "warm-up");
    // A market order opens a position from outside; the market moves.
    await rest.swap.data("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "3" });
    await assertServedAndTrue(ps.swap, rest.swap, "BTC_USDT", [], true, "an outside market order");
    // A resting close, partly filled, then filled by the market.
    const close = await rest.swap.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "closebuy",
      price: 61000,
      amount: "3",
    });
    await assertServedAndTrue(ps.swap, rest.swap, "BTC_USDT", [close.id], true, "a resting close");
    h.standin.fillOrder(close.id.split(",")[1], "1");
    await assertServedAndTrue(ps.swap, rest.swap, "BTC_USDT", [close.id], true, "a partial close");
    h.standin.setTicker("BTC-USDT-SWAP", { last: "61010" });
    await assertServedAndTrue(ps.swap, rest.swap, "BTC_USDT", [close.id], true, "the close filled");
    assert.deepEqual(await ps.swap.data("positions", { symbol: "BTC_USDT" }), []);
  });

  for (const delayMs of [0, 1500]) {
    it(`trade then at once positions and accounts are right (pushes delayed ${delayMs} ms)`, async () => {
      const { ps, rest } = h;
      await h.waitPrivateLive(ps.swap);
      h.standin.ws.delayPrivate(delayMs);
      await ps.swap.data("trade", { symbol: "ETH_USDT", type: "sell", price: -1, amount: "2" });
      const opened = await ps.swap.data<Position[]>("positions", { symbol: "ETH_USDT" });
      assert.deepEqual(opened, await rest.swap.data("positions", { symbol: "ETH_USDT" }));
      assert.equal(opened.length, 1);
      assert.deepEqual(await ps.swap.data("accounts"), await rest.swap.data("accounts"));
      await ps.swap.data("trade", { symbol: "ETH_USDT", type: "closesell", price: -1, amount: "2" });
      assert.deepEqual(await ps.swap.data("positions", { symbol: "ETH_USDT" }), []);
      assert.deepEqual(await ps.swap.data("accounts"), await rest.swap.data("accounts"));
    });
  }
});
