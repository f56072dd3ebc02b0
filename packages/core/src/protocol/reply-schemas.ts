/**
 * The JSON schema of every reply's `data` (see docs/protocol.md): the one declaration of each shape. The
 * TypeScript types (`reply-types.ts`) are derived from these, so a type and its schema cannot drift.
 *
 * They describe what the gateway sends: JSON numbers (the docker parses them into float64, and an
 * exchange's decimal of up to 15 significant digits converts without change, helpers/decimal `toNumber`),
 * and no field beyond those named. The protocol also lets a plugin send numeric strings and extra fields;
 * `lenientReplySchema` derives the schema that accepts them, for judging third-party adapters.
 *
 * `number` means money (a price, amount, size, rate, volume): it crosses between mounts as exact decimal
 * text, derived from these schemas (adapter/source-replies). A whole number that is no money (a time, an
 * interval, a count of decimal places) is an `integer`: it stays a number everywhere.
 */

const num = { type: "number" } as const;
const str = { type: "string" } as const;
const side = { enum: ["buy", "sell"] } as const;
const millis = { type: "integer", description: "Milliseconds since 1970." } as const;

export const OPEN_ORDER_STATUSES = [
  "pending",
  "pre-submitted",
  "submitting",
  "submitted",
  "partial-filled",
] as const;
export const DONE_ORDER_STATUSES = ["filled", "closed", "finished", "partial-canceled", "canceled"] as const;

export const tickerSchema = {
  type: "object",
  additionalProperties: false,
  required: ["symbol", "buy", "sell", "high", "low", "open", "last", "vol", "time"],
  properties: {
    symbol: str,
    buy: num,
    sell: num,
    high: num,
    low: num,
    open: num,
    last: num,
    vol: { type: "number", description: "Volume in the base currency (contracts' base amount on futures)." },
    time: millis,
  },
} as const;

export const depthLevelSchema = {
  type: "array",
  description: "`[price, amount]`.",
  items: [num, num],
  minItems: 2,
  additionalItems: false,
} as const;

export const depthSchema = {
  type: "object",
  additionalProperties: false,
  required: ["time", "asks", "bids"],
  properties: {
    time: millis,
    asks: { type: "array", description: "Ascending by price.", items: depthLevelSchema },
    bids: { type: "array", description: "Descending by price.", items: depthLevelSchema },
  },
} as const;

export const tradeSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id", "time", "price", "amount", "type"],
  properties: { id: str, time: millis, price: num, amount: num, type: side },
} as const;

export const barSchema = {
  type: "array",
  description: "`[time (seconds), open, high, low, close, volume]`: one bar of `records`, oldest first.",
  items: [
    { type: "integer", description: "Seconds since 1970 (not milliseconds)." },
    num,
    num,
    num,
    num,
    num,
  ],
  minItems: 6,
  additionalItems: false,
} as const;

export const marketSchema = {
  type: "object",
  additionalProperties: false,
  required: [
    "symbol",
    "baseAsset",
    "quoteAsset",
    "tickSize",
    "amountSize",
    "pricePrecision",
    "amountPrecision",
    "minQty",
    "maxQty",
    "minNotional",
    "maxNotional",
    "ctVal",
    "ctValCcy",
  ],
  properties: {
    symbol: str,
    baseAsset: str,
    quoteAsset: str,
    tickSize: num,
    amountSize: num,
    pricePrecision: { type: "integer", description: "Decimal places of a price." },
    amountPrecision: { type: "integer", description: "Decimal places of an amount." },
    minQty: num,
    maxQty: num,
    minNotional: num,
    maxNotional: num,
    ctVal: { type: "number", description: "Contract value (1 on spot)." },
    ctValCcy: { type: "string", description: "Currency of the contract value (the base on spot)." },
    maxLeverage: {
      type: "number",
      description: "Contracts: the highest leverage the exchange allows (OKX `lever`); absent where unknown.",
    },
  },
} as const;

export const marketsSchema = {
  type: "object",
  description: "Keyed by FMZ symbol: `BTC_USDT`, `BTC_USDT.swap`.",
  additionalProperties: marketSchema,
} as const;

export const balanceSchema = {
  type: "object",
  additionalProperties: false,
  required: ["currency", "free", "frozen"],
  properties: { currency: str, free: num, frozen: num },
} as const;

export const orderRefSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id"],
  properties: {
    id: { type: "string", pattern: "^[^,]+,[^,]+$", description: "`INSTRUMENT,ORDERID` (helpers/order-id)." },
  },
} as const;

export const orderStatusSchema = { enum: [...OPEN_ORDER_STATUSES, ...DONE_ORDER_STATUSES] } as const;

export const orderSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id", "symbol", "amount", "price", "deal_amount", "avg_price", "type", "status"],
  properties: {
    id: str,
    symbol: str,
    amount: num,
    price: num,
    deal_amount: num,
    avg_price: { type: "number", description: "0 where nothing filled." },
    type: side,
    status: orderStatusSchema,
    offset: { enum: ["open", "close"], description: "Futures only." },
    contract_type: { type: "string", description: "Futures only: `swap`, `quarter` …" },
    liquidation: {
      type: "boolean",
      description: "Present and true on an order the exchange placed to liquidate a position.",
    },
  },
} as const;

export const positionSchema = {
  type: "object",
  additionalProperties: false,
  required: [
    "symbol",
    "margin_level",
    "amount",
    "frozen_amount",
    "price",
    "profit",
    "type",
    "contract_type",
    "margin",
  ],
  properties: {
    symbol: str,
    margin_level: num,
    amount: { type: "number", description: "Contracts." },
    frozen_amount: num,
    price: { type: "number", description: "Average entry price." },
    profit: { type: "number", description: "Unrealised profit." },
    type: { enum: [0, 1], description: "0 long, 1 short." },
    contract_type: str,
    margin: num,
  },
} as const;

export const fundingSchema = {
  type: "object",
  additionalProperties: false,
  required: ["symbol", "rate", "interval", "time"],
  properties: {
    symbol: str,
    rate: num,
    interval: { type: "integer", description: "Milliseconds between fundings." },
    time: { type: "integer", description: "Next funding time, milliseconds." },
  },
} as const;

/** `true`: the answer of methods that only act (`cancel`, `marginlevel`). */
export const doneSchema = { const: true } as const;

/** Any JSON: the exchange's own answer, passed through (`IO`). */
export const anySchema = {} as const;

/** A list of `item`. */
export function listSchemaOf<const S extends object>(item: S) {
  return { type: "array", items: item } as const;
}
