// Orders, balances, positions and leverage through the real gateway, on spot and swap mounts.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { Balance, Order, OrderRef, Position } from "@fmz-gateway/core";
import { type Harness, LIVE, bodyOf, startHarness } from "./harness";

const PLACE = "/api/v5/trade/order";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});
beforeEach(() => {
  h.standin.reset();
});

function lastPlaced(): Record<string, unknown> {
  return bodyOf(h.requestsTo("POST", PLACE).at(-1));
}

describe("spot orders", () => {
  it("sends 0.1 + 0.2 as 0.3, with a client order id, and no float in the body", async () => {
    const ref = await h.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: 30000,
      amount: 0.1 + 0.2,
    });
    const raw = h.requestsTo("POST", PLACE).at(-1)?.body ?? "";
    assert.match(raw, /"sz":"0\.3"/);
    assert.match(raw, /"px":"30000"/);
    const body = JSON.parse(raw) as Record<string, unknown>;
    assert.match(String(body.clOrdId), /^[A-Za-z0-9]{1,32}$/);
    assert.equal(body.tdMode, "cash");
    for (const v of Object.values(body))
      assert.notEqual(typeof v, "number", "no JSON number in an order body");
    const [held] = h.standin.orders();
    assert.equal(held.sz, "0.3");
    assert.equal(ref.id, `BTC-USDT,${held.ordId}`);
  });

  it("rounds the price to the tick and the amount down to the lot", async () => {
    await h.spot.data("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "30000.06",
      amount: "0.0123456789",
    });
    assert.deepEqual([lastPlaced().px, lastPlaced().sz], ["30000.1", "0.01234567"]);
    await h.spot.data("trade", { symbol: "ETH_USDT", type: "buy", price: "1500.004", amount: "0.1" });
    assert.equal(lastPlaced().px, "1500");
  });

  it("refuses an amount below the minimum, naming it, without sending", async () => {
    const r = await h.spot.call("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "30000",
      amount: "0.000001",
    });
    assert.match(r.error ?? "", /below the minimum order size of BTC-USDT: 0\.00001 BTC/);
    assert.equal(h.requestsTo("POST", PLACE).length, 0);
  });

  it("spends quote currency on a market buy and reports the fill", async () => {
    const ref = await h.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: -1,
      amount: 600,
    });
    const body = lastPlaced();
    assert.deepEqual(
      [body.ordType, body.sz, body.tgtCcy, body.px],
      ["market", "600", "quote_ccy", undefined],
    );
    const o = await h.spot.data<Order>("order", { id: ref.id, symbol: "BTC_USDT" });
    assert.equal(o.status, "filled");
    assert.equal(o.amount, 600);
    assert.ok(o.deal_amount > 0.009 && o.deal_amount < 0.011, `bought about 0.01 BTC, got ${o.deal_amount}`);
    assert.ok(o.avg_price > 50000);
    assert.equal(o.offset, undefined);
  });

  it("sells base currency on a market sell", async () => {
    await h.spot.data<OrderRef>("trade", { symbol: "BTC_USDT", type: "sell", price: 0, amount: "0.01" });
    assert.deepEqual([lastPlaced().sz, lastPlaced().tgtCcy, lastPlaced().side], ["0.01", "base_ccy", "sell"]);
  });

  it("round trip: order, orders, cancel, history; a second cancel carries OKX's sCode", async () => {
    const { id } = await h.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "30000",
      amount: "0.01",
    });
    const open = await h.spot.data<Order>("order", { id, symbol: "BTC_USDT" });
    assert.deepEqual(
      [
        open.id,
        open.symbol,
        open.type,
        open.price,
        open.amount,
        open.deal_amount,
        open.avg_price,
        open.status,
      ],
      [id, "BTC_USDT", "buy", 30000, 0.01, 0, 0, "pending"],
    );
    const listed = await h.spot.data<Order[]>("orders", { symbol: "BTC_USDT" });
    assert.deepEqual(
      listed.map((o) => o.id),
      [id],
    );
    assert.deepEqual(await h.spot.data<Order[]>("orders", { symbol: "ETH_USDT" }), []);
    assert.equal(await h.spot.data("cancel", { id, symbol: "BTC_USDT" }), true);
    const done = await h.spot.data<Order>("order", { id });
    assert.equal(done.status, "canceled");
    const history = await h.spot.data<Order[]>("historyorders", { symbol: "BTC_USDT", since: 0, limit: 0 });
    assert.ok(history.some((o) => o.id === id));
    const again = await h.spot.call("cancel", { id, symbol: "BTC_USDT" });
    assert.equal(
      again.error,
      "OKX 51400: Order cancellation failed as the order has been filled, canceled or does not exist.",
    );
  });

  it("order of an unknown id carries OKX's 51603", async () => {
    const r = await h.spot.call("order", { id: "BTC-USDT,123456789", symbol: "BTC_USDT" });
    assert.equal(r.error, "OKX 51603: Order does not exist.");
    const bad = await h.spot.call("order", { id: "nonsense" });
    assert.match(bad.error ?? "", /invalid order id/);
  });

  it("orders reads every page of orders-pending", async () => {
    for (let i = 0; i < 103; i++) {
      await h.spot.data("trade", {
        symbol: "BTC_USDT",
        type: "buy",
        price: String(20000 + i),
        amount: "0.0001",
      });
    }
    h.standin.clearRequests();
    const list = await h.spot.data<Order[]>("orders", { symbol: "BTC_USDT" });
    assert.equal(list.length, 103);
    assert.equal(new Set(list.map((o) => o.id)).size, 103);
    const pages = h.requestsTo("GET", "/api/v5/trade/orders-pending");
    assert.equal(pages.length, 2);
    assert.match(pages[1].query, /after=\d+/);
  });

  it("historyorders honours since and limit, and reaches into the archive only when the range needs it", async () => {
    const ids: string[] = [];
    for (const price of ["30000", "30001", "30002"]) {
      const { id } = await h.spot.data<OrderRef>("trade", {
        symbol: "BTC_USDT",
        type: "buy",
        price,
        amount: "0.001",
      });
      await h.spot.data("cancel", { id });
      ids.push(id);
    }
    const filled = await h.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: -1,
      amount: "100",
    });
    h.standin.clearRequests();
    const two = await h.spot.data<Order[]>("historyorders", { symbol: "BTC_USDT", limit: 2 });
    assert.deepEqual(
      two.map((o) => o.id),
      [filled.id, ids[2]],
      "newest first, at most limit",
    );
    assert.equal(h.requestsTo("GET", "/api/v5/trade/orders-history-archive").length, 0);

    const recent = await h.spot.data<Order[]>("historyorders", {
      symbol: "BTC_USDT",
      since: Date.now() - 3_600_000,
    });
    assert.equal(recent.length, 4);
    assert.equal(
      h.requestsTo("GET", "/api/v5/trade/orders-history-archive").length,
      0,
      "a recent since needs no archive",
    );
    const sent = h.requestsTo("GET", "/api/v5/trade/orders-history").at(-1);
    assert.match(sent?.query ?? "", /instType=SPOT&instId=BTC-USDT&begin=\d+/);

    const month = await h.spot.data<Order[]>("historyorders", {
      symbol: "BTC_USDT",
      since: Date.now() - 30 * 86_400_000,
    });
    assert.equal(month.length, 4, "no order twice");
    const archive = h.requestsTo("GET", "/api/v5/trade/orders-history-archive");
    assert.equal(archive.length, 1);
    assert.match(archive[0].query, /after=\d+/);
  });
});

