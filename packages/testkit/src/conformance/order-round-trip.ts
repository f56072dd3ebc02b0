import { DONE_ORDER_STATUSES, type Order, type OrderRef, parseSymbol } from "@fmz-gateway/core";
import type { CallResult, DockerClient } from "../docker-client";
import { checkOrder, checkOrderList, checkOrderRef } from "./checks";
import { isNotSupported, judge, labelled } from "./judge";
import { readInstrumentRules } from "./instrument-rules";
import { methodSpec } from "./methods";
import { orderLogReader } from "./order-log";
import { type ProbeContext, marketOrderProbe, minimumProbe, roundingProbe } from "./order-probes";
import type { ConformanceTarget, MethodReport } from "./types";

const TRADE = methodSpec("createOrder");
const ORDER = methodSpec("getOrder");
const ORDERS = methodSpec("getOrders");
const CANCEL = methodSpec("cancelOrder");
const HISTORY = methodSpec("getHistoryOrders");

/** The wire methods the round trip reports on. */
export const ORDER_METHODS: readonly string[] = [TRADE, ORDER, ORDERS, CANCEL, HISTORY].map((s) => s.wire);

/** How often, and how far apart, to re-read an order or the history after a cancel (exchanges settle asynchronously). */
const SETTLE_ATTEMPTS = 6;
const SETTLE_PAUSE_MS = 250;

const NO_ORDER = "no order given (set the target's order price and amount to place and cancel one)";

/**
 * trade → order → orders → cancel → order again → historyorders, on one resting limit order; then, when
 * `trade` was correct, its money probes on orders of their own (`order-probes.ts`). Whatever
 * fails on the way, an order the suite placed is cancelled before it returns, so the account is left as it
 * was. Reports only on `selected` methods, but places the order whenever any of them needs it.
 */
export async function orderRoundTrip(
  client: DockerClient,
  target: ConformanceTarget,
  selected: ReadonlySet<string>,
): Promise<Map<string, MethodReport>> {
  const out = new Map<string, MethodReport>();
  const put = (r: MethodReport) => {
    if (selected.has(r.method)) out.set(r.method, r);
  };
  const skip = (method: string, reason: string) => put({ method, verdict: "skipped", reason });
  const symbol = target.symbol;
  const fmzSymbol = parseSymbol(symbol).text;
  let id: string | undefined;
  let cancelled = false;
  try {
    if (!target.order) {
      for (const m of [TRADE, ORDER, CANCEL]) skip(m.wire, NO_ORDER);
    } else {
      const side = target.order.side ?? "buy";
      const reply = await client.call<OrderRef>(TRADE.wire, {
        symbol,
        type: side,
        price: target.order.price,
        amount: target.order.amount,
      });
      const trade = judge(TRADE, reply, checkOrderRef);
      put(trade);
      if (trade.verdict === "correct") id = reply.data?.id;
      else if (trade.verdict === "not-supported") {
        // Nothing to look up, but an adapter that cannot trade often cannot look up or cancel either: ask.
        for (const m of [ORDER, CANCEL]) put(await probeWithoutOrder(client, m.wire, symbol));
      } else {
        const why = `needs the order ${TRADE.wire} places, and ${TRADE.wire} was wrong (${trade.reason ?? ""})`;
        skip(ORDER.wire, why);
        skip(CANCEL.wire, why);
      }
    }

    let orderReport: MethodReport | undefined;
    if (id !== undefined && target.order) {
      const want = {
        id,
        side: target.order.side ?? "buy",
        price: target.order.price,
        amount: target.order.amount,
        symbol: fmzSymbol,
      };
      const open = judge(ORDER, await client.call(ORDER.wire, { id, symbol }), (o: Order) =>
        checkOrder(o, { ...want, phase: "open" }),
      );
      if (open.verdict !== "correct") orderReport = labelled(open, `right after ${TRADE.wire}`);
      put(await listOrders(client, target, id));
      const cancel = judge(CANCEL, await client.call(CANCEL.wire, { id, symbol }));
      put(cancel);
      cancelled = cancel.verdict === "correct";
      if (!orderReport && cancelled) {
        const after = await settle(
          () => client.call<Order>(ORDER.wire, { id, symbol }),
          (r) => (DONE_ORDER_STATUSES as readonly string[]).includes(String(r.data?.status)),
        );
        const done = judge(ORDER, after, (o: Order) => checkOrder(o, { ...want, phase: "done" }));
        orderReport = labelled(done, `after ${CANCEL.wire}`);
      }
      put(orderReport ?? open);
    } else {
      put(await listOrders(client, target, undefined));
    }

    const history = () => client.call<Order[]>(HISTORY.wire, { symbol, since: 0, limit: 0 });
    const listed = (r: CallResult<Order[]>) => Array.isArray(r.data) && r.data.some((o) => o.id === id);
    const historyReply = cancelled ? await settle(history, listed) : await history();
    put(judge(HISTORY, historyReply, (list: Order[]) => checkOrderList(list, cancelled ? id : undefined)));

    const trade = out.get(TRADE.wire);
    if (trade?.verdict === "correct" && target.order) {
      const order = { ...target.order, side: target.order.side ?? "buy" };
      put(withMoneyProbes(trade, await moneyProbes({ client, symbol, fmzSymbol, order }, target)));
    }
  } finally {
    // Never leave the suite's order resting on the account, whatever went wrong above.
    if (id !== undefined && !cancelled) await client.call(CANCEL.wire, { id, symbol }).catch(() => undefined);
  }
  return out;
}

