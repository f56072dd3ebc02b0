// Private trade endpoints: place/cancel (single and batch), order details, pending orders, order history.
// Place and cancel answer per order with sCode/sMsg, plus top-level inTime/outTime, like OKX.

import { errorMsg } from "../errors";
import type { Handler, RequestContext } from "../http/context";
import { bigIntParam, isReply, jsonBody, limitParam, str } from "../http/params";
import {
  emptyParam,
  microsNow,
  ok,
  okxError,
  paramError,
  TOO_MANY_REQUESTS,
  type Reply,
} from "../http/reply";
import type { LimitName } from "../rate-limits";
import type { StandinState } from "../state";
import type { Account } from "./account";
import { isLive, orderWire, type Order } from "./order";
import { accountOf } from "./session";
import { isRecord, itemError, missingRequired, parseOrderInput, type ItemError } from "./validate";

const MAX_BATCH = 20;

/** `code` "0" when every item succeeded, "1" when none did, "2" for a mix (reference §2.1, §8). */
function tradeReply(items: Record<string, string>[], inTime: string): Reply {
  const failed = items.filter((i) => i.sCode !== "0").length;
  const code = failed === 0 ? "0" : failed === items.length ? "1" : "2";
  const msg = code === "0" ? "" : errorMsg(code);
  return {
    status: 200,
    body: JSON.stringify({ code, msg, data: items, inTime, outTime: microsNow() }),
  };
}

function placeItem(o: Order): Record<string, string> {
  // Live OKX now says "Order placed" on success (ccxt's recorded fixture); the older docs example has "".
  return {
    clOrdId: o.clOrdId,
    ordId: o.ordId,
    tag: o.tag,
    ts: String(o.uTime),
    sCode: "0",
    sMsg: "Order placed",
  };
}

function failedPlaceItem(raw: Record<string, unknown>, err: ItemError, now: number): Record<string, string> {
  return { clOrdId: str(raw.clOrdId), ordId: "", tag: str(raw.tag), ts: String(now), ...err };
}

/** Takes `cost` units from `name` for each instrument; false when any bucket is exhausted. */
function takePerInstrument(
  st: StandinState,
  name: LimitName,
  user: string,
  instIds: string[],
  now: number,
): boolean {
  let allowed = true;
  for (const instId of instIds) if (!st.limiter.take(name, user + "|" + instId, now)) allowed = false;
  return allowed;
}

function placeAll(ctx: RequestContext, st: StandinState, raws: Record<string, unknown>[]): Reply {
  const inTime = microsNow();
  const acct = accountOf(ctx, st);
  // clOrdIds must be unique among pending orders and within the request itself.
  const seen = new Set<string>();
  const items = raws.map((raw) => {
    const input = parseOrderInput(raw);
    if ("sCode" in input) return failedPlaceItem(raw, input, ctx.now);
    const result = st.engine.place(acct, input, ctx.now, seen);
    if (input.clOrdId !== "") seen.add(input.clOrdId);
    return result.ok ? placeItem(result.order) : failedPlaceItem(raw, result.err, ctx.now);
  });
  return tradeReply(items, inTime);
}

/** Validates the shape of a place/cancel body: an object (single) or an array of objects (batch). */
function orderObjects(ctx: RequestContext, batch: boolean): Record<string, unknown>[] | Reply {
  const body = jsonBody(ctx);
  if (!body.ok) return body.reply;
  const list = batch ? body.value : [body.value];
  if (!Array.isArray(list) || !list.every(isRecord)) return okxError("50002");
  if (list.length === 0) return emptyParam("instId");
  return list;
}

export const placeOrder: Handler = (ctx, st) => {
  const list = orderObjects(ctx, false);
  if (!Array.isArray(list)) return list;
  const raw = list[0] ?? {};
  const missing = missingRequired(raw);
  if (missing !== undefined) return emptyParam(missing);
  if (!st.limiter.take("trade/order:POST", accountOf(ctx, st).apiKey + "|" + str(raw.instId), ctx.now)) {
    return TOO_MANY_REQUESTS;
  }
  return placeAll(ctx, st, list);
};

