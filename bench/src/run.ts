import fs from "node:fs";
import path from "node:path";
import { latency } from "./load/latency";
import { type LoadTarget, throughput } from "./load/throughput";
import { Child } from "./processes/child";
import {
  type BenchReport,
  type RowResult,
  type ScaleResult,
  machineDescription,
  toMarkdown,
} from "./report/format";
import { updateReadme } from "./report/readme";
import { ROWS, benchExchanges, keysTarget, mountsTarget } from "./scenarios/rows";

/**
 * `npm run bench`: the stand-in OKX, the gateway and the load generator in three processes on one
 * machine, every row measured in the same run so the ratios compare like with like.
 *   --quick      one short round (a smoke test of the bench itself)
 *   --no-readme  do not rewrite the README's table
 */
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const ROUNDS = quick ? 1 : 3;
const DURATION_S = quick ? 1 : 3;
const LATENCY_REQUESTS = quick ? 300 : 2000;
const CONNECTIONS = 16;
const KEYS = [1, 100, 10_000];
const MB = 2 ** 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function gatewayArgs(standinUrl: string, mounts = 1): string[] {
  return [JSON.stringify({ exchanges: benchExchanges(standinUrl, mounts), logLevel: "info" })];
}

async function measure(name: string, target: LoadTarget, gateway?: Child): Promise<RowResult> {
  await throughput(target, { connections: CONNECTIONS, durationS: 1 }); // warm-up: JIT, pools, caches
  const rps: number[] = [];
  const p50: number[] = [];
  const p99: number[] = [];
  let errors = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t = await throughput(target, { connections: CONNECTIONS, durationS: DURATION_S });
    const l = await latency(target, { requests: LATENCY_REQUESTS });
    rps.push(t.rps);
    p50.push(l.p50);
    p99.push(l.p99);
    errors += t.errors + l.errors;
  }
  const row = {
    name,
    rps: median(rps),
    p50: median(p50),
    p99: median(p99),
    errors,
    rssMb: gateway ? (await gateway.rss()) / MB : undefined,
  };
  console.log(
    `  ${name}: ${Math.round(row.rps)} req/s, p50 ${row.p50.toFixed(3)} ms, p99 ${row.p99.toFixed(3)} ms, ${errors} errors`,
  );
  return row;
}

async function main(): Promise<void> {
  console.log(`fmz-gateway bench${quick ? " (quick)" : ""}: ${machineDescription()}`);
  const standin = await Child.start("processes/standin-process.js", [String(Math.max(...KEYS))]);
  const gateway = await Child.start("processes/gateway-process.js", gatewayArgs(standin.url));
  const rows: RowResult[] = [];
  const scaling: ScaleResult[] = [];
  try {
    for (const row of ROWS) {
      rows.push(
        await measure(
          row.name,
          row.target(row.server === "standin" ? standin.url : gateway.url),
          row.server === "gateway" ? gateway : undefined,
        ),
      );
    }
    const legacy = await Child.startWithEnv("processes/gateway-process.js", gatewayArgs(standin.url), {
      FMZ_HTTP_TRANSPORT: "node-http",
    });
    rows.push(
      await measure(
        "ticker via OKX adapter, axios on node:http (for comparison)",
        ROWS[2].target(legacy.url),
        legacy,
      ),
    );
    await legacy.stop();

    for (const keys of KEYS) {
      const gw = await Child.start("processes/gateway-process.js", gatewayArgs(standin.url));
      const target = keysTarget(gw.url, keys);
      const amount = Math.max(keys, 5000);
      const first = await throughput(target, { connections: CONNECTIONS, amount });
      const mem = await gw.memory();
      const second = await throughput(target, { connections: CONNECTIONS, amount });
      const mem2 = await gw.memory();
      scaling.push({
        name: `${keys.toLocaleString("en-US")} distinct API keys, signed accounts`,
        rps: second.rps,
        errors: first.errors + second.errors,
        rssMb: mem2.rss / MB,
        heapMb: mem.heapUsed / MB,
        heapSecondPassMb: mem2.heapUsed / MB,
      });
      console.log(
        `  ${keys} keys: ${Math.round(second.rps)} req/s, live heap ${(mem.heapUsed / MB).toFixed(1)} → ${(mem2.heapUsed / MB).toFixed(1)} MB`,
      );
      await gw.stop();
    }
    for (const mounts of [1, 50]) {
      const gw = await Child.start("processes/gateway-process.js", gatewayArgs(standin.url, mounts));
      const target = mountsTarget(gw.url, mounts);
      await throughput(target, { connections: CONNECTIONS, durationS: 1 });
      const rps = median(
        await sequence(ROUNDS, () =>
          throughput(target, { connections: CONNECTIONS, durationS: DURATION_S }).then((t) => t.rps),
        ),
      );
      const mem = await gw.memory();
      const rss = mem.rss / MB;
      scaling.push({
        name: `${mounts} OKX mount${mounts > 1 ? "s" : ""}, ticker spread over them`,
        rps,
        errors: 0,
        rssMb: rss,
        heapMb: mem.heapUsed / MB,
      });
      console.log(`  ${mounts} mounts: ${Math.round(rps)} req/s, RSS ${rss.toFixed(1)} MB`);
      await gw.stop();
    }
  } finally {
    await gateway.stop();
    await standin.stop();
  }

  const [floor, ceiling, okxTicker] = rows;
  const tenK = scaling.find((s) => s.name.startsWith("10,000"));
  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: machineDescription(),
    node: process.version,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    rows,
    scaling,
    targets: [
      {
        target: "ticker via the gateway ≥ 70 % of the host's ceiling (16 connections)",
        measured: `${((okxTicker.rps / ceiling.rps) * 100).toFixed(0)} %`,
        met: okxTicker.rps >= 0.7 * ceiling.rps,
      },
      {
        target: "p50 at 1 connection ≤ 0.3 ms above the stand-in called directly",
        measured: `+${(okxTicker.p50 - floor.p50).toFixed(3)} ms`,
        met: okxTicker.p50 - floor.p50 <= 0.3,
      },
      {
        target: "memory after 10,000 keys bounded, no growth on a second pass (live heap)",
        measured: tenK ? `${tenK.heapMb.toFixed(1)} → ${tenK.heapSecondPassMb?.toFixed(1)} MB` : "n/a",
        met: tenK !== undefined && (tenK.heapSecondPassMb ?? Infinity) <= tenK.heapMb * 1.05 + 1,
      },
    ],
  };
  const markdown = toMarkdown(report);
  console.log(`\n${markdown}\n`);
  const root = path.resolve(__dirname, "..", "..");
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `${new Date().toISOString().replace(/[:.]/g, "-")}${quick ? "-quick" : ""}.json`,
  );
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(path.join(dir, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`figures written to ${path.relative(root, file)}`);
  if (!quick && !args.has("--no-readme") && (await updateReadme(path.join(root, "README.md"), markdown)))
    console.log("README.md benchmark section updated");
}

async function sequence<T>(n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
