import { measure } from "../load/measure";
import { servedCounts, warmStream } from "../load/served";
import { Child } from "../processes/child";
import type { RowResult } from "../report/format";
import { ROBOTS_ID, privateExchanges, privateRows } from "../scenarios/private-rows";
import { REST_DELAY_MS, TICKER, delayedExchanges, delayedRows } from "../scenarios/rows";
import { seedAccount } from "../scenarios/seed-account";
import type { BenchSettings } from "../settings";
import { robotsRow } from "./robots";

/**
 * `ticker` and `depth` by REST and from streams, against a second stand-in whose REST replies come
 * REST_DELAY_MS late (its websocket is not delayed), through a gateway of its own: the OKX adapter and
 * the ccxt bridge, each by REST and, where its options know `streams`, from streams. Then, on the same
 * gateway, the OKX adapter's private calls by REST and from private streams, and last the ten robots on
 * one key (a gateway of their own, same stand-in).
 */
export async function delayedSuite(s: BenchSettings, only?: ReadonlySet<string>): Promise<RowResult[]> {
  const standin = await Child.start("processes/standin-process.js", ["1", String(REST_DELAY_MS)]);
  const publicMounts = delayedExchanges(standin.url);
  const exchanges = { ...publicMounts, ...privateExchanges(standin.url) };
  const selected = [...delayedRows(publicMounts), ...privateRows(exchanges)].filter(
    (r) => !only || only.has(r.id ?? ""),
  );
  const robots = exchanges.OKX_PRIV !== undefined && (!only || only.has(ROBOTS_ID));
  const gateway = await Child.start("processes/gateway-process.js", [
    JSON.stringify({ exchanges, logLevel: "info" }),
  ]);
  const rows: RowResult[] = [];
  let seeded = false;
  try {
    if (selected.some((r) => r.mount && !(r.mount in publicMounts))) {
      await seedAccount(gateway.url);
      seeded = true;
    }
    for (const row of selected) {
      const target = row.target(gateway.url);
      const { mount = "", method = TICKER } = row;
      const body = target.bodies?.[0] ?? "";
      // The first call only starts the subscription: measure once the stream answers. A stream that never
      // warms is still measured; its REST answers show in the targets.
      if (row.fromStreams) {
        await warmStream(gateway.url, mount, method, body).catch((err: unknown) => {
          console.warn(`  ${row.name}: ${(err as Error).message}`);
        });
      }
      const before = await servedCounts(gateway.url, mount, method);
      const result = await measure(row.name, target, s, {
        id: row.id,
        gateway,
        // Every REST call here waits out the delay: fewer samples, or a round would take 40 s.
        ...(row.fromStreams ? {} : { latencyRequests: Math.round(s.latencyRequests / 7), latencyWarmup: 10 }),
      });
      if (row.fromStreams) {
        result.restAnswers = (await servedCounts(gateway.url, mount, method)).rest - before.rest;
        if (result.restAnswers > 0) {
          console.warn(`  ${row.name}: ${result.restAnswers} answers came by REST during the measurement`);
        }
      }
      rows.push(result);
    }
  } finally {
    await gateway.stop();
    if (!robots) await standin.stop();
  }
  if (robots) {
    try {
      rows.push(await robotsRow(standin, exchanges, s, !seeded));
    } finally {
      await standin.stop();
    }
  }
  return rows;
}
