// What the private-stream suites share: a stand-in OKX and one gateway serving each market twice, once
// by REST alone (`OKX`, `OKX_SWAP`: the truth to compare with, and a trader "outside" the streamed
// mounts) and once from private streams (`OKX_PS`, `OKX_SWAP_PS`), with short keepalive timings.
import "../index";
import { accountScope, Gateway, parseCredentials } from "@fmz-gateway/core";
import {
  type OkxStandin,
  type RecordedRequest,
  type StandinCredential,
  type StandinOptions,
  startOkxStandin,
} from "@fmz-gateway/okx-standin";
import { type CapturedLog, captureLog, gatewayStreams, waitFor } from "@fmz-gateway/okx-standin/test-support";
import { DockerClient } from "@fmz-gateway/testkit";
import winston from "winston";
import { LIVE, LIVE_SECRET_KEY } from "./harness";

/** Private REST reads the streams replace: what "no private REST request" counts. */
const PRIVATE_READS = new Set([
  "/api/v5/account/balance",
  "/api/v5/account/positions",
  "/api/v5/trade/orders-pending",
  "/api/v5/trade/order",
]);

/** Keepalive short enough for a silent socket to be noticed within a test; reconciliation off unless asked. */
export const PRIVATE_FAST = {
  privateStreams: true,
  streams: false,
  rateLimits: false,
  wsPingMs: 500,
  wsPongTimeoutMs: 1000,
  wsReconnectMs: 20,
  reconcileMs: 0,
};

export interface Mounts<T> {
  spot: T;
  swap: T;
}

export interface PrivateHarness {
  standin: OkxStandin;
  gateway: Gateway;
  /** REST-only mounts with the live key: the truth, and a trader outside the streamed mounts. */
  rest: Mounts<DockerClient>;
  /** The same key on mounts served from private streams. */
  ps: Mounts<DockerClient>;
  log: CapturedLog;
  /** A mark in the stand-in's request log; `privateReadsSince(mark)` lists what came after it. */
  mark(): number;
  privateReadsSince(mark: number, apiKey?: string): RecordedRequest[];
  /** How the status page shows an account's private stream (`key:1a2b3c4d`). */
  shownKey(apiKey: string, secretKey: string): string;
  /** Waits until the account's private stream on `mount` is live, asking `accounts` to open it. */
  waitPrivateLive(client: DockerClient): Promise<void>;
  privateState(client: DockerClient): string | undefined;
  close(): Promise<void>;
}

export async function startPrivateHarness(
  opts: { standin?: StandinOptions; mountOptions?: Record<string, unknown> } = {},
): Promise<PrivateHarness> {
  const standin = await startOkxStandin({ port: 0, enforceRateLimits: false, ...opts.standin });
  const log = captureLog();
  const logger = winston.createLogger({
    level: "debug",
    transports: [new winston.transports.Stream({ stream: log.stream })],
  });
  const common = { baseUrl: standin.url, timeoutMs: 3000 };
  const streamed = { ...common, ...PRIVATE_FAST, ...opts.mountOptions };
  const restOnly = { ...common, streams: false, privateStreams: false, rateLimits: false };
  const gateway = await Gateway.start({
    port: 0,
    logger,
    exchanges: {
      OKX: { adapter: "OKX", options: restOnly },
      OKX_SWAP: { adapter: "OKX", options: { ...restOnly, market: "swap" } },
      OKX_PS: { adapter: "OKX", options: streamed },
      OKX_SWAP_PS: { adapter: "OKX", options: { ...streamed, market: "swap" } },
    },
  });
  const client = (exchange: string) =>
    new DockerClient({
      baseUrl: gateway.url,
      exchange,
      accessKey: LIVE.apiKey,
      secretKey: LIVE_SECRET_KEY,
      timeoutMs: 20_000,
    });
  const shownKey = (apiKey: string, secretKey: string) =>
    accountScope(parseCredentials(apiKey, secretKey)).shown;
  const privateState = (c: DockerClient) =>
    gatewayStreams(() => gateway.telemetry, c.opts.exchange).streamState(
      "private",
      shownKey(c.opts.accessKey ?? "", c.opts.secretKey ?? ""),
    );
  return {
    standin,
    gateway,
    rest: { spot: client("OKX"), swap: client("OKX_SWAP") },
    ps: { spot: client("OKX_PS"), swap: client("OKX_SWAP_PS") },
    log,
    mark: () => standin.requests.length,
    privateReadsSince: (mark, apiKey = LIVE.apiKey) =>
      standin.requests
        .slice(mark)
        .filter((r) => r.method === "GET" && PRIVATE_READS.has(r.path) && r.apiKey === apiKey),
    shownKey,
    privateState,
    waitPrivateLive: (c) =>
      waitFor(
        async () => {
          await c.call("accounts");
          return privateState(c) === "live";
        },
        8000,
        `${c.opts.exchange}'s private stream live`,
      ),
    close: async () => {
      await gateway.close(1_000);
      await standin.close();
    },
  };
}

/** The Secret Key FMZ sends for a stand-in credential. */
export function secretKeyOf(c: StandinCredential): string {
  return `${c.secret},${c.passphrase}`;
}
