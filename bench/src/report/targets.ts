import { ACCOUNTS, RECONCILE_MS, RECONCILE_READS, ROBOTS, ROBOTS_ID } from "../scenarios/private-rows";
import { DEPTH, REST_DELAY_MS, TICKER } from "../scenarios/rows";
import type { SubscriptionsResult } from "../suites/subscriptions";
import type { BenchReport, RowResult, ScaleResult } from "./format";

type Target = BenchReport["targets"][number];

const ms = (n: number) => n.toFixed(3);

/** The targets of issue 11 and before, from the rows of one run (found by id, so names may change). */
export function benchTargets(
  rows: readonly RowResult[],
  scaling: readonly ScaleResult[],
  subs: SubscriptionsResult | undefined,
): Target[] {
  const row = (id: string) => rows.find((r) => r.id === id);
  const targets: Target[] = [];
  const [standin, ceiling, express, okx] = ["standin", "ceiling", "express", "okx-ticker"].map(row);
  if (standin && ceiling && okx) {
    targets.push(
      {
        target: "ticker via the gateway ≥ 70 % of the host's ceiling (16 connections)",
        measured: `${((okx.rps / ceiling.rps) * 100).toFixed(0)} %`,
        met: okx.rps >= 0.7 * ceiling.rps,
      },
      {
        target: "p50 at 1 connection ≤ 0.3 ms above the stand-in called directly",
        measured: `+${ms(okx.p50 - standin.p50)} ms`,
        met: okx.p50 - standin.p50 <= 0.3,
      },
    );
  }
  if (standin && express && okx) {
    const floor = express.p50 + standin.p50;
    targets.push({
      target:
        "REST ticker p50 ≤ 0.1 ms above the floor plus one hop: ticker via OKX adapter − (bare Express 5 + stand-in called directly), p50s",
      measured: `${okx.p50 - floor >= 0 ? "+" : ""}${ms(okx.p50 - floor)} ms (${ms(okx.p50)} − ${ms(express.p50)} − ${ms(standin.p50)})`,
      met: okx.p50 - floor <= 0.1,
    });
  }
  targets.push(...hostTargets(row));
  const tenK = scaling.find((s) => s.name.startsWith("10,000"));
  targets.push({
    target: "memory after 10,000 keys bounded, no growth on a second pass (live heap)",
    measured: tenK ? `${tenK.heapMb.toFixed(1)} → ${tenK.heapSecondPassMb?.toFixed(1)} MB` : "n/a",
    met: tenK !== undefined && (tenK.heapSecondPassMb ?? Infinity) <= tenK.heapMb * 1.05 + 1,
  });
  for (const [rest, ws, via] of [
    ["OKX_REST", "OKX_WS", "OKX adapter"],
    ["OKXC_REST", "OKXC_WS", "ccxt okx mount"],
  ]) {
    const pairs = [TICKER, DEPTH].flatMap((m) => {
      const r = row(`${m}:${rest}`);
      const w = row(`${m}:${ws}`);
      return r && w ? [{ m, r, w }] : [];
    });
    if (pairs.length > 0 && ceiling) targets.push(...streamTargets(pairs, ceiling, via));
  }
  targets.push(...privateStreamTargets(row));
  targets.push(subscriptionsTarget(subs));
  return targets;
}

/**
 * Issue 17's targets: a stream-served `accounts` as fast as a stream-served `ticker` (same run, same
 * gateway), and ten robots on one key spending no private REST request but reconciliation's.
 */
function privateStreamTargets(row: (id: string) => RowResult | undefined): Target[] {
  const targets: Target[] = [];
  const [accounts, ticker] = [`${ACCOUNTS}:OKX_PRIV`, `${TICKER}:OKX_WS`].map(row);
  if (accounts && ticker) {
    const byRest = (accounts.restAnswers ?? 0) + (ticker.restAnswers ?? 0);
    const diff = accounts.p50 - ticker.p50;
    targets.push({
      target:
        "`accounts` from private streams: p50 ≤ 0.05 ms above `ticker` from streams (OKX adapter, same gateway)",
      measured:
        `${diff >= 0 ? "+" : ""}${ms(diff)} ms (${ms(accounts.p50)} − ${ms(ticker.p50)})` +
        (byRest > 0 ? `, ${byRest} answers by REST` : ""),
      met: diff <= 0.05 && byRest === 0,
    });
  }
  const robots = row(ROBOTS_ID);
  if (robots?.privateRest) {
    const { requests, spanS, perMin, byPath } = robots.privateRest;
    // Reconciliation passes that can fall in the span: one a period, plus one at either edge.
    const passes = Math.floor((spanS * 1000) / RECONCILE_MS) + 1;
    const paths = Object.entries(byPath).map(([k, n]) => `${k.replace("/api/v5", "")} ${n}`);
    targets.push({
      target: `${ROBOTS} robots on one key from private streams: no private REST request after warm-up but reconciliation's (reconcileMs ${RECONCILE_MS}, ${RECONCILE_READS} requests a pass)`,
      measured:
        `${perMin.toFixed(1)} a minute (${requests} in ${spanS.toFixed(0)} s${paths.length ? `: ${paths.join(", ")}` : ""}), ` +
        `${robots.restAnswers ?? 0} answers by REST`,
      met: (robots.restAnswers ?? 0) === 0 && requests <= passes * RECONCILE_READS,
    });
  }
  return targets;
}

