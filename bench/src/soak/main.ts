import fs from "node:fs";
import path from "node:path";
import { soakConfig } from "./config";
import { formatSoak } from "./report";
import { runSoak } from "./run-soak";

/** The default length, and the shortest run whose figures replace the README's. */
const FULL_RUN_S = 600;

/**
 * `npm run soak [-- --seconds N]`: 64 docker-like clients against the gateway (its own process) and a
 * stand-in OKX injecting random faults; exits 1 when any check fails. Figures of a full run (the default
 * 10 minutes or longer) go to bench/results/soak-latest.json, the ones the README quotes; a shorter run
 * writes soak-quick.json (not in git), so trying it out never overwrites them.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--seconds");
  const seconds = at >= 0 ? Number(args[at + 1]) : FULL_RUN_S;
  if (!Number.isFinite(seconds) || seconds < 10) throw new Error("--seconds takes a number of at least 10");
  const report = await runSoak(soakConfig(seconds), (line) => console.log(line));
  console.log(formatSoak(report));
  const dir = path.resolve(__dirname, "..", "..", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = seconds >= FULL_RUN_S ? "soak-latest.json" : "soak-quick.json";
  fs.writeFileSync(path.join(dir, file), JSON.stringify(report, null, 2) + "\n");
  console.log(`figures: bench/results/${file}`);
  process.exitCode = report.passed ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
