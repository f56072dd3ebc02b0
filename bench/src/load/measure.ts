import type { Child } from "../processes/child";
import type { RowResult } from "../report/format";
import { type BenchSettings, MB, median } from "../settings";
import { latency } from "./latency";
import { type LoadTarget, throughput } from "./throughput";

export interface MeasureOptions {
  /** Stable handle of the row, for the targets. */
  id?: string;
  /** The gateway under load, whose RSS the row reports. */
  gateway?: Child;
  /**
   * Timed requests per latency round, and untimed ones before them; fewer for rows whose every call
   * waits out the stand-in's REST delay (2,000 of them would take 40 s a round).
   */
  latencyRequests?: number;
  latencyWarmup?: number;
}

/** One table row: throughput at `connections`, p50 and p99 at one connection, medians of the rounds. */
export async function measure(
  name: string,
  target: LoadTarget,
  s: BenchSettings,
  opts: MeasureOptions = {},
): Promise<RowResult> {
  await throughput(target, { connections: s.connections, durationS: 1 }); // warm-up: JIT, pools, caches
  const rps: number[] = [];
  const p50: number[] = [];
  const p99: number[] = [];
  let errors = 0;
  for (let r = 0; r < s.rounds; r++) {
    const t = await throughput(target, { connections: s.connections, durationS: s.durationS });
    const l = await latency(target, {
      requests: opts.latencyRequests ?? s.latencyRequests,
      warmup: opts.latencyWarmup,
    });
    rps.push(t.rps);
    p50.push(l.p50);
    p99.push(l.p99);
    errors += t.errors + l.errors;
  }
  const row: RowResult = {
    id: opts.id,
    name,
    rps: median(rps),
    p50: median(p50),
    p99: median(p99),
    errors,
    rssMb: opts.gateway ? (await opts.gateway.rss()) / MB : undefined,
  };
  console.log(
    `  ${name}: ${Math.round(row.rps)} req/s, p50 ${row.p50.toFixed(3)} ms, p99 ${row.p99.toFixed(3)} ms, ${errors} errors`,
  );
  return row;
}
