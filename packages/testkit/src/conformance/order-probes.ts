import { DONE_ORDER_STATUSES, Dec, type Order, type OrderRef, type Ticker } from "@fmz-gateway/core";
import type { CallResult, DockerClient } from "../docker-client";
import { badSymbolEcho, checkMarketFill, checkRoundedAmount, checkRoundedPrice, roundDownTo } from "./checks";
import type { InstrumentRules } from "./instrument-rules";
import { isNotSupported } from "./judge";
import { methodSpec } from "./methods";
import { type OrderLogReader, receivedDuring } from "./order-log";
import type { ReceivedOrder } from "./types";

/**
 * The `trade` probes past the round trip, each on an order of its own that is cancelled before it
 * returns: rounding to tick and lot, the minimum amount, and (opt-in) market orders. Each answers its
 * problems as sentences (empty when none).
 */

const TRADE = methodSpec("createOrder");
const ORDER = methodSpec("getOrder");
const ORDERS = methodSpec("getOrders");
const CANCEL = methodSpec("cancelOrder");
const TICKER = methodSpec("getTicker");

export interface ProbeContext {
  client: DockerClient;
  /** As the target gives it (sent as is). */
  symbol: string;
  /** The FMZ symbol the docker sent, normalised (`BTC_USDT`): what `order` must echo. */
  fmzSymbol: string;
  /** The target's resting order: a price far from the market, an amount on the lot. */
  order: { price: string; amount: string; side: "buy" | "sell" };
  log?: OrderLogReader;
}

/** How long a market order may take to show as filled. */
const FILL_ATTEMPTS = 8;
const FILL_PAUSE_MS = 250;

interface Placed {
  reply: CallResult<OrderRef>;
  /** What the exchange received meanwhile; undefined without an order log. */
  received?: ReceivedOrder[];
}

async function place(c: ProbeContext, params: Record<string, unknown>): Promise<Placed> {
  const send = () => c.client.call<OrderRef>(TRADE.wire, { symbol: c.symbol, ...params });
  if (!c.log) return { reply: await send() };
  const { result, received } = await receivedDuring(c.log, send);
  return { reply: result, received };
}

async function cancel(c: ProbeContext, id: string | undefined): Promise<void> {
  if (id !== undefined) await c.client.call(CANCEL.wire, { id, symbol: c.symbol }).catch(() => undefined);
}

/** The one order a trade sent, or why there is not exactly one. */
function oneReceived(received: ReceivedOrder[], what: string): ReceivedOrder | string {
  if (received.length === 1) return received[0];
  return received.length === 0
    ? `the exchange received nothing for ${what}, which answered an order id (is the orderLog wired to this mount?)`
    : `the exchange received ${received.length} orders for ${what}`;
}

/**
 * A limit order with the price off the tick (the target's price + 0.37 tick) and the amount off the lot
 * (the target's amount + 0.6 lot): the exchange must receive (or, without a log, `order` must show) a
 * price on the tick within one tick of it, and the amount rounded down to the lot.
 */
export async function roundingProbe(c: ProbeContext, rules: InstrumentRules): Promise<string[]> {
  const { tick, lot } = rules;
  const base = roundDownTo(c.order.amount, lot);
  if (new Dec(base).lte(0)) return [];
  const price = new Dec(c.order.price).plus(new Dec(tick).mul("0.37")).toFixed();
  const amount = new Dec(base).plus(new Dec(lot).mul("0.6")).toFixed();
  const asked = `a ${c.order.side} at ${price} (off the tick ${tick}) of ${amount} (off the lot ${lot})`;
  const { reply, received } = await place(c, { type: c.order.side, price, amount });
  const receivedProblems = (one: ReceivedOrder) => [
    ...checkRoundedPrice("the exchange received", one.price, price, tick),
    ...checkRoundedAmount("the exchange received", one.amount, amount, lot),
  ];
  if (reply.error !== undefined || typeof reply.data?.id !== "string") {
    // The exchange refused it; what it received says why, where the log shows it.
    return [
      ...(received?.length === 1 ? receivedProblems(received[0]) : []),
      `${TRADE.wire} of ${asked} answered ${JSON.stringify(reply.error ?? reply.data)}; round the price to the tick and the amount down to the lot instead`,
    ];
  }
  const id = reply.data.id;
  try {
    if (received) {
      const one = oneReceived(received, `a ${TRADE.wire}`);
      return typeof one === "string" ? [one] : receivedProblems(one);
    }
    const o = await c.client.call<Order>(ORDER.wire, { id, symbol: c.symbol });
    if (o.data === undefined) return []; // the round trip judges `order` itself
    return [
      ...checkRoundedPrice(`${ORDER.wire} answered`, o.data.price, price, tick),
      ...checkRoundedAmount(`${ORDER.wire} answered`, o.data.amount, amount, lot),
    ];
  } finally {
    await cancel(c, id);
  }
}

