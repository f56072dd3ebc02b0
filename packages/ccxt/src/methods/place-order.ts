/**
 * `trade`: FMZ's order (read by core's `readOrderIntent`) on ccxt's createOrder. A spot market buy spends
 * a quote amount (createMarketBuyOrderWithCost); `closebuy`/`closesell` are reduce-only sells/buys;
 * amounts are cut to the lot and prices rounded to the tick with ccxt's string precision functions;
 * every order carries a client order id and goes through core's placement policy (`placeOnce`): sent
 * once, and when the reply is lost, looked up by that id (lost-reply.ts).
 */
import {
  BadRequestError,
  Dec,
  NotSupportedError,
  OrderStateUnknownError,
  type ParamsOf,
  type ResultOf,
  mayHaveReachedExchange,
  placeOnce,
  readOrderIntent,
  wireName,
  withinDeadline,
} from "@fmz-gateway/core";
import { type CcxtExchange, type CcxtMarket, type CcxtOrder, has, option } from "../ccxt-lib";
import { type Bridge, type Ctx } from "../bridge";
import { mapCcxtError, mapOrderError } from "../errors";
import { clientOrderIdFor, fmzOrderId } from "../orders";
import { marketKind } from "../symbols";
import { type SentOrder, lookUpOrder } from "./lost-reply";

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
    const why = mapCcxtError(err, exchangeId, wireName("createOrder")).message;
    throw new BadRequestError(`${field} ${raw}: ${why}`);
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
  const wire = wireName("createOrder");
  b.require(ex, "createOrder", wire);
  const m = b.market(ex, p.symbol);
  const spot = marketKind(m) === "spot";
  const intent = readOrderIntent(p, spot ? "spot" : "contract");
  const side = intent.side;
  const clientOrderId = clientOrderIdFor(b.id);
  const params: Record<string, unknown> = { clientOrderId };
  if (intent.reduceOnly) params.reduceOnly = true;

  if (intent.sizeUnit === "quote") {
    // FMZ: a spot market buy's amount is what to spend, in the quote currency.
    const cost = precise(b.id, () => ex.costToPrecision(m.symbol, intent.amount), "amount", intent.amount);
    const minCost = m.limits.cost?.min;
    if (typeof minCost === "number" && new Dec(cost).lt(new Dec(minCost))) {
      throw new BadRequestError(
        `amount ${intent.amount} ${m.quote} is below ${m.symbol}'s minimum order value ${minCost}`,
      );
    }
    const costNumber = exactNumber(cost, "amount");
    const sent: SentOrder = { clientOrderId, side, amount: cost, byCost: true, placedAt: Date.now() };
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
      wire,
      `on ${b.id}: a spot market buy by quote amount (ccxt has no createMarketBuyOrderWithCost); use a limit order`,
    );
  }

  const amount = precise(b.id, () => ex.amountToPrecision(m.symbol, intent.amount), "amount", intent.amount);
  const minAmount = m.limits.amount?.min;
  if (typeof minAmount === "number" && new Dec(amount).lt(new Dec(minAmount))) {
    throw new BadRequestError(
      `amount ${intent.amount} is below ${m.symbol}'s minimum ${minAmount}${spot ? "" : " contracts"}`,
    );
  }
  const amountNumber = exactNumber(amount, "amount");
  let priceNumber: number | undefined;
  if (intent.orderType === "limit") {
    const text = intent.price;
    const price = precise(b.id, () => ex.priceToPrecision(m.symbol, text), "price", text);
    priceNumber = exactNumber(price, "price");
  }
  return {
    market: m,
    clientOrderId,
    sent: { clientOrderId, side, amount, byCost: false, placedAt: Date.now() },
    place: () => ex.createOrder(m.symbol, intent.orderType, side, amountNumber, priceNumber, params),
  };
}

export async function createOrder(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"createOrder">,
): Promise<ResultOf<"createOrder">> {
  const ex = await b.privateExchange(ctx);
  const plan = planOrder(b, ex, p);
  const method = wireName("createOrder");
  const stream = b.privateAccount(ctx);
  stream?.coverage.note(plan.market.symbol);
  const placed = await placeOnce({
    exchange: b.id,
    method,
    clientOrderId: plan.clientOrderId,
    send: async () => {
      let order: CcxtOrder;
      try {
        order = await withinDeadline(ctx, plan.place);
      } catch (err) {
        // ccxt's classes say whether the request may have reached the exchange: the policy reads that.
        throw mapOrderError(err, b.id, method);
      }
      ctx.setRaw(order.info);
      return order.id === undefined || order.id === null ? undefined : String(order.id);
    },
    lookup: (signal) => lookUpOrder(b, ctx, ex, plan.market, plan.sent, signal, method),
    deadline: ctx.deadline,
    signal: ctx.signal,
    logger: ctx.logger,
  }).catch((err: unknown) => {
    // Placed or not, nobody knows: the account's next reads go by REST until a snapshot settles it.
    if (err instanceof OrderStateUnknownError || mayHaveReachedExchange(err))
      stream?.session.wrote("place", undefined);
    throw err;
  });
  stream?.session.wrote("place", placed.orderId);
  return { id: fmzOrderId(plan.market, placed.orderId) };
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
