import { GatewayError } from "../errors/gateway-errors";
import { Dec, toNumber } from "../helpers/decimal";
import type { ResultOf } from "../protocol/method-table";
import type { Bar, DepthLevel } from "../protocol/reply-types";
import {
  type DecimalText,
  type PublicMethodName,
  SOURCE_DECIMAL_FIELDS,
  type SourceBar,
  type SourceDepthLevel,
  type SourceResultOf,
  type WithDecimals,
} from "./mount-source";

/**
 * A reply number as exact decimal text. Number#toString is the shortest text that reads back as the
 * same float64, so a number that came from a decimal of up to 15 significant digits (every price and
 * amount an exchange quotes, see `toNumber`) prints back as that decimal: `0.1` → `"0.1"`, never
 * `0.1000000000000000055…`. Only its exponent form (below 1e-6, from 1e21) is expanded: `1e-7` →
 * `"0.0000001"`. A non-finite number is no price: it throws.
 */
export function decimalText(n: number, field = "a decimal"): DecimalText {
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new GatewayError(`${field} is ${String(n)}: expected a finite number`);
  }
  if (n === 0) return "0"; // also -0
  const s = String(n);
  return s.includes("e") ? new Dec(s).toFixed() : s;
}

function withText<T extends object, M extends keyof T>(o: T, money: readonly M[]): WithDecimals<T, M> {
  const out = { ...o } as Record<keyof T, unknown>;
  for (const k of money) out[k] = decimalText(o[k] as number, String(k));
  return out as WithDecimals<T, M>;
}

function withNumbers<T extends object, M extends keyof T>(o: WithDecimals<T, M>, money: readonly M[]): T {
  const out = { ...o } as Record<keyof T, unknown>;
  for (const k of money) out[k] = toNumber(o[k] as DecimalText);
  return out as T;
}

const levelText = ([p, a]: DepthLevel): SourceDepthLevel => [
  decimalText(p, "a depth price"),
  decimalText(a, "a depth amount"),
];
const levelNumbers = ([p, a]: SourceDepthLevel): DepthLevel => [toNumber(p), toNumber(a)];
const barText = ([t, o, h, l, c, v]: Bar): SourceBar => [
  t,
  decimalText(o, "a bar's open"),
  decimalText(h, "a bar's high"),
  decimalText(l, "a bar's low"),
  decimalText(c, "a bar's close"),
  decimalText(v, "a bar's volume"),
];
const barNumbers = ([t, o, h, l, c, v]: SourceBar): Bar => [
  t,
  toNumber(o),
  toNumber(h),
  toNumber(l),
  toNumber(c),
  toNumber(v),
];

/** Own data properties only (fromEntries), so a market named `__proto__` stays a market. */
function mapValues<A, B>(record: Record<string, A>, fn: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

const { ticker: TICKER, trade: TRADE, market: MARKET, funding: FUNDING } = SOURCE_DECIMAL_FIELDS;

/** Each public method's reply, to decimal text and back. */
const CONVERSIONS: {
  [K in PublicMethodName]: {
    toSource(reply: ResultOf<K>): SourceResultOf<K>;
    toReply(reply: SourceResultOf<K>): ResultOf<K>;
  };
} = {
  getTicker: { toSource: (t) => withText(t, TICKER), toReply: (t) => withNumbers(t, TICKER) },
  getTickers: {
    toSource: (ts) => ts.map((t) => withText(t, TICKER)),
    toReply: (ts) => ts.map((t) => withNumbers(t, TICKER)),
  },
  getDepth: {
    toSource: (d) => ({ ...d, asks: d.asks.map(levelText), bids: d.bids.map(levelText) }),
    toReply: (d) => ({ ...d, asks: d.asks.map(levelNumbers), bids: d.bids.map(levelNumbers) }),
  },
  getTrades: {
    toSource: (ts) => ts.map((t) => withText(t, TRADE)),
    toReply: (ts) => ts.map((t) => withNumbers(t, TRADE)),
  },
  getRecords: { toSource: (bars) => bars.map(barText), toReply: (bars) => bars.map(barNumbers) },
  getMarkets: {
    toSource: (ms) => mapValues(ms, (m) => withText(m, MARKET)),
    toReply: (ms) => mapValues(ms, (m) => withNumbers(m, MARKET)),
  },
  getFundings: {
    toSource: (fs) => fs.map((f) => withText(f, FUNDING)),
    toReply: (fs) => fs.map((f) => withNumbers(f, FUNDING)),
  },
};

/**
 * A public method's protocol reply with its money as exact decimal text (what a mount source answers).
 * A money field that is not a finite number throws, naming the field.
 */
export function toSourceReply<K extends PublicMethodName>(method: K, reply: ResultOf<K>): SourceResultOf<K> {
  return CONVERSIONS[method].toSource(reply);
}

/**
 * A source reply back to the protocol's JSON numbers, for a reading mount that answers the docker
 * with the source's data (a paper exchange's `ticker`). Text that is not a decimal throws.
 */
export function toProtocolReply<K extends PublicMethodName>(
  method: K,
  reply: SourceResultOf<K>,
): ResultOf<K> {
  return CONVERSIONS[method].toReply(reply);
}