/**
 * The amount the minimum probe asks: the largest whole number of lots under `minQty`, or half a lot
 * (which rounds down to nothing) when the minimum is one lot or less.
 */
export function amountUnderMinimum(rules: Pick<InstrumentRules, "lot" | "minQty">): string {
  const lot = new Dec(rules.lot);
  const lots = new Dec(rules.minQty).div(lot).ceil().minus(1);
  return lots.gte(1) ? lots.mul(lot).toFixed() : lot.div(2).toFixed();
}

/**
 * An order under the minimum gets an error (not "not supported"), and nothing is created: the open
 * `orders` stay as they were and, with a log, the exchange receives nothing (the adapter refuses it
 * before sending). Anything it did create is cancelled.
 */
export async function minimumProbe(c: ProbeContext, rules: InstrumentRules): Promise<string[]> {
  const amount = amountUnderMinimum(rules);
  const what = `a ${TRADE.wire} of ${amount}, under ${rules.key}'s minimum ${rules.minQty} (lot ${rules.lot}),`;
  const openIds = async () => {
    const r = await c.client.call<Order[]>(ORDERS.wire, { symbol: c.symbol });
    return Array.isArray(r.data) ? new Set(r.data.map((o) => o.id)) : undefined;
  };
  const before = await openIds();
  const { reply, received } = await place(c, { type: c.order.side, price: c.order.price, amount });
  const problems: string[] = [];
  if (reply.error === undefined) {
    problems.push(`${what} placed an order; refuse it with an error that names the minimum`);
    await cancel(c, reply.data?.id);
  } else if (isNotSupported(reply.error)) {
    problems.push(`${what} answered ${JSON.stringify(reply.error)}; answer an error that names the minimum`);
  }
  if (received && received.length > 0) {
    problems.push(
      `the exchange received an order of ${received[0].amount} for ${what.slice(0, -1)}: check the minimum before sending`,
    );
  }
  const after = await openIds();
  if (before && after) {
    const created = [...after].filter((id) => !before.has(id));
    if (created.length > 0 && reply.error !== undefined) {
      problems.push(
        `${ORDERS.wire} lists a new order (${created.join(", ")}) after ${what} answered an error`,
      );
    }
    for (const id of created) await cancel(c, id);
  }
  return problems;
}

/** A market buy spending `buyQuote` and a market sell of `sellBase`; each filled order is checked. */
export async function marketOrderProbe(
  c: ProbeContext,
  rules: InstrumentRules | undefined,
  amounts: { buyQuote: string; sellBase: string },
): Promise<string[]> {
  const contract = rules?.contract ?? false;
  const problems: string[] = [];
  for (const side of ["buy", "sell"] as const) {
    const amount = side === "buy" ? amounts.buyQuote : amounts.sellBase;
    const quoteSized = side === "buy" && !contract;
    const found = await oneMarketOrder(c, rules, { side, amount, quoteSized });
    problems.push(...found.map((p) => `market ${side}: ${p}`));
  }
  return problems;
}

