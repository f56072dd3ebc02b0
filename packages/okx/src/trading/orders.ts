import { type ParamsOf, privateOrRest, type ResultOf, wireName } from "@fmz-gateway/core";
import { contractTypeFor, resolveTargetAsync, symbolOf } from "../market/futures";
import { checkInstId, instTypeOf, type Target } from "../market/symbols";
import type { OkxCall } from "../okx-call";
import type { OkxItemResult, OkxOrder } from "../okx-types";
import { firstRow } from "../market/ticker";
import { type SymbolNames, toOrder } from "./order-mapping";

/**
 * FMZ names for these orders: dated futures by today's alias, so their list is loaded first (cached; a
 * failure only leaves OKX's ids in place).
 */
async function namesFor(call: OkxCall, rows: readonly OkxOrder[]): Promise<SymbolNames> {
  if (rows.some((o) => instTypeOf(o.instId) === "FUTURES")) {
    await call.instruments.list(call, "FUTURES").catch(() => undefined);
  }
  return { symbol: (id) => symbolOf(call, id), contractType: (id) => contractTypeFor(call, id) };
}

/** OKX's page size for order lists (reference §4.18–4.20). */
const PAGE = 100;
/** OKX holds at most 4,000 pending orders per account; 40 pages of 100 cover them all. */
const MAX_PAGES = 40;

/**
 * `order`: from the account's private stream when it holds the order, else GET /api/v5/trade/order by the
 * instrument and ordId packed into FMZ's id (and the stream tracks the answer from then on).
 */
export async function getOrder(call: OkxCall, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
  const instId = checkInstId(p.id.instrument);
  const session = call.privateSession();
  return privateOrRest(session, {
    ctx: call.ctx,
    method: "getOrder",
    kind: "orders",
    answer: async (s) => {
      const held = s.orders.get(p.id.orderId)?.value;
      if (held === undefined || held.instId !== instId) return undefined;
      call.ctx.setRaw(held);
      return toOrder(held, await namesFor(call, [held]));
    },
    rest: async () => {
      const rows = await call.privateGet<OkxOrder>(
        "/api/v5/trade/order",
        { instId, ordId: p.id.orderId },
        instId,
      );
      const row = firstRow(rows, `order ${p.id.text}`);
      call.ctx.setRaw(row);
      session?.track("orders", row);
      return toOrder(row, await namesFor(call, [row]));
    },
  });
}

/**
 * `cancel`: POST /api/v5/trade/cancel-order. A refusal arrives as `sCode`/`sMsg` inside an HTTP 200 reply
 * (e.g. 51400 for an order already filled) and reaches the strategy as `OKX 51400: …`.
 */
export async function cancelOrder(
  call: OkxCall,
  p: ParamsOf<"cancelOrder">,
): Promise<ResultOf<"cancelOrder">> {
  const instId = checkInstId(p.id.instrument);
  const rows = await call.privatePost<OkxItemResult>(
    "/api/v5/trade/cancel-order",
    { instId, ordId: p.id.orderId },
    instId,
  );
  if (rows[0]) call.ctx.setRaw(rows[0]);
  return true;
}

/**
 * `orders`: the open orders of an instrument or a range, from the account's private stream when it is
 * live, else every page of GET /api/v5/trade/orders-pending. Newest first either way, as OKX lists them.
 */
export async function getOpenOrders(call: OkxCall, p: ParamsOf<"getOrders">): Promise<ResultOf<"getOrders">> {
  const target = await resolveTargetAsync(call, p.symbol, wireName("getOrders"));
  return privateOrRest(call.privateSession(), {
    ctx: call.ctx,
    method: "getOrders",
    kind: "orders",
    answer: async (s) => {
      const held = s.orders.values().filter((o) => inTarget(o.instId, target));
      held.sort(newestFirst);
      const names = await namesFor(call, held);
      return held.map((o) => toOrder(o, names));
    },
    rest: async () => {
      const orders = await collect(call, "/api/v5/trade/orders-pending", baseQuery(target), target, Infinity);
      const names = await namesFor(call, orders);
      return orders.map((o) => toOrder(o, names));
    },
  });
}

