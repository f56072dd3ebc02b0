/** Open orders, one order, finished orders, cancel. */
import {
  type FmzSymbol,
  NotSupportedError,
  type Order,
  type ParamsOf,
  type ResultOf,
  mayHaveReachedExchange,
  privateOrRest,
  wireName,
} from "@fmz-gateway/core";
import * as ccxt from "ccxt";
import { type CcxtExchange, type CcxtMarket, type CcxtOrder, has } from "../ccxt-lib";
import type { Bridge, Ctx } from "../bridge";
import { toFmzOrder } from "../orders";
import { type CcxtOrderRecord, type OrderFields, orderRecord } from "../private/ccxt-records";
import { canReadOrder, readOrder } from "./order-lookup";
import { matchesSymbol, rangeParams } from "../symbols";

/** The market an FMZ symbol names when it is one instrument; undefined for a range. */
function instrumentMarket(b: Bridge, ex: CcxtExchange, symbol: FmzSymbol): CcxtMarket | undefined {
  return symbol.kind === "instrument" ? b.market(ex, symbol) : undefined;
}

function toOrders(
  b: Bridge,
  ex: CcxtExchange,
  orders: readonly OrderFields[],
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

/** Oldest first, as ccxt's `parseOrders` sorts every order list: by placement time, then by id. */
function oldestFirst(a: CcxtOrderRecord, b: CcxtOrderRecord): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.id.length !== b.id.length) return a.id.length - b.id.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `orders`: from the account's private stream when it is live, shows every write through the gateway and
 * holds every open order of the symbol asked (see `OpenOrderCoverage`), else `fetchOpenOrders`; the same
 * mapping either way.
 */
export async function getOrders(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getOrders">,
): Promise<ResultOf<"getOrders">> {
  const ex = await b.privateExchange(ctx);
  b.require(ex, "fetchOpenOrders", wireName("getOrders"));
  const m = instrumentMarket(b, ex, p.symbol);
  const stream = b.privateAccount(ctx);
  if (m) stream?.coverage.note(m.symbol);
  return privateOrRest(stream?.session, {
    ctx,
    method: "getOrders",
    kind: "orders",
    answer: (s) => {
      if (!stream?.coverage.covers(m?.symbol)) return undefined;
      return toOrders(b, ex, s.orders.values().sort(oldestFirst), p.symbol, undefined);
    },
    rest: async () => {
      const orders = await b.run(ctx, wireName("getOrders"), () =>
        ex.fetchOpenOrders(m?.symbol, undefined, undefined, m ? {} : rangeParams(p.symbol)),
      );
      return toOrders(b, ex, orders, p.symbol, m);
    },
  });
}

/**
 * `order`: from the account's private stream when it holds the order (open or finished), else by id
 * (readOrder), and the stream holds that answer from then on.
 */
export async function getOrder(b: Bridge, ctx: Ctx, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
  const ex = await b.privateExchange(ctx);
  if (!canReadOrder(ex)) {
    throw new NotSupportedError(
      wireName("getOrder"),
      `on ${b.id} (ccxt has no fetchOrder and no order lists)`,
    );
  }
  const hint = p.symbol?.kind === "instrument" ? safeMarket(b, ex, p.symbol) : undefined;
  const m = b.marketOfOrderId(ex, p.id.instrument, hint);
  const stream = b.privateAccount(ctx);
  stream?.coverage.note(m.symbol);
  return privateOrRest(stream?.session, {
    ctx,
    method: "getOrder",
    kind: "orders",
    answer: (s) => {
      const held = s.orders.get(p.id.orderId)?.value;
      if (held === undefined || held.symbol !== m.symbol) return undefined;
      ctx.setRaw(held.info);
      return toFmzOrder(b.markets(ex), m, held);
    },
    rest: async () => {
      const o = await b.run(ctx, wireName("getOrder"), () => readOrder(ex, p.id.orderId, m.symbol));
      ctx.setRaw(o.info);
      stream?.session.track("orders", orderRecord(o));
      return toFmzOrder(b.markets(ex), m, o);
    },
  });
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
  b.require(ex, "cancelOrder", wireName("cancelOrder"));
  const hint = p.symbol?.kind === "instrument" ? safeMarket(b, ex, p.symbol) : undefined;
  const m = b.marketOfOrderId(ex, p.id.instrument, hint);
  const stream = b.privateAccount(ctx);
  stream?.coverage.note(m.symbol);
  try {
    await b.run(ctx, wireName("cancelOrder"), () => ex.cancelOrder(p.id.orderId, m.symbol));
  } catch (err) {
    // Cancelled or not, nobody knows: the account's next reads wait for the stream to show it, or REST.
    if (mayHaveReachedExchange(err)) stream?.session.wrote("cancel", p.id.orderId);
    throw err;
  }
  stream?.session.wrote("cancel", p.id.orderId);
  return true;
}

/**
 * Finished orders, newest first. The ways ccxt may offer, in order: fetchCanceledAndClosedOrders;
 * fetchClosedOrders plus fetchCanceledOrders; fetchOrders without the open ones. A way the exchange's
 * ccxt code refuses for this market (MEXC spot answers NotSupported from fetchClosedOrders, whose
 * endpoint is futures-only) gives way to the next, rather than failing the call.
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
  const ways: Array<() => Promise<CcxtOrder[]>> = [];
  if (has(ex, "fetchCanceledAndClosedOrders")) ways.push(() => ex.fetchCanceledAndClosedOrders(...args));
  if (has(ex, "fetchClosedOrders")) {
    ways.push(async () => {
      const closed = await ex.fetchClosedOrders(...args);
      if (!has(ex, "fetchCanceledOrders")) return closed;
      const canceled = await ex.fetchCanceledOrders(...args);
      const seen = new Set(closed.map((o) => o.id));
      return [...closed, ...canceled.filter((o) => !seen.has(o.id))];
    });
  }
  if (has(ex, "fetchOrders")) {
    ways.push(async () => (await ex.fetchOrders(...args)).filter((o) => o.status !== "open"));
  }
  if (ways.length === 0) {
    throw new NotSupportedError(
      wireName("getHistoryOrders"),
      `on ${b.id} (ccxt has no fetchClosedOrders or fetchOrders)`,
    );
  }
  const orders = await b.run(ctx, wireName("getHistoryOrders"), async () => {
    for (let i = 0; ; i++) {
      try {
        return await ways[i]();
      } catch (err) {
        if (!(err instanceof ccxt.NotSupported) || i === ways.length - 1) throw err;
      }
    }
  });
  orders.sort((x, y) => (y.timestamp ?? 0) - (x.timestamp ?? 0));
  const out = toOrders(b, ex, orders, p.symbol, m);
  return p.limit === undefined ? out : out.slice(0, p.limit);
}