async function oneMarketOrder(
  c: ProbeContext,
  rules: InstrumentRules | undefined,
  want: { side: "buy" | "sell"; amount: string; quoteSized: boolean },
): Promise<string[]> {
  const { side, amount, quoteSized } = want;
  const ticker = await c.client.call<Ticker>(TICKER.wire, { symbol: c.symbol });
  const last = ticker.data === undefined ? undefined : Number(ticker.data.last);
  const { reply, received } = await place(c, { type: side, price: -1, amount });
  if (reply.error !== undefined || typeof reply.data?.id !== "string") {
    const hint = isNotSupported(reply.error)
      ? " (leave marketOrders out of the target if the mount has no market orders)"
      : "";
    // The exchange refused it; how it was sized may be why, where the log shows it.
    return [
      ...(received?.length === 1 ? checkReceivedMarket(received[0], want, rules) : []),
      `${TRADE.wire} at price -1 of ${amount} answered ${JSON.stringify(reply.error ?? reply.data)}${hint}`,
    ];
  }
  const id = reply.data.id;
  const p: string[] = [];
  if (received) {
    const one = oneReceived(received, `a market ${side}`);
    if (typeof one === "string") p.push(one);
    else p.push(...checkReceivedMarket(one, want, rules));
  }
  const o = await untilFilled(c, id);
  if (o.data === undefined) {
    p.push(`${ORDER.wire} answered ${JSON.stringify(o.error)} for the market ${side}`);
    return p;
  }
  const echo = badSymbolEcho(o.data.symbol, c.fmzSymbol, ORDER.wire);
  if (echo !== undefined) p.push(echo);
  if (o.data.type !== side) p.push(`${ORDER.wire} answered type "${o.data.type}" for a ${side}`);
  if (Number(o.data.deal_amount) <= 0 && !isDone(o.data)) {
    await cancel(c, id);
    p.push(`still ${o.data.status} with nothing filled after ${(FILL_ATTEMPTS * FILL_PAUSE_MS) / 1000} s`);
    return p;
  }
  p.push(...checkMarketFill(o.data, { side, amount, quoteSized, last }));
  return p;
}

function checkReceivedMarket(
  r: ReceivedOrder,
  want: { side: "buy" | "sell"; amount: string; quoteSized: boolean },
  rules: InstrumentRules | undefined,
): string[] {
  const unit = want.quoteSized ? "quote" : "base";
  const p: string[] = [];
  if (r.type !== "market") p.push(`the exchange received a ${r.type} order, not a market order`);
  if (r.side !== want.side) p.push(`the exchange received a ${r.side}`);
  if (r.amountUnit !== unit) {
    p.push(
      want.quoteSized
        ? `reached the exchange sized in ${r.amountUnit} (amount ${r.amount}); FMZ's market buy amount is the quote to spend (${want.amount}), so the exchange must receive amountUnit "quote"`
        : `reached the exchange sized in ${r.amountUnit} (amount ${r.amount}); FMZ's market sell amount is base (${want.amount}), so the exchange must receive amountUnit "base"`,
    );
  } else if (want.quoteSized) {
    const got = Number(r.amount);
    const asked = Number(want.amount);
    if (!(got <= asked && got >= asked * 0.99)) {
      p.push(`the exchange received ${r.amount} quote to spend; the buy asked ${want.amount}`);
    }
  } else if (rules) {
    p.push(...checkRoundedAmount("the exchange received", r.amount, want.amount, rules.lot));
  }
  return p;
}

const DONE: readonly string[] = DONE_ORDER_STATUSES;
const isDone = (o: Order) => DONE.includes(o.status);

/** Reads the order until it shows a fill and is done (or the attempts run out). */
async function untilFilled(c: ProbeContext, id: string): Promise<CallResult<Order>> {
  let reply = await c.client.call<Order>(ORDER.wire, { id, symbol: c.symbol });
  for (let i = 1; i < FILL_ATTEMPTS; i++) {
    const o = reply.data;
    if (reply.error !== undefined || (o && isDone(o) && Number(o.deal_amount) > 0)) break;
    await new Promise((resolve) => setTimeout(resolve, FILL_PAUSE_MS));
    reply = await c.client.call<Order>(ORDER.wire, { id, symbol: c.symbol });
  }
  return reply;
}
