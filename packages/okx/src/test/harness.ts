// Shared set-up for the tests: a stand-in OKX, a real gateway serving a spot and a swap mount of this
// adapter over loopback, and docker-like clients. Everything is closed in `close()`.
import "../index";
import { Gateway, type Logger, silentLogger } from "@fmz-gateway/core";
import {
  DEFAULT_DEMO_CREDENTIAL,
  DEFAULT_LIVE_CREDENTIAL,
  type OkxStandin,
  type RecordedRequest,
  type StandinOptions,
  startOkxStandin,
} from "@fmz-gateway/okx-standin";
import { DockerClient } from "@fmz-gateway/testkit";

export const LIVE = DEFAULT_LIVE_CREDENTIAL;
export const DEMO = DEFAULT_DEMO_CREDENTIAL;
export const LIVE_SECRET_KEY = `${LIVE.secret},${LIVE.passphrase}`;
export const DEMO_SECRET_KEY = `${DEMO.secret},${DEMO.passphrase},simulate`;

/** HTTP timeout of the test mounts: short, so the hang faults end quickly. */
export const TIMEOUT_MS = 1500;

export interface Harness {
  standin: OkxStandin;
  gateway: Gateway;
  /** The spot mount (`/OKX`) with the live stand-in key. */
  spot: DockerClient;
  /** The swap mount (`/OKX_SWAP`) with the live stand-in key. */
  swap: DockerClient;
  /** Requests the stand-in received for one endpoint (method and path). */
  requestsTo(method: string, path: string): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Streams, public and private, are off unless `mountOptions` turns them on: the REST suites inspect and
 * count the REST requests each call makes, which a stream answering instead would change.
 * streams*.test.ts and private-streams*.test.ts turn them on.
 */
export async function startHarness(
  standinOptions: StandinOptions = {},
  logger?: Logger,
  mountOptions: Record<string, unknown> = {},
): Promise<Harness> {
  const standin = await startOkxStandin({ port: 0, ...standinOptions });
  const common = {
    baseUrl: standin.url,
    timeoutMs: TIMEOUT_MS,
    streams: false,
    privateStreams: false,
    ...mountOptions,
  };
  const gateway = await Gateway.start({
    port: 0,
    logger: logger ?? silentLogger(),
    exchanges: {
      OKX: { adapter: "OKX", options: common },
      OKX_SWAP: { adapter: "OKX", options: { ...common, market: "swap" } },
    },
  });
  const spot = new DockerClient({
    baseUrl: gateway.url,
    exchange: "OKX",
    accessKey: LIVE.apiKey,
    secretKey: LIVE_SECRET_KEY,
    timeoutMs: 20_000,
  });
  return {
    standin,
    gateway,
    spot,
    swap: spot.with({ exchange: "OKX_SWAP" }),
    requestsTo: (method, path) => standin.requests.filter((r) => r.method === method && r.path === path),
    close: async () => {
      await gateway.close(1_000);
      await standin.close();
    },
  };
}

/** The JSON body of a recorded request. */
export function bodyOf(r: RecordedRequest | undefined): Record<string, unknown> {
  if (!r) throw new Error("no such request was recorded");
  return JSON.parse(r.body) as Record<string, unknown>;
}
