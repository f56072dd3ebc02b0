/**
 * `trade`: FMZ's order semantics on ccxt's createOrder. A spot market buy spends a quote amount
 * (createMarketBuyOrderWithCost); `closebuy`/`closesell` are reduce-only sells/buys; amounts are cut to
 * the lot and prices rounded to the tick with ccxt's string precision functions; every order carries a
 * client order id and is sent once: when the reply is lost, the order is looked up by that id.
 */
import {
  BadRequestError,
  Dec,
  ExchangeError,
  NetworkError,
  NotSupportedError,
  type ParamsOf,
  type ResultOf,
} from "@fmz-gateway/core";
import { type CcxtExchange, type CcxtMarket, type CcxtOrder, has, option } from "../ccxt-lib";
import { type Bridge, type Ctx } from "../bridge";
import { isUncertainOutcome, mapCcxtError } from "../errors";
import { clientOrderIdFor, fmzOrderId } from "../orders";
import { marketKind } from "../symbols";
import { type LookupOutcome, type SentOrder, findLostOrder } from "./lost-reply";

/** A decimal string as the number ccxt's API takes, refusing one a float64 cannot carry exactly. */
export function exactNumber(text: string, field: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || !new Dec(n).eq(new Dec(text))) {
    throw new BadRequestError(`${field} ${text} has more significant digits than can be sent exactly`);
  }
  return n;
}

/** A price or amount through ccxt's string precision function; a result of 0 is a bad request. */
function precise(exchangeId: string, fn: () => string | undefined, field: string, raw: string): string {
  let out: string | undefined;
  try {
    out = fn();
  } catch (err) {
    throw new BadRequestError(`${field} ${raw}: ${mapCcxtError(err, exchangeId, "trade").message}`);
  }
  if (out === undefined || !new Dec(out).gt(0)) {
    throw new BadRequestError(`${field} ${raw} rounds to 0 at the instrument's precision`);
  }
  return out;
}

interface OrderPlan {
  readonly market: CcxtMarket;
  readonly clientOrderId: string;
  /** What was sent, to find the order again when the reply is lost. */
  readonly sent: SentOrder;
  readonly place: () => Promise<CcxtOrder>;
}

export function planOrder(b: Bridge, ex: CcxtExchange, p: ParamsOf<"createOrder">): OrderPlan {
  b.require(ex, "createOrder", "trade");
  const m = b.market(ex, p.symbol);
  const spot = marketKind(m) === "spot";
  const reduceOnly = p.side === "closebuy" || p.side === "closesell";
  if (spot && reduceOnly) {
    throw new BadRequestError(
      `${p.side} closes a futures position; ${p.symbol.text} is spot (use buy or sell)`,
    );
  }
  const side = p.side === "buy" || p.side === "closesell" ? "buy" : "sell";
  const clientOrderId = clientOrderIdFor(b.id);
  const params: Record<string, unknown> = { clientOrderId };
  if (reduceOnly) params.reduceOnly = true;

  if (p.orderType === "market" && spot && side === "buy") {
    // FMZ: a spot market buy's amount is what to spend, in the quote currency.
    const cost = precise(b.id, () => ex.costToPrecision(m.symbol, p.amount), "amount", p.amount);
    const minCost = m.limits.cost?.min;
    if (typeof minCost === "number" && new Dec(cost).lt(new Dec(minCost))) {
      throw new BadRequestError(
        `amount ${p.amount} ${m.quote} is below ${m.symbol}'s minimum order value ${minCost}`,
      );
    }
    const costNumber = exactNumber(cost, "amount");
    const sent: SentOrder = { clientOrderId, side, amount: costNumber, byCost: true, placedAt: Date.now() };
    if (has(ex, "createMarketBuyOrderWithCost")) {
      return {
        market: m,
        clientOrderId,
        sent,
        place: () => ex.createMarketBuyOrderWithCost(m.symbol, costNumber, params),
      };
    }
    if (takesRequiresPriceFlag(ex)) {
      // ccxt's convention: with createMarketBuyOrderRequiresPrice false the amount is the cost.
      const withCost = { ...params, createMarketBuyOrderRequiresPrice: false, cost: costNumber };
      return {
        market: m,
        clientOrderId,
        sent,
        place: () => ex.createOrder(m.symbol, "market", "buy", costNumber, undefined, withCost),
      };
    }
    throw new NotSupportedError(
      "trade",
      `on ${b.id}: a spot market buy by quote amount (ccxt has no createMarketBuyOrderWithCost); use a limit order`,
    );
  }

  const amount = precise(b.id, () => ex.amountToPrecision(m.symbol, p.amount), "amount", p.amount);
  const minAmount = m.limits.amount?.min;
  if (typeof minAmount === "number" && new Dec(amount).lt(new Dec(minAmount))) {
    throw new BadRequestError(
      `amount ${p.amount} is below ${m.symbol}'s minimum ${minAmount}${spot ? "" : " contracts"}`,
    );
  }
  const amountNumber = exactNumber(amount, "amount");
  let priceNumber: number | undefined;
  if (p.orderType === "limit" && p.price !== undefined) {
    const price = precise(b.id, () => ex.priceToPrecision(m.symbol, p.price), "price", p.price);
    priceNumber = exactNumber(price, "price");
  }
  return {
    market: m,
    clientOrderId,
    sent: { clientOrderId, side, amount: amountNumber, byCost: false, placedAt: Date.now() },
    place: () => ex.createOrder(m.symbol, p.orderType, side, amountNumber, priceNumber, params),
  };
}