export const batchOrders: Handler = (ctx, st) => {
  const list = orderObjects(ctx, true);
  if (!Array.isArray(list)) return list;
  if (list.length > MAX_BATCH) return okxError("51111", errorMsg("51111", String(MAX_BATCH)));
  for (const raw of list) {
    const missing = missingRequired(raw);
    if (missing !== undefined) return emptyParam(missing);
  }
  const user = accountOf(ctx, st).apiKey;
  const instIds = list.map((r) => str(r.instId));
  // A batch of one counts against the single-order limit (reference §3).
  const name: LimitName = list.length === 1 ? "trade/order:POST" : "trade/batch-orders";
  if (!takePerInstrument(st, name, user, instIds, ctx.now)) return TOO_MANY_REQUESTS;
  return placeAll(ctx, st, list);
};

function findOrder(acct: Account, instId: string, ordId: string, clOrdId: string): Order | undefined {
  // If both ids are given, ordId wins (docs).
  const o = ordId !== "" ? acct.byOrdId.get(ordId) : acct.byClOrdId.get(clOrdId);
  return o !== undefined && o.inst.instId === instId ? o : undefined;
}

function cancelAll(ctx: RequestContext, st: StandinState, raws: Record<string, unknown>[]): Reply {
  const inTime = microsNow();
  const acct = accountOf(ctx, st);
  const items = raws.map((raw) => {
    const ordId = str(raw.ordId);
    const clOrdId = str(raw.clOrdId);
    const echo = { clOrdId, ordId, ts: String(ctx.now) };
    if (ordId === "" && clOrdId === "") return { ...echo, ...itemError("51407") };
    const o = findOrder(acct, str(raw.instId), ordId, clOrdId);
    if (o === undefined || !isLive(o)) return { ...echo, ...itemError("51400") };
    st.engine.cancel(o, ctx.now);
    return { clOrdId: o.clOrdId, ordId: o.ordId, ts: String(ctx.now), sCode: "0", sMsg: "" };
  });
  return tradeReply(items, inTime);
}

export const cancelOrder: Handler = (ctx, st) => {
  const list = orderObjects(ctx, false);
  if (!Array.isArray(list)) return list;
  const raw = list[0] ?? {};
  if (str(raw.instId) === "") return emptyParam("instId");
  if (!st.limiter.take("trade/cancel-order", accountOf(ctx, st).apiKey + "|" + str(raw.instId), ctx.now)) {
    return TOO_MANY_REQUESTS;
  }
  return cancelAll(ctx, st, list);
};

export const cancelBatchOrders: Handler = (ctx, st) => {
  const list = orderObjects(ctx, true);
  if (!Array.isArray(list)) return list;
  if (list.length > MAX_BATCH) return okxError("50025", errorMsg("50025", "orders", String(MAX_BATCH)));
  if (list.some((r) => str(r.instId) === "")) return emptyParam("instId");
  const user = accountOf(ctx, st).apiKey;
  const name: LimitName = list.length === 1 ? "trade/cancel-order" : "trade/cancel-batch-orders";
  if (
    !takePerInstrument(
      st,
      name,
      user,
      list.map((r) => str(r.instId)),
      ctx.now,
    )
  )
    return TOO_MANY_REQUESTS;
  return cancelAll(ctx, st, list);
};

export const getOrder: Handler = (ctx, st) => {
  const acct = accountOf(ctx, st);
  const instId = ctx.query.get("instId") ?? "";
  if (instId === "") return emptyParam("instId");
  if (!st.limiter.take("trade/order:GET", acct.apiKey + "|" + instId, ctx.now)) return TOO_MANY_REQUESTS;
  const ordId = ctx.query.get("ordId") ?? "";
  const clOrdId = ctx.query.get("clOrdId") ?? "";
  if (ordId === "" && clOrdId === "") return okxError("51003");
  const o = findOrder(acct, instId, ordId, clOrdId);
  if (o === undefined) return okxError("51603");
  return ok([orderWire(o)]);
};

interface ListFilter {
  instType: string;
  instId: string;
  ordTypes: Set<string> | undefined;
  state: string;
  begin: number | undefined;
  end: number | undefined;
}

