import type { ErrorObject } from "ajv";
import { BadRequestError } from "../errors/gateway-errors";
import { normalizeIoPath, normalizeIoVerb } from "./io-path";
import { type MethodSpec, type ParseExtra, type RawParams, spec } from "./method-spec";
import {
  type CreateOrderParams,
  type DepthParams,
  type EmptyParams,
  type HistoryOrdersParams,
  type InstrumentParams,
  type IoParams,
  type MarginLevelParams,
  type OrderIdParams,
  type RecordsParams,
  type SymbolOrRangeParams,
  instrumentParam,
  optionalCount,
  parseCreateOrder,
  parseMarginLevel,
  parseOrderId,
  parseRecords,
  symbolParam,
} from "./params";
import {
  anySchema,
  balanceSchema,
  barSchema,
  depthSchema,
  doneSchema,
  fundingSchema,
  listSchemaOf,
  marketsSchema,
  orderRefSchema,
  orderSchema,
  positionSchema,
  tickerSchema,
  tradeSchema,
} from "./reply-schemas";
import {
  type FromReplySchema,
  type ResolvedMethod,
  methodResolver,
  replySchemas,
  wireNames,
} from "./table-derivations";

export type { MethodSpec } from "./method-spec";

const SYMBOL = { type: "string", minLength: 1 };
/** Whole numbers as numbers or text: `optionalCount` checks them and names the unit and bounds. */
const COUNT = { anyOf: [{ type: "number" }, { type: "string" }] };
const DECIMAL = { anyOf: [{ type: "number" }, { type: "string", minLength: 1 }] };
const ORDER_ID = { anyOf: [{ type: "string", minLength: 1 }, { type: "number" }] };

function paramsSchema(required: Record<string, object>, optional: Record<string, object> = {}): object {
  return { type: "object", required: Object.keys(required), properties: { ...required, ...optional } };
}

const NO_PARAMS = paramsSchema({});

/**
 * The protocol's one method table: each entry is the one declaration of a method (wire name and aliases,
 * FMZ function, params schema and parser, reply schema, public or private, adapter method). The params
 * and reply types, the wire-name map, the base adapter's "not supported" defaults, the methods one mount
 * may call on another and the testkit's suite are derived from it, so adding a method is one entry here
 * plus the adapters that implement it. Every FMZ method name lives here and nowhere else: when a real
 * docker turns out to send another name (the spec marks several as unverified), this is the one place
 * to change. Table order is the order the conformance suite reports in.
 */
