// A real gateway whose paper mounts read the OKX stand-in's market through OKX mounts, so a test moves
// the market (setTicker) and sees what the paper exchange does with it. Public data goes by REST (no
// streams), so every call sees the stand-in's market as it is at that moment.
import "../index";
import "@fmz-gateway/okx";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { createLogger, Dec, Gateway } from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { DockerClient } from "@fmz-gateway/testkit";

/** The stand-in's BTC-USDT-SWAP as the paper model prices it: BTC per contract, maintenance margin rate. */
export const BTC_SWAP = { ctVal: new Dec("0.01"), mmr: new Dec("0.005") };

/**
 * Where a long of `contracts` BTC-USDT-SWAP entered at `entry` with `margin` is liquidated, as the paper
 * README states it: where equity (M + Q (P − E)) meets maintenance (mmr Q P), P = (Q E − M) / (Q (1 − mmr)).
 */
export function longLiquidationPrice(
  contracts: Dec | string | number,
  entry: Dec | string | number,
  margin: Dec | string | number,
): Dec {
  const q = new Dec(contracts).mul(BTC_SWAP.ctVal);
  return q
    .mul(entry)
    .minus(margin)
    .div(q.mul(new Dec(1).minus(BTC_SWAP.mmr)));
}

export interface OkxSourceHarness {
  standin: OkxStandin;
  gateway: Gateway;
  dir: string;
  /** `PAPER_SWAP` (net mode) over the stand-in's swaps; `.with({exchange})` for the others. */
  swap: DockerClient;
  /** `PAPER` (spot) over the stand-in's spot market. */
  spot: DockerClient;
  /** `PAPER_HEDGE`: long/short mode over the stand-in's swaps. */
  hedge: DockerClient;
  /** Everything the gateway logged at info and above. */
  log(): string;
  /** Puts the stand-in's BTC swap's last price at `last` (bid and ask one tick either side). */
  moveSwap(last: Dec | string): void;
  close(): Promise<void>;
}

/** The OKX mounts' options: the stand-in, REST only, no keys needed for public data. */
export function okxMountOptions(baseUrl: string): Record<string, unknown> {
  return { baseUrl, timeoutMs: 3_000, streams: false, privateStreams: false };
}

export async function startOkxSource(paper: Record<string, unknown> = {}): Promise<OkxSourceHarness> {
  const standin = await startOkxStandin({ port: 0 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-okx-"));
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const okx = okxMountOptions(standin.url);
  // checkIntervalMs: the timer does not race the test's own calls for what the market did.
  const common = { checkIntervalMs: 3_600_000, ...paper };
  const gateway = await Gateway.start({
    port: 0,
    baseDir: dir,
    logger: createLogger({ level: "info", stream }),
    exchanges: {
      OKX: { adapter: "OKX", options: okx },
      OKX_SWAP: { adapter: "OKX", options: { ...okx, market: "swap" } },
      PAPER: { adapter: "PAPER", options: { ...common, source: "OKX" } },
      PAPER_SWAP: { adapter: "PAPER", options: { ...common, source: "OKX_SWAP", market: "swap" } },
      PAPER_HEDGE: {
        adapter: "PAPER",
        options: { ...common, source: "OKX_SWAP", market: "swap", positionMode: "long_short" },
      },
    },
  });
  const swap = new DockerClient({
    baseUrl: gateway.url,
    exchange: "PAPER_SWAP",
    accessKey: "paper-trader",
    secretKey: "any",
    timeoutMs: 10_000,
  });
  return {
    standin,
    gateway,
    dir,
    swap,
    spot: swap.with({ exchange: "PAPER" }),
    hedge: swap.with({ exchange: "PAPER_HEDGE" }),
    log: () => lines.join(""),
    moveSwap: (last) => standin.setTicker("BTC-USDT-SWAP", { last: new Dec(last).toFixed() }),
    close: async () => {
      await gateway.close(1_000);
      await standin.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
