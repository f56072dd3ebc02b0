import { type Bar, type Depth, type Markets, parseSymbol, resolveMethod } from "@fmz-gateway/core";
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
import { UNKNOWN_METHOD_PROBE, selectMethods } from "./methods";
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

const PROBES: Record<string, Probe> = {
  ticker: async (c, t) =>
    judge("ticker", "getTicker", await c.call("ticker", { symbol: t.symbol }), checkTicker),
  depth: async (c, t) =>
    judge("depth", "getDepth", await c.call("depth", { symbol: t.symbol, limit: DEPTH_LIMIT }), (d: Depth) =>
      checkDepth(d, DEPTH_LIMIT),
    ),
  trades: async (c, t) =>
    judge("trades", "getTrades", await c.call("trades", { symbol: t.symbol }), checkTrades),
  records: async (c, t) => {
    let last: MethodReport = { method: "records", verdict: "correct" };
    for (const req of RECORDS_CALLS) {
      const reply = await c.call("records", { symbol: t.symbol, ...req });
      last = labelled(
        judge("records", "getRecords", reply, (bars: Bar[]) => checkRecords(bars, req)),
        `period ${req.period}, limit ${req.limit}`,
      );
      if (last.verdict !== "correct") return last;
    }
    return last;
  },
  markets: async (c, t) =>
    judge("markets", "getMarkets", await c.call("markets"), (m: Markets) => checkMarkets(m, t.symbol)),
  tickers: async (c) => judge("tickers", "getTickers", await c.call("tickers"), checkTickers),
  accounts: async (c) => judge("accounts", "getAccount", await c.call("accounts"), checkBalances),
  assets: async (c) => judge("assets", "getAssets", await c.call("assets"), checkBalances),
  positions: async (c, t) =>
    judge(
      "positions",
      "getPositions",
      await c.call("positions", { symbol: t.range ?? t.symbol }),
      checkPositions,
    ),
  marginlevel: async (c, t) =>
    judge(
      "marginlevel",
      "setMarginLevel",
      await c.call("marginlevel", { symbol: t.symbol, marginLevel: MARGIN_LEVEL }),
    ),
  fundings: async (c, t) =>
    judge("fundings", "getFundings", await c.call("fundings", { symbol: t.symbol }), checkFundings),
  [UNKNOWN_METHOD_PROBE]: async (c) => {
    const problems = checkUnknownMethodReply(await c.call(UNKNOWN_METHOD_NAME), UNKNOWN_METHOD_NAME);
    return problems.length === 0
      ? { method: UNKNOWN_METHOD_PROBE, verdict: "correct" }
      : { method: UNKNOWN_METHOD_PROBE, verdict: "wrong", reason: problems.join("; ") };
  },
};

/**
 * Calls every protocol method on one mount of a running gateway, exactly as the FMZ docker does, and
 * judges each reply (see `Verdict`). Never throws for what the gateway answers: a failed call is a `wrong`
 * verdict with the reason. Throws only for a target that makes no sense (a bad symbol, an unknown method).
 */
export async function runConformance(target: ConformanceTarget): Promise<MethodReport[]> {
  checkTarget(target);
  const methods = selectMethods(target.methods);
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
    if (!hasKeys && resolveMethod(method)?.spec.private) {
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
      const probe = PROBES[method];
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
}
