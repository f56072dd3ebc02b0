import fs from "node:fs";
import path from "node:path";
import { measure } from "./load/measure";
import { Child } from "./processes/child";
import {
  type BenchReport,
  type RowResult,
  type ScaleResult,
  machineDescription,
  toMarkdown,
} from "./report/format";
import { updateReadme } from "./report/readme";
import { benchTargets } from "./report/targets";
import { ROWS } from "./scenarios/rows";
import { benchSettings } from "./settings";
import { delayedSuite } from "./suites/delayed";
import { MAX_KEYS, gatewayArgs, scalingSuite } from "./suites/scaling";
import { subscriptionsSuite } from "./suites/subscriptions";

/**
 * `npm run bench`: the stand-in OKX, the gateway (and bare Express for the framework's floor) and the
 * load generator in separate processes on one machine, every row measured in the same run so the ratios
 * compare like with like. Then the delayed rows (a second stand-in 20 ms away, by REST and from
 * streams), the scaling rows and 1,000 live subscriptions, each on processes of their own.
 *   --quick      one short round (a smoke test of the bench itself)
 *   --no-readme  do not rewrite the README's table
 *   --rows A,B   only these rows, by id (`ceiling,express,sim-ticker`, delayed ones as `ticker:OKX_WS`),
 *                and nothing else: a quick comparison while working on the hot path (no README, no
 *                latest.json)
 */
const argv = process.argv.slice(2);
const args = new Set(argv);
const s = benchSettings(args.has("--quick"));
const only = argv.includes("--rows") ? new Set(argv[argv.indexOf("--rows") + 1]?.split(",")) : undefined;

async function mainRows(standin: Child): Promise<RowResult[]> {
  const gateway = await Child.start("processes/gateway-process.js", gatewayArgs(standin.url));
  const express = await Child.start("processes/express-floor-process.js", []);
  const url = { standin: standin.url, gateway: gateway.url, express: express.url };
  const rows: RowResult[] = [];
  try {
    for (const row of ROWS.filter((r) => !only || only.has(r.id ?? ""))) {
      const opts = { id: row.id, gateway: row.server === "gateway" ? gateway : undefined };
      rows.push(await measure(row.name, row.target(url[row.server]), s, opts));
    }
  } finally {
    await express.stop();
    await gateway.stop();
  }
  const okxTicker = ROWS.find((r) => r.id === "okx-ticker");
  if (okxTicker && !only) {
    const legacy = await Child.startWithEnv("processes/gateway-process.js", gatewayArgs(standin.url), {
      FMZ_HTTP_TRANSPORT: "node-http",
    });
    const name = "ticker via OKX adapter, axios on node:http (for comparison)";
    rows.push(await measure(name, okxTicker.target(legacy.url), s, { gateway: legacy }));
    await legacy.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  console.log(`fmz-gateway bench${s.quick ? " (quick)" : ""}: ${machineDescription()}`);
  const standin = await Child.start("processes/standin-process.js", [String(MAX_KEYS)]);
  const rows: RowResult[] = [];
  let scaling: ScaleResult[] = [];
  try {
    rows.push(...(await mainRows(standin)));
    if (!only) scaling = await scalingSuite(standin.url, s);
  } finally {
    await standin.stop();
  }
  if (only) {
    if ([...only].some((id) => id.includes(":"))) rows.push(...(await delayedSuite(s, only)));
    console.log(`\n${toMarkdown(benchReport(rows, scaling, undefined))}`);
    return;
  }
  // A suite that fails (an adapter mid-change) is reported and left out; the other rows still count.
  rows.push(...(await delayedSuite(s).catch(failed("delayed rows", []))));
  const subs = await subscriptionsSuite(s).catch(failed("1,000 subscriptions", undefined));
  if (subs) scaling.push(subs);

  const report = benchReport(rows, scaling, subs);
  const markdown = toMarkdown(report);
  console.log(`\n${markdown}\n`);
  const root = path.resolve(__dirname, "..", "..");
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${stamp}${s.quick ? "-quick" : ""}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  // A quick run is a smoke test of the bench: its figures are kept (git-ignored) but are not the latest.
  if (!s.quick) fs.writeFileSync(path.join(dir, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`figures written to ${path.relative(root, file)}`);
  if (!s.quick && !args.has("--no-readme") && (await updateReadme(path.join(root, "README.md"), markdown)))
    console.log("README.md benchmark section updated");
}

function benchReport(
  rows: RowResult[],
  scaling: ScaleResult[],
  subs: Awaited<ReturnType<typeof subscriptionsSuite>>,
): BenchReport {
  return {
    date: new Date().toISOString().slice(0, 10),
    machine: machineDescription(),
    node: process.version,
    rounds: s.rounds,
    connections: s.connections,
    rows,
    scaling,
    targets: benchTargets(rows, scaling, subs),
  };
}

function failed<T>(suite: string, instead: T): (err: unknown) => T {
  return (err) => {
    console.error(`  ${suite} failed, left out of the report:`, err);
    return instead;
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
