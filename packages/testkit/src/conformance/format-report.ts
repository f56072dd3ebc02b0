import type { MethodReport, Verdict } from "./types";

const LABEL: Record<Verdict, string> = {
  correct: "correct",
  "not-supported": "not supported",
  wrong: "WRONG",
  skipped: "skipped",
};

/**
 * A plain-text table, one row per method, and a summary line. Wrong is upper case so it stands out in a
 * terminal or CI log; reasons are kept on one line each.
 */
export function formatReport(reports: MethodReport[]): string {
  const width = Math.max(6, ...reports.map((r) => r.method.length));
  const verdictWidth = Math.max(...Object.values(LABEL).map((l) => l.length));
  const row = (a: string, b: string, c: string) =>
    `${a.padEnd(width)}  ${b.padEnd(verdictWidth)}  ${c}`.trimEnd();
  const lines = [
    row("METHOD", "VERDICT", "REASON"),
    row("-".repeat(width), "-".repeat(verdictWidth), "------"),
  ];
  for (const r of reports) lines.push(row(r.method, LABEL[r.verdict], (r.reason ?? "").replace(/\s+/g, " ")));
  const count = (v: Verdict) => reports.filter((r) => r.verdict === v).length;
  lines.push(
    "",
    `${count("correct")} correct, ${count("not-supported")} not supported, ${count("wrong")} wrong, ${count("skipped")} skipped`,
  );
  return lines.join("\n");
}