function listFilter(q: URLSearchParams): ListFilter | Reply {
  const ordType = q.get("ordType") ?? "";
  const begin = bigIntParam(q, "begin");
  if (isReply(begin)) return begin;
  const end = bigIntParam(q, "end");
  if (isReply(end)) return end;
  return {
    instType: q.get("instType") ?? "",
    instId: q.get("instId") ?? "",
    ordTypes: ordType === "" ? undefined : new Set(ordType.split(",")),
    state: q.get("state") ?? "",
    begin: begin === undefined ? undefined : Number(begin),
    end: end === undefined ? undefined : Number(end),
  };
}

function matches(o: Order, f: ListFilter): boolean {
  return (
    (f.instType === "" || o.inst.instType === f.instType) &&
    (f.instId === "" || o.inst.instId === f.instId) &&
    (f.ordTypes === undefined || f.ordTypes.has(o.ordType)) &&
    (f.state === "" || o.state === f.state) &&
    (f.begin === undefined || o.cTime >= f.begin) &&
    (f.end === undefined || o.cTime <= f.end)
  );
}

/**
 * Newest first, cursor-paged by ordId: `after` = older than, `before` = newer than. With `before` alone the
 * newest matching records come back, as OKX documents for its cursor endpoints.
 */
function pageOrders(
  ctx: RequestContext,
  acct: Account,
  keep: (o: Order) => boolean,
  filter: ListFilter,
): Reply {
  const after = bigIntParam(ctx.query, "after");
  if (isReply(after)) return after;
  const before = bigIntParam(ctx.query, "before");
  if (isReply(before)) return before;
  const limit = limitParam(ctx.query, 100, 100);
  if (isReply(limit)) return limit;
  const out: Record<string, unknown>[] = [];
  // Orders are stored oldest first and ids only grow, so walking backwards is newest first.
  for (let i = acct.orders.length - 1; i >= 0 && out.length < limit; i--) {
    const o = acct.orders[i];
    if (o === undefined) continue;
    if (before !== undefined && o.ordIdNum <= before) break;
    if (after !== undefined && o.ordIdNum >= after) continue;
    if (keep(o) && matches(o, filter)) out.push(orderWire(o));
  }
  return ok(out);
}

const INST_TYPE_FILTER = new Set(["SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION"]);

export const ordersPending: Handler = (ctx, st) => {
  const acct = accountOf(ctx, st);
  if (!st.limiter.take("trade/orders-pending", acct.apiKey, ctx.now)) return TOO_MANY_REQUESTS;
  const filter = listFilter(ctx.query);
  if (isReply(filter)) return filter;
  if (filter.instType !== "" && !INST_TYPE_FILTER.has(filter.instType)) return paramError("instType");
  if (filter.state !== "" && filter.state !== "live" && filter.state !== "partially_filled")
    return paramError("state");
  return pageOrders(ctx, acct, isLive, filter);
};

const DAY = 86_400_000;

function historyHandler(archive: boolean): Handler {
  return (ctx, st) => {
    const acct = accountOf(ctx, st);
    const limitName = archive ? "trade/orders-history-archive" : "trade/orders-history";
    if (!st.limiter.take(limitName, acct.apiKey, ctx.now)) return TOO_MANY_REQUESTS;
    const filter = listFilter(ctx.query);
    if (isReply(filter)) return filter;
    if (filter.instType === "") return emptyParam("instType");
    if (!INST_TYPE_FILTER.has(filter.instType)) return paramError("instType");
    if (
      filter.state !== "" &&
      filter.state !== "filled" &&
      filter.state !== "canceled" &&
      filter.state !== "mmp_canceled"
    ) {
      return paramError("state");
    }
    const now = ctx.now;
    const keep = archive
      ? // Last 3 months; canceled orders without fills only appear in the 7-day endpoint.
        (o: Order) => !isLive(o) && o.uTime >= now - 90 * DAY && !(o.state === "canceled" && o.accFill === 0n)
      : // Last 7 days; canceled orders without fills are only kept for 2 hours.
        (o: Order) =>
          !isLive(o) &&
          o.uTime >= now - 7 * DAY &&
          !(o.state === "canceled" && o.accFill === 0n && o.uTime < now - 2 * 3_600_000);
    return pageOrders(ctx, acct, keep, filter);
  };
}

export const ordersHistory = historyHandler(false);
export const ordersHistoryArchive = historyHandler(true);
