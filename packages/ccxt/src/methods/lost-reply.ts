/**
 * Finding an order whose placement reply was lost. By the client order id we gave it where the
 * exchange's orders carry client ids; where the orders it lists carry none (it does not return them, or
 * they were placed without one), by instrument, side, amount and time among the open and recent
 * orders, answering only when exactly one matches.
 */
import * as ccxt from "ccxt";
import { Dec, type LookupAnswer, withinDeadline } from "@fmz-gateway/core";
import { type CcxtExchange, type CcxtMarket, type CcxtOrder, has } from "../ccxt-lib";
import type { Bridge, Ctx } from "../bridge";
import { mapCcxtError } from "../errors";
import { orderLists, readsOrdersByState } from "./order-lookup";

/** How far before the request an order's exchange timestamp may be (clock skew). */
const SKEW_MS = 60_000;
/**
 * ccxt computes an order's cost as a float product (filled × average), so a market buy's cost may
 * differ from what was sent in its last digits; amounts are the exchange's own text, compared exactly.
 */
const COST_TOLERANCE = new Dec("1e-9");

/** What was sent, to recognise the order among others that carry no client ids. */
export interface SentOrder {
  readonly clientOrderId: string;
  readonly side: "buy" | "sell";
  /** Base amount (contracts), or the quote amount of a spot market buy: exact decimal text. */
  readonly amount: string;
  readonly byCost: boolean;
  readonly placedAt: number;
}

/**
 * One look for the order, as core's placement policy (`placeOnce`) asks it: the policy decides how
 * often and how long. Failures are thrown as gateway errors; `signal` ends a look that hangs.
 */
export async function lookUpOrder(
  b: Bridge,
  ctx: Ctx,
  ex: CcxtExchange,
  m: CcxtMarket,
  sent: SentOrder,
  signal: AbortSignal,
  wire: string,
): Promise<LookupAnswer> {
  const canFetch = has(ex, "fetchOrder") && !readsOrdersByState(ex);
  if (!canFetch && orderLists(ex, m.symbol).length === 0) {
    return { unknown: `${b.id} offers no way to list or read orders` };
  }
  try {
    return await lookOnce(b, ctx, ex, m, sent, canFetch, signal);
  } catch (err) {
    throw mapCcxtError(err, b.id, wire);
  }
}

async function lookOnce(
  b: Bridge,
  ctx: Ctx,
  ex: CcxtExchange,
  m: CcxtMarket,
  sent: SentOrder,
  canFetch: boolean,
  signal: AbortSignal,
): Promise<LookupAnswer> {
  // Raced with the call's deadline and the policy's stop signal (which follows the call's own signal):
  // ccxt cannot cancel a request, so the race is what ends a look-up.
  const run = <T>(fn: () => Promise<T>) => withinDeadline({ ...ctx, signal }, fn);
  const { clientOrderId } = sent;
  if (canFetch) {
    try {
      const o = await run(() => ex.fetchOrder("", m.symbol, { clientOrderId }));
      if (o.id && (o.clientOrderId === clientOrderId || !o.clientOrderId)) return { found: String(o.id) };
    } catch (err) {
      // OrderNotFound is an answer; other failures (the exchange ignores clientOrderId and wants an id)
      // fall through to listing orders.
      if (!(err instanceof ccxt.ExchangeError)) throw err;
    }
  }
  const seen: CcxtOrder[] = [];
  for (const list of orderLists(ex, m.symbol)) {
    const orders = await run(list);
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
): LookupAnswer {
  const want = new Dec(sent.amount);
  const same = (a: number | undefined) => typeof a === "number" && Number.isFinite(a) && want.eq(a);
  const near = (a: number | undefined) =>
    typeof a === "number" &&
    Number.isFinite(a) &&
    new Dec(a)
      .minus(want)
      .abs()
      .lte(COST_TOLERANCE.mul(Dec.max(1, want)));
  const ids = new Set<string>();
  for (const o of orders) {
    if (o.symbol !== m.symbol || o.side !== sent.side || !o.id) continue;
    if (typeof o.timestamp === "number" && o.timestamp < sent.placedAt - SKEW_MS) continue;
    const size = sent.byCost ? near(o.cost) || same(o.amount) : same(o.amount);
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
