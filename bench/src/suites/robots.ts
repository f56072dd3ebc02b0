import { DEFAULT_LIVE_CREDENTIAL } from "@fmz-gateway/okx-standin";
import { pollingRobots } from "../load/robots";
import { type Served, servedCounts, warmStream } from "../load/served";
import { Child } from "../processes/child";
import type { RowResult } from "../report/format";
import { RECONCILE_MS, ROBOTS, ROBOTS_ID, ROBOTS_MOUNT, ROBOT_CALLS } from "../scenarios/private-rows";
import type { Mounts } from "../scenarios/rows";
import { seedAccount } from "../scenarios/seed-account";
import { type BenchSettings, MB } from "../settings";

/**
 * The REST reads a private stream replaces (and its reconciliation makes): what OKX counts against the
 * key's tightest limits. Placing and cancelling (POST) are not among them, and the robots do neither.
 */
export const PRIVATE_READS = [
  "GET /api/v5/account/balance",
  "GET /api/v5/account/positions",
  "GET /api/v5/trade/orders-pending",
  "GET /api/v5/trade/order",
];

/**
 * Ten robots on one key polling `accounts`, `orders` and `positions` on the streamed swap mount for
 * `robotsSpanS` after warm-up, on a gateway of their own (so no other mount's session on the same key
 * reconciles meanwhile) against the delayed suite's stand-in. Reported: the private REST requests the
 * stand-in received with that key, per minute: 0 apart from reconciliation (every RECONCILE_MS, OKX's
 * default: one balance, one positions and one pending-orders request a pass).
 */
export async function robotsRow(
  standin: Child,
  exchanges: Mounts,
  s: BenchSettings,
  seed: boolean,
): Promise<RowResult> {
  const gateway = await Child.start("processes/gateway-process.js", [
    JSON.stringify({ exchanges, logLevel: "info" }),
  ]);
  try {
    if (seed) await seedAccount(gateway.url);
    for (const c of ROBOT_CALLS) await warmStream(gateway.url, ROBOTS_MOUNT, c.method, c.body);
    const before = await served(gateway.url);
    const since = Date.now();
    const r = await pollingRobots(
      gateway.url,
      ROBOTS_MOUNT,
      ROBOT_CALLS.map((c) => c.body),
      ROBOTS,
      s.robotsSpanS * 1000,
    );
    const until = Date.now();
    const after = await served(gateway.url);
    const all = await standin.upstream(DEFAULT_LIVE_CREDENTIAL.apiKey, since, until);
    const byPath = Object.fromEntries(Object.entries(all).filter(([k]) => PRIVATE_READS.includes(k)));
    const requests = Object.values(byPath).reduce((a, b) => a + b, 0);
    const spanS = (until - since) / 1000;
    const perMin = (requests / spanS) * 60;
    const restAnswers = after.rest - before.rest;
    const row: RowResult = {
      id: ROBOTS_ID,
      name:
        `${ROBOTS} robots on one key polling accounts, orders and positions (swap, private streams, ` +
        `reconcileMs ${RECONCILE_MS}): ${perMin.toFixed(1)} private REST requests/min over ${spanS.toFixed(0)} s`,
      rps: r.calls / r.elapsedS,
      p50: r.p50,
      p99: r.p99,
      errors: r.errors,
      rssMb: (await gateway.rss()) / MB,
      restAnswers,
      privateRest: { requests, spanS, perMin, byPath },
    };
    const paths = Object.entries(byPath).map(([k, n]) => `${k} ${n}`);
    console.log(
      `  ${row.name}: ${r.calls} calls, ${Math.round(row.rps)} calls/s, p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms, ${r.errors} errors, ${restAnswers} answers by REST; requests: ${paths.join(", ") || "none"}`,
    );
    return row;
  } finally {
    await gateway.stop();
  }
}

/** The robots' answers by source, summed over their three methods. */
async function served(gatewayUrl: string): Promise<Served> {
  const counts = await Promise.all(ROBOT_CALLS.map((c) => servedCounts(gatewayUrl, ROBOTS_MOUNT, c.method)));
  return counts.reduce((a, b) => ({ stream: a.stream + b.stream, rest: a.rest + b.rest }), {
    stream: 0,
    rest: 0,
  });
}
