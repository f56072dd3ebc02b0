// One scripted FMZ docker session, as a strategy would drive it, written against the protocol only, so
// the same script runs on any mount: the hand-written OKX adapter and ccxt's okx, on the same stand-in.
import assert from "node:assert/strict";
import type {
  Balance,
  Bar,
  Depth,
  Funding,
  Markets,
  Order,
  OrderRef,
  Position,
  Ticker,
} from "@fmz-gateway/core";
import type { OkxStandin } from "@fmz-gateway/okx-standin";
import { type DockerClient, waitFor } from "@fmz-gateway/testkit";

const DONE = ["filled", "closed", "finished", "partial-canceled", "canceled"];

function balance(list: Balance[], ccy: string): Balance {
  const b = list.find((x) => x.currency === ccy);
  assert.ok(b, `no ${ccy} balance in ${JSON.stringify(list)}`);
  return b;
}

/** The exchange's order behind an FMZ order id (`INSTRUMENT,ORDERID`). */
function atExchange(standin: OkxStandin, id: string) {
  const [instId, ordId] = id.split(",");
  const o = standin.orders().find((x) => x.ordId === ordId);
  assert.ok(o, `the stand-in has no order ${ordId}`);
  assert.equal(o.instId, instId, "the id's instrument part is OKX's instId");
  return o;
}

