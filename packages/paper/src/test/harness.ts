// A real gateway on a loopback port serving paper mounts over the simulated market, each test with its
// own SQLite file, and docker-like clients. The simulated market's clock is the test's to move.
import "../index";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Dec, Gateway, type Logger, type MountConfig, silentLogger } from "@fmz-gateway/core";
import { DockerClient } from "@fmz-gateway/testkit";
import type { PaperAdapter } from "../paper-adapter";
import type { SimulatedMarket } from "../simulated/simulated-market";

/** A fixed start time (2026-06-01T00:00:00Z + 10 min): funding every 8 h, so the next is 7 h 50 min away. */
export const T0 = Date.UTC(2026, 5, 1, 0, 10);

export interface Harness {
  gateway: Gateway;
  dir: string;
  spot: DockerClient;
  swap: DockerClient;
  /** The simulated markets of SIM and SIM_SWAP, sharing one manual clock. */
  clock: { now: number };
  market(mount?: string): SimulatedMarket;
  close(): Promise<void>;
}

export async function startHarness(
  extra: Record<string, MountConfig> = {},
  options: Record<string, unknown> = {},
  logger: Logger = silentLogger(),
): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-test-"));
  const gateway = await Gateway.start({
    port: 0,
    logger,
    baseDir: dir,
    exchanges: {
      SIM: { adapter: "PAPER", options: { source: "simulated", ...options } },
      SIM_SWAP: { adapter: "PAPER", options: { source: "simulated", market: "swap", ...options } },
      ...extra,
    },
  });
  const clock = { now: T0 };
  const market = (mount = "SIM") => {
    const adapter = gateway.mounts.get(mount)?.adapter as PaperAdapter;
    if (!adapter.simulated) throw new Error(`${mount} has no simulated market`);
    return adapter.simulated;
  };
  for (const name of ["SIM", "SIM_SWAP"]) market(name).clock = () => clock.now;
  const spot = new DockerClient({
    baseUrl: gateway.url,
    exchange: "SIM",
    accessKey: "alice",
    secretKey: "any",
    timeoutMs: 10_000,
  });
  return {
    gateway,
    dir,
    spot,
    swap: spot.with({ exchange: "SIM_SWAP" }),
    clock,
    market,
    close: async () => {
      await gateway.close(1_000);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The paper exchange's mark price as a test computes it: the median of bid, ask and last, exactly. */
export function markOf(t: Record<"buy" | "sell" | "last", number | string>): Dec {
  const [a, b, c] = [t.buy, t.sell, t.last].map((x) => new Dec(x));
  return [a, b, c].sort((x, y) => x.comparedTo(y))[1];
}
