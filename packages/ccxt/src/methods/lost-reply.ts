/**
 * Finding an order whose placement reply was lost. By the client order id we gave it where the
 * exchange's orders carry client ids; where the orders it lists carry none (it does not return them, or
 * they were placed without one), by instrument, side, amount and time among the open and recent
 * orders, answering only when exactly one matches.
 */
import * as ccxt from "ccxt";
import { type CcxtExchange, type CcxtMarket, type CcxtOrder, has } from "../ccxt-lib";
import type { Bridge, Ctx } from "../bridge";
import { orderLists, readsOrdersByState } from "./order-lookup";

/** How many times the exchange is asked (an accepted order may take a moment to become visible). */
const ATTEMPTS = 3;
const PAUSE_MS = 300;
/**
 * A look that failed (no answer, a 5xx: not one that found nothing) says nothing about the order, and a
 * strategy told "unknown" may well place it again: failed looks go on for up to this long after the
 * reply was lost, inside the call's deadline.
 */
const PERSIST_MS = 10_000;
/** How far before the request an order's exchange timestamp may be (clock skew). */
const SKEW_MS = 60_000;

/** What was sent, to recognise the order among others that carry no client ids. */
export interface SentOrder {
  readonly clientOrderId: string;
  readonly side: "buy" | "sell";
  /** Base amount (contracts), or the quote amount of a spot market buy. */
  readonly amount: number;
  readonly byCost: boolean;
  readonly placedAt: number;
}

export type LookupOutcome =
  | { readonly found: string }
  /** The exchange answered, keeps client ids, and has no order with ours: nothing was placed. */
  | { readonly absent: true }
  /** The exchange cannot tell us; `why` says why, for the error. */
  | { readonly unknown: string };

export async function findLostOrder(
  b: Bridge,
  ctx: Ctx,
  ex: CcxtExchange,
  m: CcxtMarket,
  sent: SentOrder,
): Promise<LookupOutcome> {
  const canFetch = has(ex, "fetchOrder") && !readsOrdersByState(ex);
  if (!canFetch && orderLists(ex, m.symbol).length === 0) {
    return { unknown: `${b.id} offers no way to list or read orders` };
  }
  let lastError: unknown;
  let last: LookupOutcome = { absent: true };
  const giveUpAt = Math.min(ctx.deadline - PAUSE_MS, Date.now() + PERSIST_MS);
  for (let attempt = 0; attempt < ATTEMPTS || lastError !== undefined; attempt++) {
    if (attempt > 0) {
      if (Date.now() + PAUSE_MS >= giveUpAt) break;
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    try {
      last = await lookOnce(b, ctx, ex, m, sent, canFetch);
      lastError = undefined;
      if ("found" in last || "unknown" in last) return last;
    } catch (err) {
      lastError = err;
    }
  }
  if (lastError !== undefined) throw lastError;
  return last;
}

async function lookOnce(
  b: Bridge,
  ctx: Ctx,
  ex: CcxtExchange,
  m: CcxtMarket,
  sent: SentOrder,
  canFetch: boolean,
): Promise<LookupOutcome> {
  const { clientOrderId } = sent;
  if (canFetch) {
    try {
      const o = await b.runRaw(ctx, ex, () => ex.fetchOrder("", m.symbol, { clientOrderId }));
      if (o.id && (o.clientOrderId === clientOrderId || !o.clientOrderId)) return { found: String(o.id) };
    } catch (err) {
      // OrderNotFound is an answer; other failures (the exchange ignores clientOrderId and wants an id)
      // fall through to listing orders.
      if (!(err instanceof ccxt.ExchangeError)) throw err;
    }
  }
  const seen: CcxtOrder[] = [];
  for (const list of orderLists(ex, m.symbol)) {
    const orders = await b.runRaw(ctx, ex, list);
    const found = orders.find((o) => o.clientOrderId === clientOrderId);
    if (found?.id) return { found: String(found.id) };
    seen.push(...orders);
  }
  const keepsClientIds = seen.some((o) => typeof o.clientOrderId === "string" && o.clientOrderId !== "");
  if (keepsClientIds || seen.length === 0) return { absent: true };
  return byLikeness(b.id, seen, m, sent);
}

/** Among orders without client ids: the one order of this instrument, side and size placed since. */
export function byLikeness(
  exchangeId: string,
  orders: readonly CcxtOrder[],
  m: CcxtMarket,
  sent: SentOrder,
): LookupOutcome {
  const close = (a: number | undefined, want: number) =>
    typeof a === "number" && Math.abs(a - want) <= 1e-9 * Math.max(1, want);
  const ids = new Set<string>();
  for (const o of orders) {
    if (o.symbol !== m.symbol || o.side !== sent.side || !o.id) continue;
    if (typeof o.timestamp === "number" && o.timestamp < sent.placedAt - SKEW_MS) continue;
    const size = sent.byCost
      ? close(o.cost, sent.amount) || close(o.amount, sent.amount)
      : close(o.amount, sent.amount);
    if (size) ids.add(String(o.id));
  }
  if (ids.size === 1) return { found: [...ids][0] };
  return {
    unknown:
      `${withoutClientIds(exchangeId, orders)}, so ours was looked for by instrument, side, amount and time: ` +
      `${ids.size === 0 ? "no" : ids.size} recent ${sent.side} order${ids.size === 1 ? "" : "s"} of ` +
      `${sent.amount} on ${m.symbol} match${ids.size === 1 ? "es" : ""}`,
  };
}

/** The exchange's own client-id field names (client_id, clientOid, clOrdId, clientOrderId, cid…). */
const CLIENT_ID_FIELD = /^(client_?(order_?)?id|client_?oid|cl_?ord_?id|cid)$/i;

/** Whether the exchange's raw order has a client-id field, left empty: placed without one. */
function placedWithoutOne(o: CcxtOrder): boolean {
  if (o.clientOrderId === "") return true;
  const info: unknown = o.info;
  if (!info || typeof info !== "object") return false;
  return Object.entries(info as Record<string, unknown>).some(
    ([k, v]) => CLIENT_ID_FIELD.test(k) && (v === "" || v === null),
  );
}

/**
 * Why the listed orders cannot be told apart by client id. An empty client-id field in the exchange's
 * raw order means those orders were placed without one (CoinEx's `client_id: ""`, which ccxt reads as
 * no id); no such field may also mean the exchange does not return them, which the orders cannot tell.
 */
function withoutClientIds(exchangeId: string, orders: readonly CcxtOrder[]): string {
  // An order may be in more than one list (open orders and all orders).
  const count = new Set(orders.map((o) => o.id)).size;
  const one = count === 1;
  const listed = `the ${count} ${exchangeId} order${one ? "" : "s"} listed`;
  return orders.some(placedWithoutOne)
    ? `${listed} ${one ? "was" : "were"} placed without a client order id`
    : `${listed} ${one ? "carries" : "carry"} no client order id (${exchangeId} does not return them, ` +
        `or ${one ? "it was" : "they were"} placed without one)`;
}
