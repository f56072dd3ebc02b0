import {
  type AdapterMethodName,
  type Bar,
  type Depth,
  type Ticker,
  type Trade,
  METHOD_TABLE,
  type Markets,
  type MethodSpec,
  type MethodTable,
  parseSymbol,
} from "@fmz-gateway/core";
import { DockerClient } from "../docker-client";
import {
  checkBalances,
  checkDepth,
  checkFundings,
  checkMarkets,
  checkPositions,
  checkRecords,
  checkTicker,
  checkTickers,
  checkTrades,
  checkUnknownMethodReply,
} from "./checks";
import { judge, labelled } from "./judge";
import { UNKNOWN_METHOD_PROBE, methodSpec, selectMethods } from "./methods";
import { ORDER_METHODS, orderRoundTrip } from "./order-round-trip";
import type { ConformanceTarget, MethodReport } from "./types";

/** Levels asked of `depth`: few enough that an adapter ignoring the limit shows. */
export const DEPTH_LIMIT = 5;
/** `records` calls: one past a typical per-call cap (100), so an adapter must page; one on another period. */
export const RECORDS_CALLS = [
  { period: 1, limit: 150 },
  { period: 60, limit: 5 },
] as const;
/** The method name the unknown-method probe sends. */
export const UNKNOWN_METHOD_NAME = "conformanceNoSuchMethod";
/** The margin level `marginlevel` sets (on futures this changes the account's leverage for the symbol). */
export const MARGIN_LEVEL = 10;

type Probe = (client: DockerClient, target: ConformanceTarget) => Promise<MethodReport>;

/** A probe that calls `method` once with `params` and judges the reply by its schema and `check`. */
function once<T>(
  method: AdapterMethodName,
  params: (t: ConformanceTarget) => Record<string, unknown> | undefined,
  check?: (data: T, t: ConformanceTarget) => string[],
): Probe {
  const s = methodSpec(method);
  return async (c, t) => judge(s, await c.call(s.wire, params(t)), check && ((data: T) => check(data, t)));
}

const RECORDS = methodSpec("getRecords");
const none = () => undefined;
const symbol = (t: ConformanceTarget) => ({ symbol: t.symbol });
const now = (t: ConformanceTarget) => (t.clock ?? Date.now)();

/** The dedicated checks, by adapter method; a table method without one gets `genericProbe`. */
const PROBES: Partial<Record<string, Probe>> = {
  // Times are checked against the target's clock at the reply: milliseconds of now, not seconds.
  getTicker: once("getTicker", symbol, (d: Ticker, t) => checkTicker(d, "ticker", now(t))),
  getDepth: once(
    "getDepth",
    (t) => ({ symbol: t.symbol, limit: DEPTH_LIMIT }),
    (d: Depth, t) => checkDepth(d, DEPTH_LIMIT, now(t)),
  ),
  getTrades: once("getTrades", symbol, (d: Trade[], t) => checkTrades(d, now(t))),
  getRecords: async (c, t) => {
    let last: MethodReport = { method: RECORDS.wire, verdict: "correct" };
    for (const req of RECORDS_CALLS) {
      const reply = await c.call(RECORDS.wire, { symbol: t.symbol, ...req });
      last = labelled(
        judge(RECORDS, reply, (bars: Bar[]) => checkRecords(bars, req)),
        `period ${req.period}, limit ${req.limit}`,
      );
      if (last.verdict !== "correct") return last;
    }
    return last;
  },
  getMarkets: once("getMarkets", none, (m: Markets, t) => checkMarkets(m, t.symbol)),
  getTickers: once("getTickers", none, checkTickers),
  getAccount: once("getAccount", none, checkBalances),
  getAssets: once("getAssets", none, checkBalances),
  getPositions: once("getPositions", (t) => ({ symbol: t.range ?? t.symbol }), checkPositions),
  setMarginLevel: once("setMarginLevel", (t) => ({ symbol: t.symbol, marginLevel: MARGIN_LEVEL })),
  getFundings: once("getFundings", symbol, checkFundings),
};

