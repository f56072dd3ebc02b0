import type { SoakReport } from "./run-soak";

/** The soak's verdicts and figures as text, for the terminal. */
export function formatSoak(r: SoakReport): string {
  const lines = [
    "",
    `soak ${r.passed ? "PASSED" : "FAILED"}: ${r.config.seconds} s, ${r.config.clients} clients, ${r.callsPerSecond.toFixed(0)} calls/s`,
    `started ${r.startedAt} on ${r.machine}, Node ${r.node}`,
    ...Object.entries(r.latencyMs).map(
      ([m, l]) =>
        `latency ${m}: p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(0)} ms`,
    ),
    `memory window: from ${r.windowFromS} s to the end`,
    ...r.checks.map((c) => `  ${c.pass ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`),
  ];
  if (r.errorKinds.length > 0) {
    lines.push("", 'most frequent {"error"} answers (expected under faults):');
    for (const [k, n] of r.errorKinds.slice(0, 12)) lines.push(`  ${String(n).padStart(6)}  ${k}`);
  }
  if (r.failureSamples.length > 0) {
    lines.push("", "failures:");
    for (const f of r.failureSamples) lines.push(`  ${f}`);
  }
  if (r.logWarnings.length > 0) {
    lines.push("", "gateway warnings and errors (first few):");
    for (const w of r.logWarnings) lines.push(`  ${w}`);
  }
  return lines.join("\n");
}