export const METHOD_TABLE = [
  spec({
    wire: "ticker",
    aliases: ["getticker"],
    method: "getTicker",
    fmz: "GetTicker",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    replySchema: tickerSchema,
    parse: (raw): InstrumentParams => ({ symbol: instrumentParam(raw, "ticker") }),
  }),
  spec({
    wire: "depth",
    aliases: ["getdepth"],
    method: "getDepth",
    fmz: "GetDepth",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }, { limit: COUNT }),
    replySchema: depthSchema,
    parse: (raw): DepthParams => ({
      symbol: instrumentParam(raw, "depth"),
      limit: optionalCount(raw, "limit"),
    }),
  }),
  spec({
    wire: "trades",
    aliases: ["gettrades"],
    method: "getTrades",
    fmz: "GetTrades",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    replySchema: listSchemaOf(tradeSchema),
    parse: (raw): InstrumentParams => ({ symbol: instrumentParam(raw, "trades") }),
  }),
  spec({
    wire: "records",
    aliases: ["getrecords", "kline"],
    method: "getRecords",
    fmz: "GetRecords",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }, { period: COUNT, limit: COUNT }),
    replySchema: listSchemaOf(barSchema),
    parse: (raw): RecordsParams => parseRecords(raw),
  }),
  spec({
    wire: "markets",
    aliases: ["getmarkets"],
    method: "getMarkets",
    fmz: "GetMarkets",
    private: false,
    paramsSchema: NO_PARAMS,
    replySchema: marketsSchema,
    parse: (): EmptyParams => ({}),
  }),
  spec({
    wire: "tickers",
    aliases: ["gettickers"],
    method: "getTickers",
    fmz: "GetTickers",
    private: false,
    paramsSchema: NO_PARAMS,
    replySchema: listSchemaOf(tickerSchema),
    parse: (): EmptyParams => ({}),
  }),
  spec({
    wire: "accounts",
    aliases: ["account", "getaccount"],
    method: "getAccount",
    fmz: "GetAccount",
    private: true,
    paramsSchema: NO_PARAMS,
    replySchema: listSchemaOf(balanceSchema),
    parse: (): EmptyParams => ({}),
  }),
  spec({
    wire: "assets",
    aliases: ["getassets"],
    method: "getAssets",
    fmz: "GetAssets",
    private: true,
    paramsSchema: NO_PARAMS,
    replySchema: listSchemaOf(balanceSchema),
    parse: (): EmptyParams => ({}),
  }),
  spec({
    wire: "trade",
    aliases: ["createorder"],
    method: "createOrder",
    fmz: "CreateOrder / Buy / Sell",
    private: true,
    paramsSchema: paramsSchema(
      { symbol: SYMBOL, type: { type: "string" }, amount: DECIMAL },
      { price: DECIMAL },
    ),
    replySchema: orderRefSchema,
    parse: (raw): CreateOrderParams => parseCreateOrder(raw),
  }),
  spec({
    wire: "order",
    aliases: ["getorder"],
    method: "getOrder",
    fmz: "GetOrder",
    private: true,
    paramsSchema: paramsSchema({ id: ORDER_ID }, { symbol: { type: "string" } }),
    replySchema: orderSchema,
    parse: (raw): OrderIdParams => parseOrderId(raw),
  }),
  spec({
    wire: "orders",
    aliases: ["getorders"],
    method: "getOrders",
    fmz: "GetOrders",
    private: true,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    replySchema: listSchemaOf(orderSchema),
    parse: (raw): SymbolOrRangeParams => ({ symbol: symbolParam(raw) }),
  }),
  spec({
    wire: "cancel",
    aliases: ["cancelorder"],
    method: "cancelOrder",
    fmz: "CancelOrder",
    private: true,
    paramsSchema: paramsSchema({ id: ORDER_ID }, { symbol: { type: "string" } }),
    replySchema: doneSchema,
    parse: (raw): OrderIdParams => parseOrderId(raw),
  }),
  spec({
    wire: "historyorders",
    aliases: ["gethistoryorders"],
    method: "getHistoryOrders",
    fmz: "GetHistoryOrders",
    private: true,
    paramsSchema: paramsSchema({ symbol: SYMBOL }, { since: COUNT, limit: COUNT }),
    replySchema: listSchemaOf(orderSchema),
    parse: (raw): HistoryOrdersParams => ({
      symbol: symbolParam(raw),
      since: optionalCount(raw, "since"),
      limit: optionalCount(raw, "limit"),
    }),
  }),
  spec({
    wire: "positions",
    aliases: ["position", "getpositions", "getposition"],
    method: "getPositions",
    fmz: "GetPositions",
    private: true,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    replySchema: listSchemaOf(positionSchema),
    parse: (raw): SymbolOrRangeParams => ({ symbol: symbolParam(raw) }),
  }),
  spec({
    wire: "marginlevel",
    aliases: ["margin_level", "setmarginlevel"],
    method: "setMarginLevel",
    fmz: "SetMarginLevel",
    private: true,
    paramsSchema: paramsSchema({ symbol: SYMBOL, marginLevel: DECIMAL }),
    replySchema: doneSchema,
    parse: (raw): MarginLevelParams => parseMarginLevel(raw),
  }),
  spec({
    wire: "fundings",
    aliases: ["funding", "getfundings"],
    method: "getFundings",
    fmz: "GetFundings",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    replySchema: listSchemaOf(fundingSchema),
    parse: (raw): SymbolOrRangeParams => ({ symbol: symbolParam(raw) }),
  }),
] as const;