describe("account", () => {
  it("answers balances from account/balance, frozen after a resting order", async () => {
    const before = await h.spot.data<Balance[]>("accounts");
    const usdt = before.find((b) => b.currency === "USDT");
    assert.deepEqual(usdt, { currency: "USDT", free: 10000, frozen: 0 });
    await h.spot.data("trade", { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0.1" });
    const assets = await h.spot.data<Balance[]>("assets");
    assert.deepEqual(
      assets.find((b) => b.currency === "USDT"),
      { currency: "USDT", free: 7000, frozen: 3000 },
    );
    assert.ok(assets.some((b) => b.currency === "BTC"));
  });
  it("refuses private methods without keys", async () => {
    const r = await h.spot.with({ accessKey: "", secretKey: "" }).call("accounts");
    assert.match(r.error ?? "", /needs the exchange's Access Key and Secret Key/);
  });
});

describe("swap orders and positions", () => {
  it("is flat at first: [] for the instrument and the range", async () => {
    assert.deepEqual(await h.swap.data<Position[]>("positions", { symbol: "BTC_USDT" }), []);
    assert.deepEqual(await h.swap.data<Position[]>("positions", { symbol: "USDT.swap" }), []);
    const spot = await h.spot.call("positions", { symbol: "BTC_USDT" });
    assert.match(spot.error ?? "", /^not supported: positions on spot/);
  });

  it("opens with buy/sell, closes reduce-only with closebuy/closesell", async () => {
    const ref = await h.swap.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: -1,
      amount: "2.345",
    });
    assert.match(ref.id, /^BTC-USDT-SWAP,\d+$/);
    const open = lastPlaced();
    assert.deepEqual(
      [open.instId, open.tdMode, open.side, open.ordType, open.sz, open.reduceOnly],
      ["BTC-USDT-SWAP", "cross", "buy", "market", "2.34", undefined],
    );
    const order = await h.swap.data<Order>("order", { id: ref.id });
    assert.deepEqual(
      [order.symbol, order.offset, order.contract_type, order.status],
      ["BTC_USDT.swap", "open", "swap", "filled"],
    );

    const [long] = await h.swap.data<Position[]>("positions", { symbol: "BTC_USDT" });
    assert.deepEqual(
      [long.symbol, long.amount, long.type, long.contract_type, long.frozen_amount],
      ["BTC_USDT", 2.34, 0, "swap", 0],
    );
    assert.ok(long.price > 0 && long.margin > 0 && long.margin_level > 0);

    const close = await h.swap.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "closebuy",
      price: -1,
      amount: "2.34",
    });
    assert.deepEqual([lastPlaced().side, lastPlaced().reduceOnly], ["sell", true]);
    assert.equal((await h.swap.data<Order>("order", { id: close.id })).offset, "close");
    assert.deepEqual(await h.swap.data<Position[]>("positions", { symbol: "BTC_USDT" }), []);

    await h.swap.data("trade", { symbol: "ETH_USDT", type: "sell", price: -1, amount: "1" });
    const [short] = await h.swap.data<Position[]>("positions", { symbol: "USDT.swap" });
    assert.deepEqual([short.symbol, short.amount, short.type], ["ETH_USDT.swap", 1, 1]);
    await h.swap.data("trade", { symbol: "ETH_USDT", type: "closesell", price: -1, amount: "1" });
    assert.deepEqual([lastPlaced().side, lastPlaced().reduceOnly], ["buy", true]);
    assert.deepEqual(await h.swap.data<Position[]>("positions", { symbol: "USDT.swap" }), []);
  });

  it("lists open orders of a range, only that settlement currency", async () => {
    const a = await h.swap.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "30000",
      amount: "1",
    });
    const b = await h.swap.data<OrderRef>("trade", {
      symbol: "ETH_USDT.swap",
      type: "buy",
      price: "1000",
      amount: "1",
    });
    const c = await h.spot.data<OrderRef>("trade", {
      symbol: "BTC_USD.swap",
      type: "buy",
      price: "30000",
      amount: "1",
    });
    const usdt = await h.swap.data<Order[]>("orders", { symbol: "USDT.swap" });
    assert.deepEqual(usdt.map((o) => o.id).sort(), [a.id, b.id].sort());
    const usd = await h.swap.data<Order[]>("orders", { symbol: "USD.swap" });
    assert.deepEqual(
      usd.map((o) => o.id),
      [c.id],
    );
    // No dated future was ordered: the futures range lists none of the swap orders.
    assert.deepEqual(await h.swap.data<Order[]>("orders", { symbol: "USDT.futures" }), []);
  });

  it("sets leverage in the mount's margin mode", async () => {
    assert.equal(await h.swap.data("marginlevel", { symbol: "BTC_USDT", marginLevel: 7 }), true);
    const sent = bodyOf(h.requestsTo("POST", "/api/v5/account/set-leverage").at(-1));
    assert.deepEqual(sent, { instId: "BTC-USDT-SWAP", lever: "7", mgnMode: "cross" });
    await h.swap.data("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "1" });
    const [pos] = await h.swap.data<Position[]>("positions", { symbol: "BTC_USDT" });
    assert.equal(pos.margin_level, 7);
    const tooHigh = await h.swap.call("marginlevel", { symbol: "BTC_USDT", marginLevel: 1000 });
    assert.match(tooHigh.error ?? "", /^OKX 59102: /);
    const spot = await h.spot.call("marginlevel", { symbol: "BTC_USDT", marginLevel: 3 });
    assert.match(spot.error ?? "", /^not supported: marginlevel on spot/);
  });

  it("keeps keys out of everything it answers", async () => {
    const r = await h.swap.with({ secretKey: `${LIVE.secret},wrong-pass` }).call("accounts");
    assert.ok(r.error && !r.error.includes(LIVE.secret) && !r.error.includes("wrong-pass"));
  });
});
