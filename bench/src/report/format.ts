import os from "node:os";

export interface RowResult {
  /** Stable handle for the targets (not printed). */
  id?: string;
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb?: number;
  /** Stream rows: answers REST gave during the measurement (0 when every answer came from the stream). */
  restAnswers?: number;
  /**
   * The ten-robots row: the private REST requests the stand-in received with the robots' key while they
   * polled (by "METHOD path"), over `spanS` seconds.
   */
  privateRest?: { requests: number; spanS: number; perMin: number; byPath: Record<string, number> };
}

export interface ScaleResult {
  name: string;
  rps: number;
  errors: number;
  rssMb: number;
  /** Live JS heap after a full GC: what the gateway retains, without the allocator's slack. */
  heapMb: number;
  /** Live heap before the scenario's load (the 1,000 subscriptions: with one stream). */
  heapBeforeMb?: number;
  heapSecondPassMb?: number;
}

export interface BenchReport {
  date: string;
  machine: string;
  node: string;
  rounds: number;
  connections: number;
  rows: RowResult[];
  scaling: ScaleResult[];
  targets: Array<{ target: string; measured: string; met: boolean }>;
}

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`;
}

const num = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The report as a Markdown table (printed, and pasted into the README). */
export function toMarkdown(r: BenchReport): string {
  const lines = [
    `Measured ${r.date} on ${r.machine}, Node ${r.node}; medians of ${r.rounds} rounds; throughput at ${r.connections} connections, latency at 1 connection.`,
    "",
    "| scenario | req/s | p50 ms | p99 ms | errors | gateway RSS MB |",
    "|---|---:|---:|---:|---:|---:|",
    ...r.rows.map(
      (x) =>
        `| ${x.name} | ${num(x.rps)} | ${num(x.p50, 3)} | ${num(x.p99, 3)} | ${x.errors} | ${x.rssMb === undefined ? "–" : num(x.rssMb, 1)} |`,
    ),
    "",
    "| scaling | req/s | errors | gateway RSS MB | live heap MB |",
    "|---|---:|---:|---:|---:|",
    ...r.scaling.map(
      (x) =>
        `| ${x.name} | ${num(x.rps)} | ${x.errors} | ${num(x.rssMb, 1)} | ${x.heapBeforeMb === undefined ? "" : `${num(x.heapBeforeMb, 1)} before → `}${num(x.heapMb, 1)}${x.heapSecondPassMb === undefined ? "" : ` → ${num(x.heapSecondPassMb, 1)} after a second pass`} |`,
    ),
    "",
    "| target | measured | met |",
    "|---|---|---|",
    ...r.targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`),
  ];
  return lines.join("\n");
}