/** OKX's order ids grow with time: a longer id is newer, and equal lengths compare as text. */
function newestFirst(a: OkxOrder, b: OkxOrder): number {
  if (a.ordId.length !== b.ordId.length) return b.ordId.length - a.ordId.length;
  return a.ordId < b.ordId ? 1 : a.ordId > b.ordId ? -1 : 0;
}

/** Orders placed within this window are in `orders-history`; older ones only in the archive. */
const HISTORY_WINDOW_MS = 7 * 86_400_000;
export const DEFAULT_HISTORY_LIMIT = 100;
export const MAX_HISTORY_LIMIT = 1_000;

/**
 * `historyorders`: finished orders, newest first, at most `limit`, placed at or after `since`. The last
 * seven days come from `orders-history`; when that is not enough and the range reaches further back (no
 * `since`, or one older than seven days), the search continues in `orders-history-archive` (three months)
 * from the oldest order seen, so no order appears twice.
 */
export async function getHistoryOrders(
  call: OkxCall,
  p: ParamsOf<"getHistoryOrders">,
): Promise<ResultOf<"getHistoryOrders">> {
  const target = await resolveTargetAsync(call, p.symbol, wireName("getHistoryOrders"));
  const limit = Math.min(p.limit ?? DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
  const query = { ...baseQuery(target), begin: p.since === undefined ? undefined : String(p.since) };
  const recent = await collect(call, "/api/v5/trade/orders-history", query, target, limit);
  let all = recent;
  const reachesBack = p.since === undefined || p.since < Date.now() - HISTORY_WINDOW_MS;
  if (recent.length < limit && reachesBack) {
    const after = recent.length > 0 ? recent[recent.length - 1].ordId : undefined;
    const older = await collect(
      call,
      "/api/v5/trade/orders-history-archive",
      { ...query, after },
      target,
      limit - recent.length,
    );
    const seen = new Set(recent.map((o) => o.ordId));
    all = [...recent, ...older.filter((o) => !seen.has(o.ordId))];
  }
  const names = await namesFor(call, all);
  return all.slice(0, limit).map((o) => toOrder(o, names));
}

function baseQuery(target: Target): Record<string, string> {
  return target.kind === "instrument"
    ? { instType: target.inst.instType, instId: target.inst.instId }
    : { instType: target.filter.instType };
}

/** One page of an order list: a signed GET of `path` with `query`. */
export type OrderPageGet = (path: string, query: Record<string, string | undefined>) => Promise<OkxOrder[]>;

/**
 * Pages through an order list with OKX's `after` cursor (older than that ordId) until `want` orders that
 * `keep` accepts are in hand or a short page says there are no more.
 */
export async function pageOrders(
  get: OrderPageGet,
  path: string,
  query: Record<string, string | undefined>,
  keep: (row: OkxOrder) => boolean,
  want: number,
): Promise<OkxOrder[]> {
  const out: OkxOrder[] = [];
  let after = query.after;
  for (let page = 0; page < MAX_PAGES && out.length < want; page++) {
    const rows = await get(path, { ...query, after, limit: String(PAGE) });
    for (const row of rows) if (keep(row)) out.push(row);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].ordId;
  }
  return out.slice(0, want);
}

function collect(
  call: OkxCall,
  path: string,
  query: Record<string, string | undefined>,
  target: Target,
  want: number,
): Promise<OkxOrder[]> {
  const get: OrderPageGet = (p, q) => call.privateGet<OkxOrder>(p, q);
  return pageOrders(get, path, query, (row) => inTarget(row.instId, target), want);
}

export function inTarget(instId: string, target: Target): boolean {
  return target.kind === "instrument"
    ? instId === target.inst.instId
    : instTypeOf(instId) === target.filter.instType && target.filter.matches(instId);
}
