import fs from "node:fs";
import path from "node:path";
import { soakConfig } from "./config";
import { formatSoak } from "./report";
import { runSoak } from "./run-soak";

/**
 * `npm run soak [-- --seconds N]`: 64 docker-like clients against the gateway (its own process) and a
 * stand-in OKX injecting random faults; exits 1 when any check fails. Figures go to
 * bench/results/soak-latest.json.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--seconds");
  const seconds = at >= 0 ? Number(args[at + 1]) : 600;
  if (!Number.isFinite(seconds) || seconds < 10) throw new Error("--seconds takes a number of at least 10");
  const report = await runSoak(soakConfig(seconds), (line) => console.log(line));
  console.log(formatSoak(report));
  const dir = path.resolve(__dirname, "..", "..", "results");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "soak-latest.json"), JSON.stringify(report, null, 2) + "\n");
  process.exitCode = report.passed ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