/** `exchange.IO("api", …)` arrives as `__api_<path>`; the verb comes in the `Http-Method` header. */
export const IO_PREFIX = "__api_";

export const IO_SPEC = spec({
  wire: IO_PREFIX + "<path>",
  prefix: IO_PREFIX,
  notSupportedName: "IO",
  aliases: [],
  method: "io",
  fmz: 'IO("api", …)',
  private: true,
  paramsSchema: { type: "object" },
  replySchema: anySchema,
  // Path and verb are checked here, before any adapter signs or sends anything (see io-path.ts).
  parse: (raw, extra): IoParams => ({
    path: normalizeIoPath(extra.wireMethod.slice(IO_PREFIX.length)),
    httpMethod: normalizeIoVerb(extra.httpMethod),
    params: raw,
  }),
});

/** Every method an adapter may implement: the table's, and IO. */
export const ADAPTER_METHOD_TABLE = [...METHOD_TABLE, IO_SPEC] as const;

type AnySpec = (typeof ADAPTER_METHOD_TABLE)[number];

export type AdapterMethodName = AnySpec["method"];
/** A table entry of one of the adapter methods. */
export type AdapterMethodSpec = MethodSpec<AdapterMethodName>;

/**
 * Params and result of every adapter method, computed once over the table: the params are what the
 * entry's parser returns, the result is derived from the entry's reply schema.
 */
export type MethodSignatures = {
  [S in AnySpec as S["method"]]: {
    params: ReturnType<S["parse"]>;
    result: FromReplySchema<S["replySchema"]>;
  };
};
/** The typed params an adapter method receives. */
export type ParamsOf<K extends AdapterMethodName> = MethodSignatures[K]["params"];
/** The `data` an adapter method answers. */
export type ResultOf<K extends AdapterMethodName> = MethodSignatures[K]["result"];

/** Reply schema per adapter method name (what the gateway sends; see `lenientReplySchema`). */
export const REPLY_SCHEMAS = replySchemas(ADAPTER_METHOD_TABLE);

const WIRE_NAMES = wireNames(ADAPTER_METHOD_TABLE);

/**
 * The wire name of an adapter method (`createOrder` → `trade`): how adapters and the host name a method
 * in messages, so that no wire name is written anywhere but in the table.
 */
export function wireName(method: AdapterMethodName): string {
  return WIRE_NAMES.get(method) ?? method;
}

export type { ResolvedMethod } from "./table-derivations";

/** Finds the method for a wire name, case-insensitively; undefined when the name is unknown. */
export const resolveMethod: (wireName: string) => ResolvedMethod<AdapterMethodSpec> | undefined =
  methodResolver<AdapterMethodSpec>(ADAPTER_METHOD_TABLE);

/** Validates raw params against the method's schema and parses them; throws BadRequestError. */
export function parseParams(
  resolved: ResolvedMethod<AdapterMethodSpec>,
  raw: RawParams,
  extra: ParseExtra,
): ParamsOf<AdapterMethodName> {
  if (!resolved.validate(raw)) throw new BadRequestError(describeAjvError(resolved.validate.errors?.[0]));
  return resolved.spec.parse(raw, extra) as ParamsOf<AdapterMethodName>;
}

export function describeAjvError(e: ErrorObject | undefined, root = "params"): string {
  if (!e) return `invalid ${root}`;
  const where = root + e.instancePath.replace(/\//g, ".");
  if (e.keyword === "required") return `missing ${where}.${String(e.params.missingProperty)}`;
  if (e.keyword === "additionalProperties") {
    return `unknown key ${where}.${String(e.params.additionalProperty)}`;
  }
  if (e.keyword === "anyOf" || e.keyword === "type" || e.keyword === "pattern") {
    return `invalid ${where}: wrong type or format`;
  }
  return `invalid ${where}: ${e.message ?? e.keyword}`;
}
