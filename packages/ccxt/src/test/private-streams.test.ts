// Private streams on a ccxt okx mount against the stand-in's /ws/v5/private, through a real gateway: after
// warm-up, robots polling accounts, orders, order and positions cause no private REST request, and every
// answer is the one a mount without private streams (REST) gives, after each change to the account.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { OrderRef } from "@fmz-gateway/core";
import { waitFor } from "@fmz-gateway/okx-standin/test-support";
import {
  type PrivateHarness,
  assertRightNow,
  assertServedAsRest,
  questionsOf,
  startPrivateHarness,
} from "./private-harness";

let h: PrivateHarness;
const { spot, swap } = questionsOf(() => h);
before(async () => {
  h = await startPrivateHarness();
});
after(async () => {
  await h.close();
});

/** What the robots poll on the spot mount (plus `order` for each id given). */
async function spotAsRest(ids: readonly string[] = []): Promise<void> {
  await assertServedAsRest(h, spot("accounts"));
  await assertServedAsRest(h, spot("assets"));
  await assertServedAsRest(h, spot("orders", { symbol: "BTC_USDT" }));
  for (const id of ids) await assertServedAsRest(h, spot("order", { id }), `order ${id}`);
}

async function trade(client: typeof h.p, params: Record<string, unknown>): Promise<string> {
  const r = await client.call<OrderRef>("trade", params);
  assert.equal(r.error, undefined, r.error);
  return r.data?.id ?? "";
}

const orderIdOf = (id: string) => id.slice(id.indexOf(",") + 1);

describe("ccxt okx private streams: served as REST answers, without REST", () => {
  it("warms up: accounts, orders and positions come from the stream", async () => {
    await spotAsRest();
    await assertServedAsRest(h, swap("positions", { symbol: "BTC_USDT.swap" }));
    await assertServedAsRest(h, swap("accounts"));
  });

  it("an order placed through the gateway, then filled by the market moving", async () => {
    const id = await trade(h.p, { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0.01" });
    await spotAsRest([id]);
    h.standin.setTicker("BTC-USDT", { last: "29000" });
    await spotAsRest([id]);
    const r = await h.p.data<{ status: string }>("order", { id });
    assert.equal(r.status, "filled");
  });

  it("an order placed and one cancelled outside the gateway", async () => {
    h.standin.setTicker("BTC-USDT", { last: "60000" });
    const placed = await h.outside.createOrder("BTC/USDT", "limit", "buy", 0.02, 31000);
    await spotAsRest([`BTC-USDT,${String(placed.id)}`]);
    await h.outside.cancelOrder(String(placed.id), "BTC/USDT");
    await spotAsRest([`BTC-USDT,${String(placed.id)}`]);
  });

  it("a partial fill", async () => {
    const id = await trade(h.p, { symbol: "BTC_USDT", type: "sell", price: "70000", amount: "0.03" });
    await spotAsRest([id]);
    h.standin.fillOrder(orderIdOf(id), "0.01");
    await spotAsRest([id]);
    assert.equal((await h.p.data<{ status: string }>("order", { id })).status, "partial-filled");
  });

  it("positions on a swap mount follow fills", async () => {
    await trade(h.pSwap, { symbol: "BTC_USDT.swap", type: "buy", price: "-1", amount: "2" });
    await assertServedAsRest(h, swap("positions", { symbol: "BTC_USDT.swap" }));
    await assertServedAsRest(h, swap("positions", { symbol: "USDT.swap" }));
    await assertServedAsRest(h, swap("accounts"));
    const id = await trade(h.pSwap, {
      symbol: "BTC_USDT.swap",
      type: "closebuy",
      price: "70000",
      amount: "1",
    });
    h.standin.fillOrder(orderIdOf(id), "1");
    await assertServedAsRest(h, swap("positions", { symbol: "BTC_USDT.swap" }));
    await assertServedAsRest(h, swap("order", { id }), `order ${id}`);
  });

  /** A trade, then at once order, orders and accounts; a cancel, then the same. */
  async function tradeAndCancelRightNow(price: string): Promise<void> {
    const id = await trade(h.p, { symbol: "BTC_USDT", type: "buy", price, amount: "0.01" });
    const rightNow = async () => {
      await assertRightNow(spot("order", { id }));
      await assertRightNow(spot("orders", { symbol: "BTC_USDT" }));
      await assertRightNow(spot("accounts"));
    };
    await rightNow();
    const c = await h.p.call("cancel", { id });
    assert.equal(c.error, undefined, c.error);
    await rightNow();
  }

  it("trade, then at once order, orders and accounts: right", async () => {
    await tradeAndCancelRightNow("32000");
  });

  it("the same while the exchange's pushes are 1.5 s late: REST answers meanwhile", async () => {
    await spotAsRest();
    h.standin.ws.delayPrivate(1500);
    try {
      await tradeAndCancelRightNow("33000");
    } finally {
      h.standin.ws.delayPrivate(0);
    }
    await spotAsRest();
  });

  it("one stream per account, however many robots ask", async () => {
    await Promise.all(Array.from({ length: 10 }, () => h.p.call("accounts", {})));
    await waitFor(() => h.standin.ws.privateConnections() > 0, 5_000, "a private connection");
    // One account, two mounts with private streams: one socket each.
    assert.equal(h.standin.ws.privateConnections(), 2);
  });
});