/**
 * Issue 20's targets for the host's own cost, each against bare Express 5 (the framework's floor) of the
 * same run: the ceiling's throughput, the SIM ticker (an answer from memory) and stream-served tickers.
 */
function hostTargets(row: (id: string) => RowResult | undefined): Target[] {
  const [express, ceiling, sim] = ["express", "ceiling", "sim-ticker"].map(row);
  if (!express) return [];
  const targets: Target[] = [];
  const pct = (r: RowResult) => `${((r.rps / express.rps) * 100).toFixed(0)} %`;
  const above = (r: RowResult) => `${r.p50 - express.p50 >= 0 ? "+" : ""}${ms(r.p50 - express.p50)} ms`;
  if (ceiling) {
    targets.push({
      target: "host ceiling ≥ 85 % of bare Express 5's throughput (16 connections)",
      measured: `${pct(ceiling)} (${Math.round(ceiling.rps)} against ${Math.round(express.rps)} req/s)`,
      met: ceiling.rps >= 0.85 * express.rps,
    });
  }
  if (sim) {
    targets.push({
      target:
        "`ticker` on SIM (paper, simulated market): ≥ 80 % of bare Express 5's throughput, p50 ≤ 0.1 ms above it",
      measured: `${pct(sim)}, ${above(sim)} (${ms(sim.p50)} − ${ms(express.p50)})`,
      met: sim.rps >= 0.8 * express.rps && sim.p50 - express.p50 <= 0.1,
    });
  }
  const streams = [
    [`${TICKER}:OKX_WS`, "OKX adapter"],
    [`${TICKER}:OKXC_WS`, "ccxt okx mount"],
  ].flatMap(([id, via]) => {
    const r = row(id);
    return r ? [{ r, via }] : [];
  });
  if (streams.length > 0) {
    targets.push({
      target: "`ticker` from streams: p50 ≤ 0.05 ms above bare Express 5's p50",
      measured: streams.map(({ r, via }) => `${via} ${above(r)}`).join(", "),
      met: streams.every(({ r }) => r.p50 - express.p50 <= 0.05 && !r.restAnswers),
    });
  }
  return targets;
}

function streamTargets(
  pairs: { m: string; r: RowResult; w: RowResult }[],
  ceiling: RowResult,
  via: string,
): Target[] {
  const what = `${pairs.map((p) => `\`${p.m}\``).join(" and ")} from streams via ${via}`;
  const each = (f: (p: (typeof pairs)[number]) => string) => pairs.map((p) => `${p.m} ${f(p)}`).join(", ");
  const byRest = pairs.reduce((n, p) => n + (p.w.restAnswers ?? 0), 0);
  return [
    {
      target: `${what}: p50 ≤ 0.5 ms`,
      measured: each((p) => `${ms(p.w.p50)} ms`) + (byRest > 0 ? ` (${byRest} answers by REST)` : ""),
      met: byRest === 0 && pairs.every((p) => p.w.p50 <= 0.5),
    },
    {
      target: `${what}: p50 ≥ 40× faster than by REST with the stand-in ${REST_DELAY_MS} ms away`,
      measured: each((p) => `${(p.r.p50 / p.w.p50).toFixed(0)}×`),
      met: pairs.every((p) => p.r.p50 >= 40 * p.w.p50),
    },
    {
      target: `${what}: throughput ≥ 80 % of the host's ceiling (16 connections)`,
      measured: each((p) => `${((p.w.rps / ceiling.rps) * 100).toFixed(0)} %`),
      met: pairs.every((p) => p.w.rps >= 0.8 * ceiling.rps),
    },
  ];
}

function subscriptionsTarget(subs: SubscriptionsResult | undefined): Target {
  const target =
    "1,000 live ticker subscriptions on one mount (maxStreams 1,000): memory bounded, no growth on a second pass (live heap)";
  if (!subs) return { target, measured: "n/a (not measured)", met: false };
  const before = subs.heapBeforeMb ?? 0;
  const perSub = ((subs.heapMb - before) * 1024) / Math.max(1, subs.live - 1);
  return {
    target,
    measured: `${subs.live.toLocaleString("en-US")} live; ${before.toFixed(1)} → ${subs.heapMb.toFixed(1)} → ${subs.heapSecondPassMb?.toFixed(1)} MB (≈ ${perSub.toFixed(1)} KB a subscription), RSS ${subs.rssMb.toFixed(0)} MB`,
    met:
      subs.live >= 1000 &&
      subs.secondPassRest === 0 &&
      (subs.heapSecondPassMb ?? Infinity) <= subs.heapMb * 1.05 + 1,
  };
}
