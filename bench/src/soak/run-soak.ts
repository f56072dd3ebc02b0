import http from "node:http";
import { startOkxStandin } from "@fmz-gateway/okx-standin";
import { Child } from "../processes/child";
import { machineDescription } from "../report/format";
import { accountOrders, type Check, type OrderAccount, soakChecks } from "./checks";
import { SoakClient } from "./client";
import { type SoakConfig, windowStartS } from "./config";
import { soakCredential } from "./credentials";
import { FaultInjector } from "./fault-injector";
import { MOUNTS, soakExchanges } from "./gateway-config";
import { OutputScanner } from "./output-scan";
import { type PageScan, scanPages } from "./page-scan";
import { type Sample, Sampler } from "./sampler";
import { SoakStats } from "./stats";

export interface SoakReport {
  config: SoakConfig;
  startedAt: string;
  machine: string;
  node: string;
  checks: Check[];
  passed: boolean;
  account: OrderAccount;
  samples: Sample[];
  windowFromS: number;
  /** Per mount and "all": client-side milliseconds. */
  latencyMs: Record<string, { p50: number; p99: number; max: number }>;
  callsPerSecond: number;
  errorKinds: Array<[string, number]>;
  failureSamples: string[];
  logWarnings: string[];
  faults: Record<string, number>;
}

/**
 * One soak run: the stand-in (here, so its faults and orders can be read directly), the gateway in its
 * own process (so its memory and descriptors are its own), and the docker-like clients here.
 */
export async function runSoak(
  cfg: SoakConfig,
  log: (line: string) => void = () => undefined,
): Promise<SoakReport> {
  const credentials = Array.from({ length: cfg.clients }, (_, i) => soakCredential(i));
  const standin = await startOkxStandin({ port: 0, enforceRateLimits: false, credentials });
  const output = new OutputScanner();
  const gatewayArgs = {
    exchanges: soakExchanges(standin.url, cfg),
    logLevel: "info",
    logTo: "stdout",
    callTimeoutMs: cfg.callTimeoutMs,
  };
  const gateway = await Child.startWithEnv(
    "processes/gateway-process.js",
    [JSON.stringify(gatewayArgs)],
    {},
    {
      onOutput: output.feed,
    },
  );
  let stopping = false;
  let exitedWith: number | null | undefined;
  void gateway.exited().then((code) => {
    if (!stopping) exitedWith = code;
  });

  const stats = new SoakStats();
  const faults = new FaultInjector(standin, cfg.faultRate, cfg.httpTimeoutMs);
  const sampler = new Sampler(gateway);
  const deadlineMs = cfg.callTimeoutMs + 1_500;
  const clients = credentials.map(
    (c, i) =>
      new SoakClient(MOUNTS[i % MOUNTS.length] ?? "OKX", gateway.url, c, stats, deadlineMs, cfg.thinkMs),
  );
  const started = Date.now();
  const stopAt = started + cfg.seconds * 1000;
  log(`soak: ${cfg.clients} clients on ${MOUNTS.map((m) => `/${m}`).join(" and ")} for ${cfg.seconds} s`);
  const progress = setInterval(() => {
    const last = sampler.samples.at(-1);
    log(
      `  ${Math.round((Date.now() - started) / 1000)} s: ${stats.calls} calls, ${stats.failures} failures` +
        (last ? `, RSS ${last.rssMb.toFixed(1)} MB, heap ${last.heapMb.toFixed(1)} MB, ${last.fds} fds` : ""),
    );
  }, 30_000);

  faults.start();
  sampler.start(cfg.sampleEveryMs);
  await Promise.all(clients.map((c) => c.run(stopAt)));
  const elapsedS = (Date.now() - started) / 1000;
  clearInterval(progress);
  faults.stop();
  await sampler.stop();

  const health = exitedWith === undefined ? await healthOf(gateway.url) : "process exited";
  const stayedUp = exitedWith === undefined && health === "ok";
  const pages: PageScan = stayedUp
    ? await scanPages(gateway.url)
    : { bytes: 0, leaks: [], unreadable: ["the gateway was not up"] };
  const account = accountOrders(standin.orders(), stats, faults);
  stopping = true;
  await gateway.stop();
  await standin.close();
  output.end();

  const windowFromS = windowStartS(cfg.seconds);
  const checks = soakChecks({
    stayedUp,
    upDetail: exitedWith === undefined ? `/health: ${health}` : `exited with code ${String(exitedWith)}`,
    stats,
    account,
    samples: sampler.samples,
    windowFromS,
    output,
    pages,
    faults,
  });
  const latencyMs: SoakReport["latencyMs"] = {};
  for (const [mount, xs] of [["all", [...stats.latencies.values()].flat()] as const, ...stats.latencies]) {
    const sorted = [...xs].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    latencyMs[mount] = { p50: q(0.5), p99: q(0.99), max: sorted.at(-1) ?? NaN };
  }
  return {
    config: cfg,
    startedAt: new Date(started).toISOString(),
    machine: machineDescription(),
    node: process.version,
    checks,
    passed: checks.every((c) => c.pass),
    account,
    samples: sampler.samples,
    windowFromS,
    latencyMs,
    callsPerSecond: stats.calls / elapsedS,
    errorKinds: [...stats.errorKinds].sort((a, b) => b[1] - a[1]).slice(0, 25),
    failureSamples: [...stats.failureSamples, ...account.unacknowledged.slice(0, 10)],
    logWarnings: output.warnSamples,
    faults: Object.fromEntries(faults.hits),
  };
}

function healthOf(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/health`, { timeout: 5_000 }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => {
        try {
          resolve((JSON.parse(text) as { status?: string }).status ?? text.slice(0, 80));
        } catch {
          resolve(`not JSON: ${text.slice(0, 80)}`);
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error("no answer in 5 s")));
    req.on("error", (err) => resolve(err.message));
  });
}