export async function createOrder(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"createOrder">,
): Promise<ResultOf<"createOrder">> {
  const ex = await b.privateExchange(ctx);
  const plan = planOrder(b, ex, p);
  let order: CcxtOrder;
  try {
    order = await b.runRaw(ctx, ex, plan.place);
  } catch (err) {
    if (!isUncertainOutcome(err)) throw mapCcxtError(err, b.id, "trade");
    return { id: await resolveLostReply(b, ctx, ex, plan, err) };
  }
  ctx.setRaw(order.info);
  if (order.id === undefined || order.id === null || order.id === "") {
    const outcome = await findLostOrder(b, ctx, ex, plan.market, plan.sent);
    if ("found" in outcome) return { id: fmzOrderId(plan.market, outcome.found) };
    throw new ExchangeError(
      b.id,
      "no-id",
      `the exchange accepted the order but sent no order id (client order id ${plan.clientOrderId})`,
    );
  }
  return { id: fmzOrderId(plan.market, String(order.id)) };
}

/**
 * The order request failed in a way that leaves its fate unknown (connection dropped, timeout, an
 * unreadable reply). Ask the exchange for the client order id: found, answer its id; confirmed absent,
 * the order was not placed; otherwise say so plainly, so the strategy checks before trading again.
 */
async function resolveLostReply(
  b: Bridge,
  ctx: Ctx,
  ex: CcxtExchange,
  plan: OrderPlan,
  err: unknown,
): Promise<string> {
  const mapped = mapCcxtError(err, b.id, "trade");
  ctx.logger.warn(
    `${b.id} trade: reply lost (${mapped.message}); looking up client order id ${plan.clientOrderId}`,
  );
  let outcome: LookupOutcome;
  try {
    outcome = await findLostOrder(b, ctx, ex, plan.market, plan.sent);
  } catch (lookupErr) {
    throw new NetworkError(
      `${b.id} trade: the reply was lost (${mapped.message}) and looking the order up by client order id ${plan.clientOrderId} failed (${mapCcxtError(lookupErr, b.id, "trade").message}); check open orders before trading again`,
      { cause: err },
    );
  }
  if ("found" in outcome) {
    ctx.logger.info(`${b.id} trade: found order ${outcome.found} (client order id ${plan.clientOrderId})`);
    return fmzOrderId(plan.market, outcome.found);
  }
  if ("absent" in outcome) {
    throw new NetworkError(
      `${mapped.message} (the order was not placed: no order has client order id ${plan.clientOrderId})`,
      { cause: err },
    );
  }
  throw new NetworkError(
    `${b.id} trade: the reply was lost (${mapped.message}) and the order could not be identified (${outcome.unknown}); the order may have been placed: check open orders (orders) and recent orders (historyorders) for ${plan.market.symbol} before trading again (client order id ${plan.clientOrderId})`,
    { cause: err },
  );
}

/**
 * Whether the exchange's ccxt code reads `createMarketBuyOrderRequiresPrice` (as an option or a
 * param) on the way of createOrder: then a market buy with it false takes the cost as its amount.
 * Read from ccxt's own createOrder and the request builders it calls, so every exchange that follows
 * the convention is served without a hand-kept list. Only that path counts: Crypto.com reads the
 * flag in a builder createOrder never calls (createAdvancedOrderRequest, for order lists) and sends
 * the amount as a base quantity, so a quote amount there would buy the wrong size.
 */
export function takesRequiresPriceFlag(ex: CcxtExchange): boolean {
  if (option(ex, "createMarketBuyOrderRequiresPrice") !== undefined) return true;
  return createOrderPath(ex).some((fn) => fn.toString().includes("createMarketBuyOrderRequiresPrice"));
}

/** ccxt's createOrder and the `this.create…(` functions it reaches, as far as they go. */
function createOrderPath(ex: CcxtExchange): Array<(...args: unknown[]) => unknown> {
  const proto = Object.getPrototypeOf(ex) as Record<string, unknown>;
  const seen = new Map<string, (...args: unknown[]) => unknown>();
  const queue = ["createOrder"];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const fn = proto[name];
    if (seen.has(name) || typeof fn !== "function") continue;
    seen.set(name, fn as (...args: unknown[]) => unknown);
    for (const m of String(fn).matchAll(/this\.(create\w*)\s*\(/g)) queue.push(m[1]);
  }
  return [...seen.values()];
}