/**
 * Rounding and the minimum (when `markets` gives the instrument's tick, lot and minimum) and, with
 * `marketOrders`, market orders: their problems, each labelled, and what could not be checked.
 */
async function moneyProbes(
  base: Omit<ProbeContext, "log">,
  target: ConformanceTarget,
): Promise<{ problems: string[]; notChecked?: string }> {
  const problems: string[] = [];
  try {
    const c: ProbeContext = { ...base, log: orderLogReader(target) };
    const rules = await readInstrumentRules(c.client, c.symbol);
    let notChecked: string | undefined;
    if (typeof rules === "string") notChecked = `rounding and the minimum not checked: ${rules}`;
    else {
      problems.push(...(await roundingProbe(c, rules)).map((p) => `rounding: ${p}`));
      problems.push(...(await minimumProbe(c, rules)).map((p) => `minimum: ${p}`));
    }
    if (target.marketOrders) {
      const rulesOrNone = typeof rules === "string" ? undefined : rules;
      problems.push(...(await marketOrderProbe(c, rulesOrNone, target.marketOrders)));
    }
    return { problems, notChecked };
  } catch (err) {
    // A broken orderLog hook or a call that failed: said as it is, after anything already found.
    return { problems: [...problems, `could not finish the order checks: ${(err as Error).message}`] };
  }
}

function withMoneyProbes(
  trade: MethodReport,
  found: { problems: string[]; notChecked?: string },
): MethodReport {
  if (found.problems.length > 0) return { ...trade, verdict: "wrong", reason: found.problems.join("; ") };
  return found.notChecked ? { ...trade, reason: found.notChecked } : trade;
}

/** An id no exchange has: only asked where placing is not supported, to tell not-supported from skipped. */
const PLACEHOLDER_ID = "CONFORMANCE-PROBE,0";

async function probeWithoutOrder(client: DockerClient, method: string, symbol: string) {
  const reply = await client.call(method, { id: PLACEHOLDER_ID, symbol });
  return !isNotSupported(reply.error)
    ? { method, verdict: "skipped" as const, reason: `needs an order, and ${TRADE.wire} is not supported` }
    : { method, verdict: "not-supported" as const, reason: reply.error };
}

/** `orders` for the symbol (listing the open order), and for the range when one is given. */
async function listOrders(client: DockerClient, target: ConformanceTarget, id: string | undefined) {
  const echo = { wanted: parseSymbol(target.symbol).text, method: ORDERS.wire };
  const bySymbol = judge(ORDERS, await client.call(ORDERS.wire, { symbol: target.symbol }), (l: Order[]) =>
    checkOrderList(l, id, echo),
  );
  if (bySymbol.verdict !== "correct" || !target.range) return bySymbol;
  const mustInclude = rangeCovers(target.range, target.symbol) ? id : undefined;
  const byRange = judge(ORDERS, await client.call(ORDERS.wire, { symbol: target.range }), (l: Order[]) =>
    checkOrderList(l, mustInclude, echo),
  );
  return labelled(byRange, `${ORDERS.wire} for ${target.range}`);
}

/** Whether a range (`USDT.swap`) covers an instrument (`BTC_USDT.swap`). */
export function rangeCovers(range: string, symbol: string): boolean {
  const r = parseSymbol(range);
  const s = parseSymbol(symbol);
  if (r.kind !== "range" || s.kind !== "instrument" || s.contract === undefined) return false;
  return r.quote === s.quote && (r.market === "swap") === (s.contract === "swap");
}

/** Repeats a read until `done` holds or the attempts run out; answers the last reply either way. */
async function settle<T>(call: () => Promise<CallResult<T>>, done: (r: CallResult<T>) => boolean) {
  let reply = await call();
  for (let i = 1; i < SETTLE_ATTEMPTS && !done(reply) && reply.error === undefined; i++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_PAUSE_MS));
    reply = await call();
  }
  return reply;
}
