import { throughput } from "../load/throughput";
import { Child } from "../processes/child";
import type { ScaleResult } from "../report/format";
import { benchExchanges, keysTarget, mountsTarget } from "../scenarios/rows";
import { type BenchSettings, MB, median } from "../settings";

const KEYS = [1, 100, 10_000];
/** API keys the stand-in must know for the scaling rows. */
export const MAX_KEYS = Math.max(...KEYS);

export function gatewayArgs(standinUrl: string, mounts = 1): string[] {
  return [JSON.stringify({ exchanges: benchExchanges(standinUrl, mounts), logLevel: "info" })];
}

/** 1, 100 and 10,000 distinct API keys on signed calls, then 1 vs 50 mounts, each on a fresh gateway. */
export async function scalingSuite(standinUrl: string, s: BenchSettings): Promise<ScaleResult[]> {
  const scaling: ScaleResult[] = [];
  for (const keys of KEYS) {
    const gw = await Child.start("processes/gateway-process.js", gatewayArgs(standinUrl));
    const target = keysTarget(gw.url, keys);
    const amount = Math.max(keys, 5000);
    const first = await throughput(target, { connections: s.connections, amount });
    const mem = await gw.memory();
    const second = await throughput(target, { connections: s.connections, amount });
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
    const gw = await Child.start("processes/gateway-process.js", gatewayArgs(standinUrl, mounts));
    const target = mountsTarget(gw.url, mounts);
    await throughput(target, { connections: s.connections, durationS: 1 });
    const rps: number[] = [];
    for (let r = 0; r < s.rounds; r++) {
      rps.push((await throughput(target, { connections: s.connections, durationS: s.durationS })).rps);
    }
    const mem = await gw.memory();
    const rss = mem.rss / MB;
    scaling.push({
      name: `${mounts} OKX mount${mounts > 1 ? "s" : ""}, ticker spread over them`,
      rps: median(rps),
      errors: 0,
      rssMb: rss,
      heapMb: mem.heapUsed / MB,
    });
    console.log(`  ${mounts} mounts: ${Math.round(median(rps))} req/s, RSS ${rss.toFixed(1)} MB`);
    await gw.stop();
  }
  return scaling;
}
