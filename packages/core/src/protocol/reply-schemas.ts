/**
 * JSON schemas of every reply's `data`, for the conformance kit and for adapter authors' own tests.
 * The protocol allows numbers or numeric strings; the schemas accept both.
 */
import { DONE_ORDER_STATUSES, OPEN_ORDER_STATUSES } from "./reply-types";

const num = {
  anyOf: [{ type: "number" }, { type: "string", pattern: "^-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$" }],
};
const str = { type: "string" };
const side = { enum: ["buy", "sell"] };

function object(fields: Record<string, unknown>, optional: Record<string, unknown> = {}) {
  return {
    type: "object",
    required: Object.keys(fields),
    properties: { ...fields, ...optional },
  };
}

const level = { type: "array", minItems: 2, items: num };

export const tickerSchema = object({
  symbol: str,
  buy: num,
  sell: num,
  high: num,
  low: num,
  open: num,
  last: num,
  vol: num,
  time: num,
});

export const orderSchema = object(
  {
    id: str,
    symbol: str,
    amount: num,
    price: num,
    deal_amount: num,
    avg_price: num,
    type: side,
    status: { enum: [...OPEN_ORDER_STATUSES, ...DONE_ORDER_STATUSES] },
  },
  { offset: { enum: ["open", "close"] }, contract_type: str },
);

const balanceSchema = object({ currency: str, free: num, frozen: num });

export const marketSchema = object({
  symbol: str,
  baseAsset: str,
  quoteAsset: str,
  tickSize: num,
  amountSize: num,
  pricePrecision: num,
  amountPrecision: num,
  minQty: num,
  maxQty: num,
  minNotional: num,
  maxNotional: num,
  ctVal: num,
  ctValCcy: str,
});

export const positionSchema = object({
  symbol: str,
  margin_level: num,
  amount: num,
  frozen_amount: num,
  price: num,
  profit: num,
  type: { enum: [0, 1] },
  contract_type: str,
  margin: num,
});

/** Reply schema per adapter method name. */
export const REPLY_SCHEMAS = {
  getTicker: tickerSchema,
  getDepth: object({
    time: num,
    asks: { type: "array", items: level },
    bids: { type: "array", items: level },
  }),
  getTrades: {
    type: "array",
    items: object({ id: { anyOf: [str, num] }, time: num, price: num, amount: num, type: side }),
  },
  getRecords: { type: "array", items: { type: "array", minItems: 6, items: num } },
  getMarkets: { type: "object", additionalProperties: marketSchema },
  getTickers: { type: "array", items: tickerSchema },
  getAccount: { type: "array", items: balanceSchema },
  getAssets: { type: "array", items: balanceSchema },
  createOrder: object({ id: { type: "string", pattern: "^[^,]+,[^,]+$" } }),
  getOrders: { type: "array", items: orderSchema },
  getOrder: orderSchema,
  getHistoryOrders: { type: "array", items: orderSchema },
  cancelOrder: { const: true },
  getPositions: { type: "array", items: positionSchema },
  setMarginLevel: { const: true },
  getFundings: { type: "array", items: object({ symbol: str, rate: num, interval: num, time: num }) },
  io: {},
} as const;
