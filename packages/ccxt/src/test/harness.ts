// A stand-in OKX and a real gateway serving it twice over loopback: through this package (`OKXC`,
// `OKXC_SWAP`: ccxt's okx) and through the hand-written adapter (`OKX`, `OKX_SWAP`), so one scripted
// docker session can run against both. Everything is closed in `close()`.
import "../index";
import "@fmz-gateway/okx";
import { Gateway, type MountConfig, silentLogger } from "@fmz-gateway/core";
import {
  DEFAULT_DEMO_CREDENTIAL,
  DEFAULT_LIVE_CREDENTIAL,
  type OkxStandin,
  type RecordedRequest,
  startOkxStandin,
} from "@fmz-gateway/okx-standin";
import { DockerClient } from "@fmz-gateway/testkit";

export const LIVE = DEFAULT_LIVE_CREDENTIAL;
export const DEMO = DEFAULT_DEMO_CREDENTIAL;
export const LIVE_SECRET_KEY = `${LIVE.secret},${LIVE.passphrase}`;
export const DEMO_SECRET_KEY = `${DEMO.secret},${DEMO.passphrase},simulate`;

/** ccxt's request timeout on the test mounts: short, so a hung request ends quickly. */
export const TIMEOUT_MS = 1500;

export interface Harness {
  standin: OkxStandin;
  gateway: Gateway;
  /** A docker-like client with the live stand-in key, on the given mount. */
  client(mount: string): DockerClient;
  requestsTo(method: string, path: string): RecordedRequest[];
  close(): Promise<void>;
}

/** Streams are off unless `options` turns them on: these suites count and fault the REST requests. */
export function ccxtMount(baseUrl: string, options: Record<string, unknown> = {}): MountConfig {
  return {
    adapter: "ccxt",
    options: { exchange: "okx", baseUrl, timeoutMs: TIMEOUT_MS, streams: false, ...options },
  };
}

/** A docker client with the stand-in's live key on `exchange` of the gateway at `url`. */
export function liveClient(url: string, exchange = "OKXC"): DockerClient {
  return new DockerClient({
    baseUrl: url,
    exchange,
    accessKey: LIVE.apiKey,
    secretKey: LIVE_SECRET_KEY,
    timeoutMs: 20_000,
  });
}

export async function startHarness(
  extra: (url: string) => Record<string, MountConfig> = () => ({}),
): Promise<Harness> {
  const standin = await startOkxStandin({ port: 0 });
  const gateway = await Gateway.start({
    port: 0,
    logger: silentLogger(),
    exchanges: {
      OKXC: ccxtMount(standin.url),
      OKXC_SWAP: ccxtMount(standin.url, { market: "swap" }),
      OKX: { adapter: "OKX", options: { baseUrl: standin.url, timeoutMs: TIMEOUT_MS } },
      OKX_SWAP: { adapter: "OKX", options: { baseUrl: standin.url, timeoutMs: TIMEOUT_MS, market: "swap" } },
      ...extra(standin.url),
    },
  });
  const base = liveClient(gateway.url);
  return {
    standin,
    gateway,
    client: (mount) => base.with({ exchange: mount }),
    requestsTo: (method, path) => standin.requests.filter((r) => r.method === method && r.path === path),
    close: async () => {
      await gateway.close(1_000);
      await standin.close();
    },
  };
}
