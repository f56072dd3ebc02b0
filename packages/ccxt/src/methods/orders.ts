/** Open orders, one order, finished orders, cancel. */
import {
  type FmzSymbol,
  NotSupportedError,
  type Order,
  type ParamsOf,
  type ResultOf,
} from "@fmz-gateway/core";
import { type CcxtExchange, type CcxtMarket, type CcxtOrder, has } from "../ccxt-lib";
import type { Bridge, Ctx } from "../bridge";
import { toFmzOrder } from "../orders";
import { matchesSymbol, rangeKind } from "../symbols";

/** The market an FMZ symbol names when it is one instrument; undefined for a range. */
function instrumentMarket(b: Bridge, ex: CcxtExchange, symbol: FmzSymbol): CcxtMarket | undefined {
  return symbol.kind === "instrument" ? b.market(ex, symbol) : undefined;
}

/** ccxt params for a call over a range (`USDT.swap`): the market type to ask for. */
function rangeParams(symbol: FmzSymbol): Record<string, unknown> {
  const kind = rangeKind(symbol);
  return kind ? { type: kind } : {};
}

function toOrders(
  b: Bridge,
  ex: CcxtExchange,
  orders: readonly CcxtOrder[],
  symbol: FmzSymbol,
  fallback?: CcxtMarket,
): Order[] {
  const markets = b.markets(ex);
  const out: Order[] = [];
  for (const o of orders) {
    const m = b.marketOfSymbol(ex, o.symbol ?? undefined) ?? fallback;
    if (!m || (fallback === undefined && !matchesSymbol(markets, m, symbol, b.symbolContext))) continue;
    out.push(toFmzOrder(markets, m, o));
  }
  return out;
}

export async function getOrders(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getOrders">,
): Promise<ResultOf<"getOrders">> {
  const ex = await b.privateExchange(ctx);
  b.require(ex, "fetchOpenOrders", "orders");
  const m = instrumentMarket(b, ex, p.symbol);
  const orders = await b.run(ctx, ex, "orders", () =>
    ex.fetchOpenOrders(m?.symbol, undefined, undefined, m ? {} : rangeParams(p.symbol)),
  );
  return toOrders(b, ex, orders, p.symbol, m);
}

export async function getOrder(b: Bridge, ctx: Ctx, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
  const ex = await b.privateExchange(ctx);
  b.require(ex, "fetchOrder", "order");
  const hint = p.symbol?.kind === "instrument" ? safeMarket(b, ex, p.symbol) : undefined;
  const m = b.marketOfOrderId(ex, p.id.instrument, hint);
  const o = await b.run(ctx, ex, "order", () => ex.fetchOrder(p.id.orderId, m.symbol));
  ctx.setRaw(o.info);
  return toFmzOrder(b.markets(ex), m, o);
}

function safeMarket(b: Bridge, ex: CcxtExchange, symbol: FmzSymbol): CcxtMarket | undefined {
  try {
    return instrumentMarket(b, ex, symbol);
  } catch {
    return undefined;
  }
}

export async function cancelOrder(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"cancelOrder">,
): Promise<ResultOf<"cancelOrder">> {
  const ex = await b.privateExchange(ctx);
  b.require(ex, "cancelOrder", "cancel");
  const hint = p.symbol?.kind === "instrument" ? safeMarket(b, ex, p.symbol) : undefined;
  const m = b.marketOfOrderId(ex, p.id.instrument, hint);
  await b.run(ctx, ex, "cancel", () => ex.cancelOrder(p.id.orderId, m.symbol));
  return true;
}

/**
 * Finished orders, newest first: ccxt's fetchCanceledAndClosedOrders where the exchange has it, else
 * fetchClosedOrders plus fetchCanceledOrders, else fetchOrders without the open ones.
 */
export async function getHistoryOrders(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getHistoryOrders">,
): Promise<ResultOf<"getHistoryOrders">> {
  const ex = await b.privateExchange(ctx);
  const m = instrumentMarket(b, ex, p.symbol);
  const params = m ? {} : rangeParams(p.symbol);
  const args = [m?.symbol, p.since, p.limit, params] as const;
  let orders: CcxtOrder[];
  if (has(ex, "fetchCanceledAndClosedOrders")) {
    orders = await b.run(ctx, ex, "historyorders", () => ex.fetchCanceledAndClosedOrders(...args));
  } else if (has(ex, "fetchClosedOrders")) {
    orders = await b.run(ctx, ex, "historyorders", () => ex.fetchClosedOrders(...args));
    if (has(ex, "fetchCanceledOrders")) {
      const canceled = await b.run(ctx, ex, "historyorders", () => ex.fetchCanceledOrders(...args));
      const seen = new Set(orders.map((o) => o.id));
      orders = [...orders, ...canceled.filter((o) => !seen.has(o.id))];
    }
  } else if (has(ex, "fetchOrders")) {
    const all = await b.run(ctx, ex, "historyorders", () => ex.fetchOrders(...args));
    orders = all.filter((o) => o.status !== "open");
  } else {
    throw new NotSupportedError("historyorders", `on ${b.id} (ccxt has no fetchClosedOrders or fetchOrders)`);
  }
  orders.sort((x, y) => (y.timestamp ?? 0) - (x.timestamp ?? 0));
  const out = toOrders(b, ex, orders, p.symbol, m);
  return p.limit === undefined ? out : out.slice(0, p.limit);
}
