import { Dec } from "@fmz-gateway/core";
import { DEMO_ERRORS, type DemoBalance, type DemoOrder, type DemoOrderRequest } from "../api-types";
import { DemoApiError, invalidParam, orderNotFound } from "./errors";
import type { Market } from "./market";

/** An API key of the stand-in: its secret, an optional passphrase, and its starting balances. */
export interface DemoAccount {
  key: string;
  secret: string;
  /** When set, every private request must carry it in X-DEMO-PASSPHRASE. */
  passphrase?: string;
  balances?: Record<string, string>;
}

export const DEFAULT_BALANCES: Record<string, string> = {
  USDT: "100000",
  BTC: "2",
  ETH: "20",
  DOGE: "50000",
};

interface Wallet {
  available: Dec;
  locked: Dec;
}

interface AccountState {
  readonly account: DemoAccount;
  readonly wallets: Map<string, Wallet>;
  readonly orders: Map<string, DemoOrder>;
  readonly byClientId: Map<string, DemoOrder>;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const CLIENT_ORDER_ID = /^[A-Za-z0-9]{1,32}$/;

/**
 * The stand-in's accounts and orders, in memory. Order rules are DEMOEX's, enforced exactly: a price off
 * the tick, an amount off the lot or under the minimum is refused, never rounded, so an adapter that
 * rounds wrongly fails loudly. The book is static and deep: a limit order that crosses it, and every
 * market order, fills at once and in full at the best opposite price; the rest rest.
 */
export class Ledger {
  private readonly accounts = new Map<string, AccountState>();
  private orderSequence = 100_000;

  constructor(
    private readonly market: Market,
    accounts: readonly DemoAccount[],
  ) {
    for (const account of accounts) {
      const wallets = new Map<string, Wallet>();
      for (const [asset, amount] of Object.entries(account.balances ?? DEFAULT_BALANCES)) {
        wallets.set(asset, { available: new Dec(amount), locked: new Dec(0) });
      }
      this.accounts.set(account.key, { account, wallets, orders: new Map(), byClientId: new Map() });
    }
  }

  account(key: string): DemoAccount | undefined {
    return this.accounts.get(key)?.account;
  }

  balances(key: string): DemoBalance[] {
    return [...this.state(key).wallets].map(([asset, w]) => ({
      asset,
      available: w.available.toFixed(),
      locked: w.locked.toFixed(),
    }));
  }

  place(key: string, req: DemoOrderRequest): DemoOrder {
    const acct = this.state(key);
    const inst = this.market.instrument(String(req.symbol));
    if (req.side !== "buy" && req.side !== "sell") throw invalidParam("side must be buy or sell");
    if (req.type !== "limit" && req.type !== "market") throw invalidParam("type must be limit or market");
    if (typeof req.clientOrderId !== "string" || !CLIENT_ORDER_ID.test(req.clientOrderId)) {
      throw invalidParam("clientOrderId must be 1-32 letters or digits");
    }
    if (acct.byClientId.has(req.clientOrderId)) {
      throw new DemoApiError(
        DEMO_ERRORS.duplicateClientOrderId,
        `duplicate clientOrderId ${req.clientOrderId}`,
      );
    }
    const marketBuy = req.type === "market" && req.side === "buy";
    const price = req.type === "limit" ? decimal(req.price, "price") : new Dec(0);
    const quoteQty = marketBuy ? decimal(req.quoteQty, "quoteQty") : new Dec(0);
    if (price.gt(0)) multipleOf(price, inst.tickSize, DEMO_ERRORS.offTick, "price", "tickSize");
    if (marketBuy) {
      multipleOf(quoteQty, inst.quoteStep, DEMO_ERRORS.invalidParameter, "quoteQty", "quoteStep");
      minimum(quoteQty, inst.minNotional, DEMO_ERRORS.belowMinNotional, "order value", "minNotional");
    }
    const fillPrice = new Dec(
      req.side === "buy" ? this.market.bestAsk(inst.symbol) : this.market.bestBid(inst.symbol),
    );
    const qty = marketBuy
      ? quoteQty.div(fillPrice).toDecimalPlaces(new Dec(inst.lotSize).decimalPlaces(), Dec.ROUND_DOWN)
      : decimal(req.qty, "qty");
    multipleOf(qty, inst.lotSize, DEMO_ERRORS.offLot, "qty", "lotSize");
    minimum(qty, inst.minQty, DEMO_ERRORS.belowMinQty, "qty", "minQty");
    if (qty.gt(inst.maxQty)) throw invalidParam(`qty ${qty.toFixed()} above maxQty ${inst.maxQty}`);
    if (req.type === "limit")
      minimum(price.mul(qty), inst.minNotional, DEMO_ERRORS.belowMinNotional, "order value", "minNotional");

    const fills = req.type === "market" || (req.side === "buy" ? price.gte(fillPrice) : price.lte(fillPrice));
    // What the order ties up: the quote it may spend (a buy) or the base it sells.
    const quote = this.wallet(acct, inst.quote);
    const base = this.wallet(acct, inst.base);
    const cost = req.side === "sell" ? qty : qty.mul(fills ? fillPrice : price);
    const from = req.side === "buy" ? quote : base;
    if (from.available.lt(cost)) {
      throw new DemoApiError(
        DEMO_ERRORS.insufficientBalance,
        `insufficient ${req.side === "buy" ? inst.quote : inst.base} balance`,
      );
    }
    const now = Date.now();
    const order: DemoOrder = {
      orderId: String(++this.orderSequence),
      clientOrderId: req.clientOrderId,
      symbol: inst.symbol,
      side: req.side,
      type: req.type,
      price: price.toFixed(),
      qty: qty.toFixed(),
      quoteQty: quoteQty.toFixed(),
      filledQty: "0",
      avgPrice: "0",
      status: "open",
      createdAt: now,
      updatedAt: now,
    };
    from.available = from.available.minus(cost);
    if (fills) {
      const to = req.side === "buy" ? base : quote;
      to.available = to.available.plus(req.side === "buy" ? qty : qty.mul(fillPrice));
      Object.assign(order, { filledQty: qty.toFixed(), avgPrice: fillPrice.toFixed(), status: "filled" });
      this.market.recordFill(inst.symbol, req.side, fillPrice.toFixed(), qty.toFixed());
    } else {
      from.locked = from.locked.plus(cost);
    }
    acct.orders.set(order.orderId, order);
    acct.byClientId.set(order.clientOrderId, order);
    return { ...order };
  }