/** A spot session: market data, balances, a resting order's life, a market buy by quote amount, IO. */
export async function spotSession(c: DockerClient, standin: OkxStandin): Promise<void> {
  const t = await c.data<Ticker>("ticker", { symbol: "BTC_USDT" });
  assert.equal(t.symbol, "BTC_USDT");
  assert.ok(t.buy > 0 && t.buy < t.sell && t.last > 0 && t.time > 1e12);

  const d = await c.data<Depth>("depth", { symbol: "BTC_USDT", limit: 10 });
  assert.equal(d.asks.length, 10);
  assert.equal(d.bids.length, 10);
  assert.ok(d.asks[0][0] < d.asks[9][0] && d.bids[0][0] > d.bids[9][0] && d.bids[0][0] < d.asks[0][0]);

  for (const [period, limit] of [
    [1, 350],
    [60, 10],
    [1440, 3],
  ]) {
    const bars = await c.data<Bar[]>("records", { symbol: "BTC_USDT", period, limit });
    assert.equal(bars.length, limit, `records period ${period}`);
    for (let i = 1; i < bars.length; i++) assert.equal(bars[i][0] - bars[i - 1][0], period * 60);
    assert.ok(
      bars[limit - 1][0] * 1000 <= Date.now() && bars[limit - 1][0] * 1000 > Date.now() - period * 120_000,
    );
  }

  const markets = await c.data<Markets>("markets");
  assert.equal(markets.BTC_USDT.tickSize, 0.1);
  assert.equal(markets.BTC_USDT.amountSize, 0.00000001);
  assert.equal(markets.BTC_USDT.minQty, 0.00001);
  assert.equal(markets.BTC_USDT.baseAsset, "BTC");

  const before = await c.data<Balance[]>("accounts");
  assert.equal(balance(before, "USDT").free, 10000);
  assert.equal(balance(before, "BTC").free, 1);

  // A resting limit buy: trade → order → orders → cancel → order → historyorders.
  const { id } = await c.data<OrderRef>("trade", {
    symbol: "BTC_USDT",
    type: "buy",
    price: 30000,
    amount: 0.001,
  });
  const placed = atExchange(standin, id);
  assert.equal(placed.px, "30000");
  assert.equal(placed.sz, "0.001");
  assert.ok(placed.clOrdId !== "", "every order carries a client order id");
  const open = await c.data<Order>("order", { id, symbol: "BTC_USDT" });
  assert.deepEqual(
    {
      id: open.id,
      type: open.type,
      price: open.price,
      amount: open.amount,
      status: open.status,
      deal: open.deal_amount,
    },
    { id, type: "buy", price: 30000, amount: 0.001, status: "pending", deal: 0 },
  );
  const frozen = await c.data<Balance[]>("accounts");
  assert.equal(balance(frozen, "USDT").frozen, 30);
  assert.ok((await c.data<Order[]>("orders", { symbol: "BTC_USDT" })).some((o) => o.id === id));
  assert.equal(await c.data("cancel", { id, symbol: "BTC_USDT" }), true);
  const done = await c.data<Order>("order", { id, symbol: "BTC_USDT" });
  assert.equal(done.status, "canceled");
  assert.ok(!(await c.data<Order[]>("orders", { symbol: "BTC_USDT" })).some((o) => o.id === id));
  // A finished order may reach the exchange's history a moment after it leaves the open list.
  const history = await waitFor(
    async () => {
      const list = await c.data<Order[]>("historyorders", { symbol: "BTC_USDT", since: 0, limit: 0 });
      return list.some((o) => o.id === id) ? list : undefined;
    },
    { what: `order ${id} in historyorders` },
  );
  assert.ok(history.some((o) => o.id === id && DONE.includes(o.status)));

  // Float noise from the strategy reaches the exchange exact; amounts are cut to the lot.
  const noisy = await c.data<OrderRef>("trade", {
    symbol: "ETH_USDT",
    type: "sell",
    price: 9000,
    amount: 0.1 + 0.2,
  });
  assert.equal(atExchange(standin, noisy.id).sz, "0.3");
  await c.data("cancel", { id: noisy.id, symbol: "ETH_USDT" });
  const cut = await c.data<OrderRef>("trade", {
    symbol: "ETH_USDT",
    type: "sell",
    price: "9000.004",
    amount: "0.12345678",
  });
  assert.equal(atExchange(standin, cut.id).sz, "0.123456");
  assert.equal(atExchange(standin, cut.id).px, "9000");
  await c.data("cancel", { id: cut.id, symbol: "ETH_USDT" });

  // A spot market buy spends a quote amount.
  const mkt = await c.data<OrderRef>("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: 100 });
  const filled = atExchange(standin, mkt.id);
  assert.equal(filled.state, "filled");
  assert.equal(filled.ordType, "market");
  const after = await c.data<Balance[]>("accounts");
  assert.ok(Math.abs(balance(after, "USDT").free - 9900) < 0.01, JSON.stringify(after));
  assert.ok(balance(after, "BTC").free > 1);
  const mo = await c.data<Order>("order", { id: mkt.id, symbol: "BTC_USDT" });
  assert.equal(mo.status, "filled");
  assert.ok(mo.deal_amount > 0 && mo.avg_price > 0);

  // Below the minimum is an error, not a silent zero; a bad symbol is a clear error.
  const tiny = await c.call("trade", { symbol: "BTC_USDT", type: "buy", price: 30000, amount: 0.000001 });
  assert.match(tiny.error ?? "", /\S/);
  assert.equal(tiny.data, undefined);
  const bad = await c.call("ticker", { symbol: "NOPE_USDT" });
  assert.match(bad.error ?? "", /\S/);
  assert.equal(bad.data, undefined);

  // exchange.IO: the exchange's own JSON, signed.
  const raw = await c.io<{ code: string; data: unknown[] }>(
    "GET",
    "/api/v5/trade/orders-pending",
    "instType=SPOT",
  );
  assert.equal(raw.error, undefined, raw.error);
  assert.equal(raw.data?.code, "0");
}

/** A swap session: leverage, open and close a position, a resting order, fundings. */
export async function swapSession(c: DockerClient, standin: OkxStandin): Promise<void> {
  const t = await c.data<Ticker>("ticker", { symbol: "BTC_USDT.swap" });
  assert.ok(t.buy > 0 && t.buy < t.sell);
  const markets = await c.data<Markets>("markets");
  assert.equal(markets["BTC_USDT.swap"].ctVal, 0.01);
  assert.equal(markets["BTC_USDT.swap"].ctValCcy, "BTC");
  assert.ok(!("BTC_USDT" in markets), "a swap mount lists swaps");

  assert.equal(await c.data("marginlevel", { symbol: "BTC_USDT.swap", marginLevel: 5 }), true);
  assert.deepEqual(await c.data<Position[]>("positions", { symbol: "USDT.swap" }), []);

  const open = await c.data<OrderRef>("trade", {
    symbol: "BTC_USDT.swap",
    type: "buy",
    price: -1,
    amount: 2,
  });
  assert.equal(atExchange(standin, open.id).state, "filled");
  const [pos, ...more] = await c.data<Position[]>("positions", { symbol: "BTC_USDT.swap" });
  assert.equal(more.length, 0);
  assert.equal(pos.symbol, "BTC_USDT.swap");
  assert.equal(pos.amount, 2);
  assert.equal(pos.type, 0);
  assert.equal(pos.margin_level, 5);
  assert.ok(pos.price > 0);
  assert.ok((await c.data<Position[]>("positions", { symbol: "USDT.swap" })).length === 1);

  const close = await c.data<OrderRef>("trade", {
    symbol: "BTC_USDT.swap",
    type: "closebuy",
    price: -1,
    amount: 2,
  });
  const closing = atExchange(standin, close.id);
  assert.equal(closing.side, "sell");
  assert.equal(closing.reduceOnly, true);
  assert.deepEqual(await c.data<Position[]>("positions", { symbol: "BTC_USDT.swap" }), []);

  const rest = await c.data<OrderRef>("trade", {
    symbol: "BTC_USDT.swap",
    type: "sell",
    price: 90000,
    amount: 1,
  });
  const o = await c.data<Order>("order", { id: rest.id, symbol: "BTC_USDT.swap" });
  assert.deepEqual(
    { type: o.type, amount: o.amount, price: o.price, status: o.status, contract: o.contract_type },
    { type: "sell", amount: 1, price: 90000, status: "pending", contract: "swap" },
  );
  assert.ok((await c.data<Order[]>("orders", { symbol: "USDT.swap" })).some((x) => x.id === rest.id));
  assert.equal(await c.data("cancel", { id: rest.id, symbol: "BTC_USDT.swap" }), true);

  const [f] = await c.data<Funding[]>("fundings", { symbol: "BTC_USDT.swap" });
  assert.equal(f.symbol, "BTC_USDT.swap");
  assert.equal(f.interval, 8 * 3_600_000);
  assert.ok(f.time > Date.now() - 8 * 3_600_000);

  const inverse = await c.data<Ticker>("ticker", { symbol: "BTC_USD.swap" });
  assert.ok(inverse.last > 0);
}
