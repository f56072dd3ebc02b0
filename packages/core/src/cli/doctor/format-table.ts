import type { DoctorRow } from "./doctor-row";

const OK = "✓";
const FAIL = "✗";

/**
 * The doctor's table, one line per check (`✓ OKX  ticker BTC_USDT  last 55000  12 ms`) and, under each
 * failed one, its fix. `scrub` runs over every cell that came from an adapter or an exchange, so a secret
 * echoed back in an error text is never printed.
 */
export function formatTable(rows: readonly DoctorRow[], scrub: (text: string) => string): string[] {
  const where = width(rows.map((r) => r.where));
  const name = width(rows.map((r) => r.name));
  const lines: string[] = [];
  for (const r of rows) {
    const ms = r.ms === undefined ? "" : `  ${formatMs(r.ms)}`;
    lines.push(
      `  ${r.ok ? OK : FAIL}  ${r.where.padEnd(where)}  ${scrub(r.name).padEnd(name)}  ${scrub(r.detail)}${ms}`.trimEnd(),
    );
    if (!r.ok && r.fix) lines.push(`     ${" ".repeat(where)}  fix: ${scrub(r.fix)}`);
  }
  const bad = rows.filter((r) => !r.ok).length;
  lines.push("");
  lines.push(bad === 0 ? `${rows.length} checks passed` : `${bad} of ${rows.length} checks failed`);
  return lines;
}

function width(cells: readonly string[]): number {
  return Math.max(0, ...cells.map((c) => c.length));
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
