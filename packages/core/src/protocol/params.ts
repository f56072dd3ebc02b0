import { BadRequestError } from "../errors/gateway-errors";
import { parseClientDecimal } from "../helpers/decimal";
import { type UnpackedOrderId, unpackOrderId } from "../helpers/order-id";
import { type FmzSymbol, type InstrumentSymbol, parseSymbol, requireInstrument } from "./symbol";

/** The typed, validated parameters each adapter method receives. */

export interface InstrumentParams {
  symbol: InstrumentSymbol;
}

/** An instrument or a range (`USDT.swap`): for open orders, history and positions. */
export interface SymbolOrRangeParams {
  symbol: FmzSymbol;
}

export interface DepthParams extends InstrumentParams {
  /** Levels per side; undefined where the docker sent none or 0 (the adapter's default). */
  limit?: number;
}

export interface RecordsParams extends InstrumentParams {
  /** Bar length in minutes (1, 5, 60, 1440 …). */
  period: number;
  /** Number of bars; undefined for the adapter's default. */
  limit?: number;
}

export type EmptyParams = Record<string, never>;

export const ORDER_SIDES = ["buy", "sell", "closebuy", "closesell"] as const;
/** `closebuy` closes a long (a reduce-only sell); `closesell` closes a short (a reduce-only buy). */
export type OrderSide = (typeof ORDER_SIDES)[number];

export interface CreateOrderParams extends InstrumentParams {
  side: OrderSide;
  /** A price ≤ 0 (FMZ sends -1) asks for a market order. */
  orderType: "limit" | "market";
  /** Exact decimal text, float noise removed; absent for market orders. Not yet rounded to the tick. */
  price?: string;
  /**
   * Exact decimal text, float noise removed, not yet rounded to the lot. Quote currency for a spot
   * market buy; base currency on spot otherwise; contracts on futures.
   */
  amount: string;
}

export interface OrderIdParams {
  id: UnpackedOrderId & { text: string };
  /** The symbol the docker sent alongside, when it sent one. */
  symbol?: FmzSymbol;
}

export interface HistoryOrdersParams extends SymbolOrRangeParams {
  /** Milliseconds; undefined for no lower bound. */
  since?: number;
  /** undefined for the adapter's default. */
  limit?: number;
}

export interface MarginLevelParams extends InstrumentParams {
  marginLevel: number;
}

/** `exchange.IO("api", verb, path, query)`: passed to the exchange as it is, signed. */
export interface IoParams {
  /** Upper-case HTTP verb from the `Http-Method` header (GET when absent). */
  httpMethod: string;
  /** The exchange path, e.g. `/api/v5/trade/orders-pending`. */
  path: string;
  /** The decoded query (GET) or body fields. */
  params: Record<string, unknown>;
}

type Raw = Record<string, unknown>;

export function symbolParam(raw: Raw): FmzSymbol {
  return parseSymbol(String(raw.symbol));
}

export function instrumentParam(raw: Raw, method: string): InstrumentSymbol {
  return requireInstrument(symbolParam(raw), method);
}

/** A non-negative integer; 0 or absent means "the default" for limits, hence undefined. */
export function optionalCount(raw: Raw, field: string): number | undefined {
  const value = raw[field];
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < 0) {
    throw new BadRequestError(`invalid ${field}: ${JSON.stringify(value)} is not a whole number ≥ 0`);
  }
  return n === 0 ? undefined : n;
}

export function parseOrderSide(value: unknown): OrderSide {
  const side = String(value).trim().toLowerCase();
  if (!(ORDER_SIDES as readonly string[]).includes(side)) {
    throw new BadRequestError(
      `invalid type ${JSON.stringify(value)}: expected one of ${ORDER_SIDES.join(", ")}`,
    );
  }
  return side as OrderSide;
}

export function parseCreateOrder(raw: Raw): CreateOrderParams {
  const symbol = instrumentParam(raw, "trade");
  const side = parseOrderSide(raw.type);
  const price = parseClientDecimal(raw.price ?? -1, "price");
  const amount = parseClientDecimal(raw.amount, "amount");
  if (amount.lte(0))
    throw new BadRequestError(`invalid amount ${JSON.stringify(raw.amount)}: must be above 0`);
  return price.lte(0)
    ? { symbol, side, orderType: "market", amount: amount.toFixed() }
    : { symbol, side, orderType: "limit", price: price.toFixed(), amount: amount.toFixed() };
}

export function parseOrderId(raw: Raw): OrderIdParams {
  const id = unpackOrderId(raw.id);
  const hasSymbol = typeof raw.symbol === "string" && raw.symbol.trim() !== "";
  return {
    id: { ...id, text: `${id.instrument},${id.orderId}` },
    ...(hasSymbol ? { symbol: symbolParam(raw) } : {}),
  };
}

export function parseMarginLevel(raw: Raw): MarginLevelParams {
  const level = Number(String(raw.marginLevel).trim());
  if (!Number.isFinite(level) || level <= 0) {
    throw new BadRequestError(
      `invalid marginLevel ${JSON.stringify(raw.marginLevel)}: must be a number above 0`,
    );
  }
  return { symbol: instrumentParam(raw, "marginlevel"), marginLevel: level };
}

export function parseRecords(raw: Raw): RecordsParams {
  const period = optionalCount(raw, "period") ?? 60;
  return { symbol: instrumentParam(raw, "records"), period, limit: optionalCount(raw, "limit") };
}
