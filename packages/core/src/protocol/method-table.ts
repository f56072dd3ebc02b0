import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { BadRequestError } from "../errors/gateway-errors";
import { normalizeIoPath, normalizeIoVerb } from "./io-path";
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
import type {
  Balance,
  Bar,
  Depth,
  Funding,
  Markets,
  Order,
  OrderRef,
  Position,
  Ticker,
  Trade,
} from "./reply-types";

/**
 * The protocol's one method table: wire name (and aliases) → adapter method, params schema, and the
 * parser that turns the docker's loosely typed params into typed values. Every FMZ method name lives
 * here and nowhere else, so when a real docker turns out to send another name (the spec marks several
 * as unverified), this is the one place to change.
 */
export interface MethodSignatures {
  getTicker: { params: InstrumentParams; result: Ticker };
  getDepth: { params: DepthParams; result: Depth };
  getTrades: { params: InstrumentParams; result: Trade[] };
  getRecords: { params: RecordsParams; result: Bar[] };
  getMarkets: { params: EmptyParams; result: Markets };
  getTickers: { params: EmptyParams; result: Ticker[] };
  getAccount: { params: EmptyParams; result: Balance[] };
  getAssets: { params: EmptyParams; result: Balance[] };
  createOrder: { params: CreateOrderParams; result: OrderRef };
  getOrders: { params: SymbolOrRangeParams; result: Order[] };
  getOrder: { params: OrderIdParams; result: Order };
  getHistoryOrders: { params: HistoryOrdersParams; result: Order[] };
  cancelOrder: { params: OrderIdParams; result: true };
  getPositions: { params: SymbolOrRangeParams; result: Position[] };
  setMarginLevel: { params: MarginLevelParams; result: true };
  getFundings: { params: SymbolOrRangeParams; result: Funding[] };
  io: { params: IoParams; result: unknown };
}

export type AdapterMethodName = keyof MethodSignatures;
export type ParamsOf<K extends AdapterMethodName> = MethodSignatures[K]["params"];
export type ResultOf<K extends AdapterMethodName> = MethodSignatures[K]["result"];

type RawParams = Record<string, unknown>;

export interface MethodSpec<K extends AdapterMethodName = AdapterMethodName> {
  /** The name FMZ's docker sends in `method`. */
  readonly wire: string;
  /** Other names accepted for the same method (matched case-insensitively, like `wire`). */
  readonly aliases: readonly string[];
  readonly method: K;
  /** The FMZ strategy function this serves. */
  readonly fmz: string;
  /** Whether the method trades or reads private data (needs the caller's keys). */
  readonly private: boolean;
  readonly paramsSchema: object;
  /** Validates and converts raw params; throws BadRequestError with a readable reason. */
  readonly parse: (raw: RawParams, extra: { httpMethod?: string; wireMethod: string }) => ParamsOf<K>;
}

const ajv = new Ajv({ allErrors: false, strict: true });

const SYMBOL = { type: "string", minLength: 1 };
/** Whole numbers as numbers or text: `optionalCount` checks them and names the unit and bounds. */
const COUNT = { anyOf: [{ type: "number" }, { type: "string" }] };
const DECIMAL = { anyOf: [{ type: "number" }, { type: "string", minLength: 1 }] };
const ORDER_ID = { anyOf: [{ type: "string", minLength: 1 }, { type: "number" }] };

function paramsSchema(required: Record<string, object>, optional: Record<string, object> = {}): object {
  return { type: "object", required: Object.keys(required), properties: { ...required, ...optional } };
}

const NO_PARAMS = paramsSchema({});

function spec<K extends AdapterMethodName>(s: MethodSpec<K>): MethodSpec<K> {
  return s;
}

