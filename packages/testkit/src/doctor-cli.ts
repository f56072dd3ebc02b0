import { runCli } from "@fmz-gateway/core";

/** What `fmz-gateway doctor` printed, and the exit code it chose. */
export interface DoctorRun {
  readonly lines: readonly string[];
  readonly text: string;
  readonly code: number | undefined;
}

/**
 * Runs `fmz-gateway doctor ARGS` in this process, through the CLI's own entry, and captures its table:
 * for testing an adapter's `doctor()` checks as a user sees them. Load the adapter's module first.
 */
export async function runDoctorCli(args: readonly string[]): Promise<DoctorRun> {
  const lines: string[] = [];
  let code: number | undefined;
  await runCli(["doctor", ...args], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    exitCode: (c) => (code = c),
  });
  return { lines, text: lines.join("\n"), code };
}

/**
 * The table line of one check (`  ✓  OKX  ticker BTC_USDT  last 60000  4.2 ms`), found by the mount (or
 * `setup`) and the start of the check's name; throws, showing the whole table, when there is none.
 */
export function doctorRow(run: DoctorRun, where: string, check: RegExp): string {
  const start = new RegExp(`^  [✓✗]  ${where}\\s+${check.source}`);
  const found = run.lines.find((l) => start.test(l));
  if (!found) throw new Error(`no "${where} ${check.source}" row in:\n${run.text}`);
  return found;
}

/** The fix printed under a failed row, or undefined. */
export function doctorFix(run: DoctorRun, rowLine: string): string | undefined {
  const next = run.lines[run.lines.indexOf(rowLine) + 1];
  return next && /^\s+fix: /.test(next) ? next.trim().slice("fix: ".length) : undefined;
}