/**
 * The check of a method the suite has no dedicated one for (one added to the table since): called with the
 * target's symbol when its params schema takes one, judged by the table entry's reply schema.
 */
export function genericProbe(spec: MethodSpec): Probe {
  const properties = (spec.paramsSchema as { properties?: Record<string, unknown> }).properties ?? {};
  const params = Object.hasOwn(properties, "symbol") ? symbol : none;
  return async (c, t) => judge(spec, await c.call(spec.wire, params(t)));
}

const unknownMethodProbe: Probe = async (c) => {
  const problems = checkUnknownMethodReply(await c.call(UNKNOWN_METHOD_NAME), UNKNOWN_METHOD_NAME);
  return problems.length === 0
    ? { method: UNKNOWN_METHOD_PROBE, verdict: "correct" }
    : { method: UNKNOWN_METHOD_PROBE, verdict: "wrong", reason: problems.join("; ") };
};

/**
 * Calls every protocol method on one mount of a running gateway, exactly as the FMZ docker does, and
 * judges each reply (see `Verdict`). Never throws for what the gateway answers: a failed call is a `wrong`
 * verdict with the reason. Throws only for a target that makes no sense (a bad symbol, an unknown method).
 * The methods are the core's method table's, in its order; a test may pass a table with more.
 */
export async function runConformance(
  target: ConformanceTarget,
  table: MethodTable = METHOD_TABLE,
): Promise<MethodReport[]> {
  checkTarget(target);
  const methods = selectMethods(target.methods, table);
  const specs = new Map<string, MethodSpec>(table.map((s) => [s.wire, s]));
  const selected = new Set(methods);
  const client = new DockerClient({
    baseUrl: target.baseUrl,
    exchange: target.exchange,
    accessKey: target.accessKey,
    secretKey: target.secretKey,
  });
  const hasKeys = Boolean(target.accessKey && target.secretKey);
  const reports = new Map<string, MethodReport>();
  for (const method of methods) {
    if (reports.has(method)) continue;
    const spec = specs.get(method);
    if (!hasKeys && spec?.private) {
      reports.set(method, {
        method,
        verdict: "skipped",
        reason: "needs keys: give the target accessKey and secretKey",
      });
    } else if (ORDER_METHODS.includes(method)) {
      const tripMethods = ORDER_METHODS.filter((m) => selected.has(m));
      const trip = await guarded(tripMethods, () => orderRoundTrip(client, target, selected));
      for (const [m, r] of trip) reports.set(m, r);
    } else {
      const probe = spec ? (PROBES[spec.method] ?? genericProbe(spec)) : unknownMethodProbe;
      const one = await guarded([method], async () => new Map([[method, await probe(client, target)]]));
      for (const [m, r] of one) reports.set(m, r);
    }
  }
  return methods.map((m) => reports.get(m) ?? { method: m, verdict: "skipped", reason: "not run" });
}

/** Runs probes, turning a failed call (gateway down, non-JSON reply) into a `wrong` verdict for each method. */
async function guarded(
  methods: readonly string[],
  probe: () => Promise<Map<string, MethodReport>>,
): Promise<Map<string, MethodReport>> {
  try {
    return await probe();
  } catch (err) {
    const reason = `call failed: ${(err as Error).message}`;
    return new Map(methods.map((method) => [method, { method, verdict: "wrong", reason }]));
  }
}

function checkTarget(target: ConformanceTarget): void {
  if (parseSymbol(target.symbol).kind !== "instrument") {
    throw new Error(`target symbol "${target.symbol}" must be one instrument (BTC_USDT or BTC_USDT.swap)`);
  }
  if (target.range !== undefined && parseSymbol(target.range).kind !== "range") {
    throw new Error(`target range "${target.range}" must be a range such as USDT.swap`);
  }
  if (target.order && !(Number(target.order.price) > 0 && Number(target.order.amount) > 0)) {
    throw new Error("target order needs a positive price and amount (a resting limit order)");
  }
  const m = target.marketOrders;
  if (m && !(Number(m.buyQuote) > 0 && Number(m.sellBase) > 0)) {
    throw new Error("target marketOrders needs a positive buyQuote and sellBase");
  }
}
