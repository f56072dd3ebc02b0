/** ccxt orders → FMZ orders: status, amounts, ids. Pure functions, for unit tests. */
import { Dec, type Order, type OrderStatus, newClientOrderId, packOrderId } from "@fmz-gateway/core";
import type { CcxtMarket } from "./ccxt-lib";
import type { OrderFields } from "./private/ccxt-records";
import { contractTypeOf, displaySymbol, marketKind } from "./symbols";

/**
 * ccxt's unified status (plus how much filled) → FMZ's. `open` is `pending` until something fills, then
 * `partial-filled`; `closed` is `filled`; `canceled`, `expired` and `rejected` are `canceled`, or
 * `partial-canceled` when part of the order filled first.
 */
export function fmzStatus(status: string | undefined, filled: number, amount: number): OrderStatus {
  switch (status) {
    case "closed":
      return "filled";
    case "canceled":
    case "cancelled":
    case "expired":
    case "rejected":
      return filled > 0
        ? amount > 0 && new Dec(filled).gte(amount)
          ? "filled"
          : "partial-canceled"
        : "canceled";
    case "open":
    case undefined:
    default:
      return filled > 0 ? "partial-filled" : "pending";
  }
}

function num(v: number | undefined | null): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/** The FMZ order id: `<ccxt market id>,<exchange order id>`. */
export function fmzOrderId(market: CcxtMarket, orderId: string): string {
  return packOrderId(market.id ?? market.symbol, orderId);
}

/** One ccxt order (a unified order, or a private stream's copy of one) as FMZ shows it. */
export function toFmzOrder(markets: Record<string, CcxtMarket>, market: CcxtMarket, o: OrderFields): Order {
  const filled = num(o.filled);
  // A spot market buy bought with a quote amount has no base amount until it fills: show what it spends.
  const amount = num(o.amount) || (o.side === "buy" && o.type === "market" ? num(o.cost) : 0);
  const out: Order = {
    id: fmzOrderId(market, String(o.id)),
    symbol: displaySymbol(markets, market),
    amount,
    price: num(o.price),
    deal_amount: filled,
    avg_price: num(o.average),
    type: o.side === "sell" ? "sell" : "buy",
    status: fmzStatus(o.status ?? undefined, filled, amount),
  };
  if (marketKind(market) !== "spot") {
    out.offset = o.reduceOnly === true ? "close" : "open";
    out.contract_type = contractTypeOf(markets, market);
  }
  return out;
}

/**
 * The client order id every order carries, so a lost reply can be resolved by asking the exchange.
 * Letters and digits only, which every exchange ccxt covers accepts; length per exchange where one is
 * stricter than OKX's 32.
 */
const CLIENT_ID_MAX: Readonly<Record<string, number>> = {
  kraken: 18,
  gate: 28,
  bitget: 32,
  kucoin: 32,
  bybit: 32,
  binance: 32,
};

/**
 * Exchanges whose client order id is a number: Bitfinex's `cid` is an integer (int45) unique within
 * the UTC day, and ccxt passes it through unchanged, so a lettered id would have every order refused.
 */
const NUMERIC_CLIENT_ID: ReadonlySet<string> = new Set(["bitfinex"]);

export function clientOrderIdFor(exchangeId: string, now = Date.now()): string {
  if (NUMERIC_CLIENT_ID.has(exchangeId)) {
    // Milliseconds into the UTC day and three random digits: unique within the day, far below 2^45.
    const msOfDay = now % 86_400_000;
    return String(msOfDay * 1000 + Math.floor(Math.random() * 1000));
  }
  return newClientOrderId("fmz", CLIENT_ID_MAX[exchangeId] ?? 32);
}
