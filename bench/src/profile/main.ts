import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { warmStream } from "../load/served";
import { throughput } from "../load/throughput";
import { Child } from "../processes/child";
import { REST_DELAY_MS, ROWS, type Row, TICKER, delayedExchanges, delayedRows } from "../scenarios/rows";
import { gatewayArgs } from "../suites/scaling";
import { type CpuProfile, formatSummary, summarize } from "./cpu-profile";

/**
 * `npm run profile -w bench -- ROW [--seconds N] [--connections N] [--top N]`: one bench row's load
 * against its server (the gateway; bare Express or the stand-in for their own rows) with V8's CPU
 * profiler on (the sampler of `node --cpu-prof`, started after the warm-up so start-up and JIT are not
 * counted), then where that process's CPU time went: by area and by function, per call. ROW is a row
 * of the main table (`ceiling`, `express`, `sim-ticker`, `okx-ticker` …) or a delayed row
 * (`ticker:OKX_WS`, `depth:OKXC_REST` …). Measure here before changing the hot path.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--")) flags.set(argv[i].slice(2), argv[++i] ?? "");
    else positional.push(argv[i]);
  }
  const id = positional[0];
  const seconds = Number(flags.get("seconds") ?? "10");
  const connections = Number(flags.get("connections") ?? "1");
  const delayed = delayedRows(delayedExchanges("http://127.0.0.1:1"));
  const mainRow = ROWS.find((r) => r.id === id);
  const lateRow = delayed.find((r) => r.id === id);
  const row: Row | undefined = mainRow ?? lateRow;
  if (!row) {
    const ids = [...ROWS.filter((r) => r.id), ...delayed].map((r) => r.id);
    throw new Error(`name a row: ${ids.join(", ")}`);
  }

  const standin = await Child.start(
    "processes/standin-process.js",
    mainRow ? ["1"] : ["1", String(REST_DELAY_MS)],
  );
  const args = mainRow
    ? gatewayArgs(standin.url)
    : [JSON.stringify({ exchanges: delayedExchanges(standin.url), logLevel: "info" })];
  // The row's server is the one profiled: the gateway, bare Express (the floor) or the stand-in.
  const gateway =
    row.server === "gateway"
      ? await Child.start("processes/gateway-process.js", args)
      : row.server === "express"
        ? await Child.start("processes/express-floor-process.js", [])
        : standin;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fmz-profile-")), `${id}.cpuprofile`);
  let calls = 0;
  try {
    const target = row.target(gateway.url);
    if (row.fromStreams) {
      await warmStream(gateway.url, row.mount ?? "", row.method ?? TICKER, target.bodies?.[0] ?? "");
    }
    await throughput(target, { connections, durationS: 2 }); // warm-up: JIT, pools, caches
    const stop = await gateway.profile();
    const t = await throughput(target, { connections, durationS: seconds });
    await stop(file);
    calls = t.requests;
    console.log(
      `${row.name}: ${Math.round(t.rps)} req/s at ${connections} connection(s), ${t.errors} errors`,
    );
  } finally {
    if (gateway !== standin) await gateway.stop();
    await standin.stop();
  }
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  console.log(formatSummary(summarize(profile), calls, Number(flags.get("top") ?? "30")));
  console.log(`\nprofile: ${file} (Chrome DevTools' Performance panel opens it)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