export const METHOD_TABLE: readonly MethodSpec[] = [
  spec({
    wire: "ticker",
    aliases: ["getticker"],
    method: "getTicker",
    fmz: "GetTicker",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    parse: (raw) => ({ symbol: instrumentParam(raw, "ticker") }),
  }),
  spec({
    wire: "depth",
    aliases: ["getdepth"],
    method: "getDepth",
    fmz: "GetDepth",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }, { limit: COUNT }),
    parse: (raw) => ({ symbol: instrumentParam(raw, "depth"), limit: optionalCount(raw, "limit") }),
  }),
  spec({
    wire: "trades",
    aliases: ["gettrades"],
    method: "getTrades",
    fmz: "GetTrades",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    parse: (raw) => ({ symbol: instrumentParam(raw, "trades") }),
  }),
  spec({
    wire: "records",
    aliases: ["getrecords", "kline"],
    method: "getRecords",
    fmz: "GetRecords",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }, { period: COUNT, limit: COUNT }),
    parse: (raw) => parseRecords(raw),
  }),
  spec({
    wire: "markets",
    aliases: ["getmarkets"],
    method: "getMarkets",
    fmz: "GetMarkets",
    private: false,
    paramsSchema: NO_PARAMS,
    parse: () => ({}),
  }),
  spec({
    wire: "tickers",
    aliases: ["gettickers"],
    method: "getTickers",
    fmz: "GetTickers",
    private: false,
    paramsSchema: NO_PARAMS,
    parse: () => ({}),
  }),
  spec({
    wire: "accounts",
    aliases: ["account", "getaccount"],
    method: "getAccount",
    fmz: "GetAccount",
    private: true,
    paramsSchema: NO_PARAMS,
    parse: () => ({}),
  }),
  spec({
    wire: "assets",
    aliases: ["getassets"],
    method: "getAssets",
    fmz: "GetAssets",
    private: true,
    paramsSchema: NO_PARAMS,
    parse: () => ({}),
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
    parse: (raw) => parseCreateOrder(raw),
  }),
  spec({
    wire: "orders",
    aliases: ["getorders"],
    method: "getOrders",
    fmz: "GetOrders",
    private: true,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    parse: (raw) => ({ symbol: symbolParam(raw) }),
  }),
  spec({
    wire: "order",
    aliases: ["getorder"],
    method: "getOrder",
    fmz: "GetOrder",
    private: true,
    paramsSchema: paramsSchema({ id: ORDER_ID }, { symbol: { type: "string" } }),
    parse: (raw) => parseOrderId(raw),
  }),
  spec({
    wire: "historyorders",
    aliases: ["gethistoryorders"],
    method: "getHistoryOrders",
    fmz: "GetHistoryOrders",
    private: true,
    paramsSchema: paramsSchema({ symbol: SYMBOL }, { since: COUNT, limit: COUNT }),
    parse: (raw) => ({
      symbol: symbolParam(raw),
      since: optionalCount(raw, "since"),
      limit: optionalCount(raw, "limit"),
    }),
  }),
  spec({
    wire: "cancel",
    aliases: ["cancelorder"],
    method: "cancelOrder",
    fmz: "CancelOrder",
    private: true,
    paramsSchema: paramsSchema({ id: ORDER_ID }, { symbol: { type: "string" } }),
    parse: (raw) => parseOrderId(raw),
  }),
  spec({
    wire: "positions",
    aliases: ["position", "getpositions", "getposition"],
    method: "getPositions",
    fmz: "GetPositions",
    private: true,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    parse: (raw) => ({ symbol: symbolParam(raw) }),
  }),
  spec({
    wire: "marginlevel",
    aliases: ["margin_level", "setmarginlevel"],
    method: "setMarginLevel",
    fmz: "SetMarginLevel",
    private: true,
    paramsSchema: paramsSchema({ symbol: SYMBOL, marginLevel: DECIMAL }),
    parse: (raw) => parseMarginLevel(raw),
  }),
  spec({
    wire: "fundings",
    aliases: ["funding", "getfundings"],
    method: "getFundings",
    fmz: "GetFundings",
    private: false,
    paramsSchema: paramsSchema({ symbol: SYMBOL }),
    parse: (raw) => ({ symbol: symbolParam(raw) }),
  }),
];

/** `exchange.IO("api", …)` arrives as `__api_<path>`; the verb comes in the `Http-Method` header. */
export const IO_PREFIX = "__api_";

export const IO_SPEC: MethodSpec<"io"> = spec({
  wire: IO_PREFIX + "<path>",
  aliases: [],
  method: "io",
  fmz: 'IO("api", …)',
  private: true,
  paramsSchema: { type: "object" },
  // Path and verb are checked here, before any adapter signs or sends anything (see io-path.ts).
  parse: (raw, extra) => ({
    path: normalizeIoPath(extra.wireMethod.slice(IO_PREFIX.length)),
    httpMethod: normalizeIoVerb(extra.httpMethod),
    params: raw,
  }),
});

export interface ResolvedMethod {
  readonly spec: MethodSpec;
  readonly validate: ValidateFunction;
}

const byName = new Map<string, ResolvedMethod>();
for (const s of [...METHOD_TABLE, IO_SPEC]) {
  const resolved = { spec: s, validate: ajv.compile(s.paramsSchema) };
  for (const name of [s.wire, ...s.aliases]) byName.set(name.toLowerCase(), resolved);
}

const WIRE_NAMES = new Map<AdapterMethodName, string>([...METHOD_TABLE, IO_SPEC].map((s) => [s.method, s.wire]));

/**
 * The wire name of an adapter method (`createOrder` → `trade`): how adapters and the host name a method
 * in messages, so that no wire name is written anywhere but in the table.
 */
export function wireName(method: AdapterMethodName): string {
  return WIRE_NAMES.get(method) ?? method;
}

/** Finds the method for a wire name, case-insensitively; undefined when the name is unknown. */
export function resolveMethod(wireName: string): ResolvedMethod | undefined {
  if (wireName.startsWith(IO_PREFIX)) return byName.get(IO_SPEC.wire);
  return byName.get(wireName.toLowerCase());
}

/** Validates raw params against the method's schema and parses them; throws BadRequestError. */
export function parseParams(
  resolved: ResolvedMethod,
  raw: RawParams,
  extra: { httpMethod?: string; wireMethod: string },
): ParamsOf<AdapterMethodName> {
  if (!resolved.validate(raw)) throw new BadRequestError(describeAjvError(resolved.validate.errors?.[0]));
  return resolved.spec.parse(raw, extra);
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