  find(key: string, symbol: string, ids: { orderId?: string; clientOrderId?: string }): DemoOrder {
    const acct = this.state(key);
    const order =
      ids.orderId !== undefined ? acct.orders.get(ids.orderId) : acct.byClientId.get(ids.clientOrderId ?? "");
    if (!order || order.symbol !== symbol) throw orderNotFound();
    return order;
  }

  cancel(key: string, symbol: string, orderId: string): DemoOrder {
    const acct = this.state(key);
    const order = this.find(key, symbol, { orderId });
    if (order.status !== "open") {
      throw new DemoApiError(DEMO_ERRORS.orderClosed, `order already ${order.status}`);
    }
    const inst = this.market.instrument(symbol);
    const held = order.side === "buy" ? new Dec(order.price).mul(order.qty) : new Dec(order.qty);
    const wallet = this.wallet(acct, order.side === "buy" ? inst.quote : inst.base);
    wallet.locked = wallet.locked.minus(held);
    wallet.available = wallet.available.plus(held);
    order.status = "canceled";
    order.updatedAt = Date.now();
    return { ...order };
  }

  /** Open orders, oldest first; all symbols when `symbol` is undefined. */
  open(key: string, symbol?: string): DemoOrder[] {
    return this.list(key, symbol).filter((o) => o.status === "open" || o.status === "partially_filled");
  }

  /** Finished orders since `since`, newest first. */
  history(key: string, symbol: string | undefined, since: number, limit: number): DemoOrder[] {
    return this.list(key, symbol)
      .filter((o) => (o.status === "filled" || o.status === "canceled") && o.createdAt >= since)
      .sort((a, b) => b.updatedAt - a.updatedAt || Number(b.orderId) - Number(a.orderId))
      .slice(0, limit);
  }

  /** Every order an account ever placed (tests read this to check what reached the exchange). */
  orders(key: string): DemoOrder[] {
    return this.list(key, undefined);
  }

  private list(key: string, symbol: string | undefined): DemoOrder[] {
    if (symbol !== undefined) this.market.instrument(symbol);
    return [...this.state(key).orders.values()]
      .filter((o) => symbol === undefined || o.symbol === symbol)
      .map((o) => ({ ...o }));
  }

  private state(key: string): AccountState {
    const s = this.accounts.get(key);
    if (!s) throw new DemoApiError(DEMO_ERRORS.invalidKey, "invalid API key", 401);
    return s;
  }

  private wallet(acct: AccountState, asset: string): Wallet {
    let w = acct.wallets.get(asset);
    if (!w) acct.wallets.set(asset, (w = { available: new Dec(0), locked: new Dec(0) }));
    return w;
  }
}

function decimal(value: unknown, field: string): Dec {
  if (typeof value !== "string" || !DECIMAL.test(value)) {
    throw invalidParam(`${field} must be a plain decimal string, got ${JSON.stringify(value)}`);
  }
  return new Dec(value);
}

function multipleOf(value: Dec, step: string, code: number, field: string, stepName: string): void {
  if (!value.mod(step).isZero()) {
    throw new DemoApiError(code, `${field} ${value.toFixed()} is not a multiple of ${stepName} ${step}`);
  }
}

function minimum(value: Dec, min: string, code: number, field: string, minName: string): void {
  if (value.lt(min)) throw new DemoApiError(code, `${field} ${value.toFixed()} is below ${minName} ${min}`);
}
