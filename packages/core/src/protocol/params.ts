import { BadRequestError } from "../errors/gateway-errors";
import { checkDecimalText, parseClientDecimal, quoteValue } from "../helpers/decimal";
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

/** What a whole-number parameter counts, its largest value, and what 0 or absent means. */
interface CountRule {
  /** Appended to "a whole number": `" of minutes"`. */
  readonly unit: string;
  readonly max: number;
  readonly absent: string;
}

/** Bars, levels or orders in one call; far above what any exchange answers at once (OKX: 10 000 bars). */
export const MAX_LIMIT = 10_000;
/** One year of minutes: the longest bar any exchange offers is a month. */
export const MAX_PERIOD_MINUTES = 525_600;
/** 9999-12-31T23:59:59.999Z in milliseconds: past it, a `since` is a mistake (seconds, or garbage). */
export const MAX_SINCE_MS = 253_402_300_799_999;
/** Leverage above this is refused before any exchange is asked; the largest real offer is far below. */
export const MAX_MARGIN_LEVEL = 1_000;

const COUNT_RULES: ReadonlyMap<string, CountRule> = new Map([
  ["limit", { unit: "", max: MAX_LIMIT, absent: "the adapter's default" }],
  ["period", { unit: " of minutes", max: MAX_PERIOD_MINUTES, absent: "60 minutes" }],
  ["since", { unit: " of milliseconds since 1970", max: MAX_SINCE_MS, absent: "no lower bound" }],
]);
const ANY_COUNT: CountRule = { unit: "", max: Number.MAX_SAFE_INTEGER, absent: "the default" };

/**
 * A whole number within the field's rule (`limit`, `period` in minutes, `since` in milliseconds); 0 or
 * absent means "the default", hence undefined. The text goes through the same bounded check as every
 * decimal (`checkDecimalText`), so a huge exponent or a megabyte of digits costs nothing; any failure
 * is told in the field's own unit and bounds.
 */
export function optionalCount(raw: Raw, field: string): number | undefined {
  const value = Object.hasOwn(raw, field) ? raw[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && value.trim() === "") return undefined;
  const rule = COUNT_RULES.get(field) ?? ANY_COUNT;
  let n = Number.NaN;
  try {
    n = Number(checkDecimalText(value, `params.${field}`));
  } catch {
    // Told below in the field's terms, which say more than the decimal rules.
  }
  if (!Number.isInteger(n) || n < 0 || n > rule.max) {
    throw new BadRequestError(
      `invalid params.${field}: ${quoteValue(value)} is not a whole number${rule.unit} from 0 to ${rule.max} (0 or absent = ${rule.absent})`,
    );
  }
  return n === 0 ? undefined : n;
}

export function parseOrderSide(value: unknown): OrderSide {
  const side = String(value).trim().toLowerCase();
  if (!(ORDER_SIDES as readonly string[]).includes(side)) {
    throw new BadRequestError(`invalid type ${quoteValue(value)}: expected one of ${ORDER_SIDES.join(", ")}`);
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
  const level = parseClientDecimal(raw.marginLevel, "marginLevel");
  if (level.lte(0) || level.gt(MAX_MARGIN_LEVEL)) {
    throw new BadRequestError(
      `invalid marginLevel ${quoteValue(raw.marginLevel)}: must be a number above 0 and at most ${MAX_MARGIN_LEVEL}`,
    );
  }
  return { symbol: instrumentParam(raw, "marginlevel"), marginLevel: level.toNumber() };
}

export function parseRecords(raw: Raw): RecordsParams {
  const period = optionalCount(raw, "period") ?? 60;
  return { symbol: instrumentParam(raw, "records"), period, limit: optionalCount(raw, "limit") };
}
