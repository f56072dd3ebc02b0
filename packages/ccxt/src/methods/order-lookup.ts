/**
 * Reading one order by id, the way each exchange's ccxt code allows it. Where ccxt offers both
 * fetchOpenOrder and fetchClosedOrder (Bybit's unified accounts refuse a bare fetchOrder, which only
 * sees the last 500 orders, unless `params.acknowledged` is set), they are asked in turn; else
 * fetchOrder; else the open and finished order lists are searched for the id.
 */
import * as ccxt from "ccxt";
import { type CcxtExchange, type CcxtOrder, has } from "../ccxt-lib";

/** Whether orders are read by state (open, then closed) rather than with fetchOrder. */
export function readsOrdersByState(ex: CcxtExchange): boolean {
  return has(ex, "fetchOpenOrder") && has(ex, "fetchClosedOrder");
}

/** Whether the exchange offers any way to read an order by id. */
export function canReadOrder(ex: CcxtExchange): boolean {
  return readsOrdersByState(ex) || has(ex, "fetchOrder") || orderLists(ex, "").length > 0;
}

/** The lists an order may be found in (open first), for exchanges without a by-id read. */
export function orderLists(ex: CcxtExchange, symbol: string): Array<() => Promise<CcxtOrder[]>> {
  const lists: Array<() => Promise<CcxtOrder[]>> = [];
  if (has(ex, "fetchOpenOrders")) lists.push(() => ex.fetchOpenOrders(symbol));
  if (has(ex, "fetchCanceledAndClosedOrders")) lists.push(() => ex.fetchCanceledAndClosedOrders(symbol));
  else {
    if (has(ex, "fetchClosedOrders")) lists.push(() => ex.fetchClosedOrders(symbol));
    if (has(ex, "fetchCanceledOrders")) lists.push(() => ex.fetchCanceledOrders(symbol));
  }
  if (has(ex, "fetchOrders")) lists.push(() => ex.fetchOrders(symbol));
  return lists;
}

/** The order `id` of `symbol`; OrderNotFound (ccxt's) when the exchange has no such order. */
export async function readOrder(ex: CcxtExchange, id: string, symbol: string): Promise<CcxtOrder> {
  if (readsOrdersByState(ex)) {
    try {
      return await ex.fetchOpenOrder(id, symbol);
    } catch (err) {
      if (!(err instanceof ccxt.OrderNotFound) && !(err instanceof ccxt.NotSupported)) throw err;
    }
    try {
      return await ex.fetchClosedOrder(id, symbol);
    } catch (err) {
      if (!(err instanceof ccxt.NotSupported) || !has(ex, "fetchOrder")) throw err;
    }
  }
  if (has(ex, "fetchOrder")) return ex.fetchOrder(id, symbol);
  for (const list of orderLists(ex, symbol)) {
    const found = (await list()).find((o) => String(o.id) === id);
    if (found) return found;
  }
  throw new ccxt.OrderNotFound(
    `${ex.id} order ${id} is neither among the open nor the finished orders of ${symbol}`,
  );
}
