/** Finding an order by the client order id we gave it, when the reply to placing it was lost. */
import * as ccxt from "ccxt";
import { type CcxtExchange, type CcxtMarket, type CcxtOrder, has } from "../ccxt-lib";
import type { Bridge, Ctx } from "../bridge";

/** How many times the exchange is asked (an accepted order may take a moment to become visible). */
const ATTEMPTS = 3;
const PAUSE_MS = 300;

function matches(o: CcxtOrder, clientOrderId: string): boolean {
  return o.clientOrderId === clientOrderId;
}

/**
 * The exchange's id of the order carrying `clientOrderId`; null when the exchange answered and has no
 * such order; undefined when it offers no way to ask. Failures of the look-up itself are thrown.
 */
export async function findByClientOrderId(
  b: Bridge,
  ctx: Ctx,
  ex: CcxtExchange,
  m: CcxtMarket,
  clientOrderId: string,
): Promise<string | null | undefined> {
  const canFetch = has(ex, "fetchOrder");
  const canList = has(ex, "fetchOpenOrders") || has(ex, "fetchOrders");
  if (!canFetch && !canList) return undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) {
      if (ctx.deadline - Date.now() < PAUSE_MS * 2) break;
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    try {
      const id = await lookOnce(b, ctx, ex, m, clientOrderId, canFetch);
      if (id) return id;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
  }
  if (lastError !== undefined) throw lastError;
  return null;
}

async function lookOnce(
  b: Bridge,
  ctx: Ctx,
  ex: CcxtExchange,
  m: CcxtMarket,
  clientOrderId: string,
  canFetch: boolean,
): Promise<string | undefined> {
  if (canFetch) {
    try {
      const o = await b.runRaw(ctx, ex, () => ex.fetchOrder("", m.symbol, { clientOrderId }));
      if (o.id && (matches(o, clientOrderId) || o.clientOrderId === undefined)) return String(o.id);
    } catch (err) {
      // OrderNotFound is an answer; other failures (the exchange ignores clientOrderId and wants an id)
      // fall through to listing orders.
      if (!(err instanceof ccxt.OrderNotFound) && !(err instanceof ccxt.ExchangeError)) throw err;
      if (err instanceof ccxt.OrderNotFound && !has(ex, "fetchOpenOrders")) return undefined;
    }
  }
  const lists: Array<() => Promise<CcxtOrder[]>> = [];
  if (has(ex, "fetchOpenOrders")) lists.push(() => ex.fetchOpenOrders(m.symbol));
  if (has(ex, "fetchClosedOrders")) lists.push(() => ex.fetchClosedOrders(m.symbol));
  if (has(ex, "fetchCanceledOrders")) lists.push(() => ex.fetchCanceledOrders(m.symbol));
  if (lists.length === 0 && has(ex, "fetchOrders")) lists.push(() => ex.fetchOrders(m.symbol));
  for (const list of lists) {
    const found = (await b.runRaw(ctx, ex, list)).find((o) => matches(o, clientOrderId));
    if (found?.id) return String(found.id);
  }
  return undefined;
}
