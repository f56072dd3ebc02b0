// The two mounts the stream suites run on, both against the OKX stand-in: the hand-written OKX adapter and
// this package's ccxt okx. A suite is written once against `StreamMount`, which says how each names its
// streams and where the two differ as a user sees them; `startStreamHarness` serves one of them.
import "../index";
import "@fmz-gateway/okx";
import { Gateway, type Logger, type MountConfig, silentLogger } from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import type { DockerClient } from "@fmz-gateway/testkit";
import { TIMEOUT_MS, ccxtMount, liveClient } from "./harness";

export interface StreamMount {
  /** For test names: which adapter this is. */
  readonly label: string;
  /** The spot mount with streams; `<name>_SWAP` is the swap one and `<name>_REST` spot without streams. */
  readonly name: string;
  /** The mount config of this adapter on the stand-in at `standinUrl`, streams on with short timings. */
  config(standinUrl: string, options: Record<string, unknown>): MountConfig;
  /** The stream cache's channel names (a bounded label): OKX's channels, or ccxt.pro's `watch…` methods. */
  readonly channels: { readonly ticker: string; readonly book: string; readonly trades: string };
  /** The stream key of an instrument (`BTC-USDT`, `ETH-USDT-SWAP`) on this adapter. */
  key(instId: string): string;
  /** The channel and key of an instrument's 1-minute bars. */
  minuteBars(instId: string): readonly [string, string];
  /** Levels `depth` without a limit answers (what this adapter asks REST for without one). */
  readonly depthWithoutLimit: number;
  /** A `records` limit beyond what a candle stream holds, which this adapter pages in from REST. */
  readonly deepBars: number;
  /** Whether the last stream released closes the socket under it (ccxt keeps its connection open). */
  readonly closesIdleSocket: boolean;
  /** How the debug log says why a stream went down when the stand-in drops every socket. */
  readonly droppedReason: RegExp;
}

/**
 * Short timings so faults heal within a test: ping after 500 ms quiet, drop 1 s later. Not shorter: the
 * stand-in shares the test's process, and on a loaded machine a pause of a few hundred ms in that one
 * event loop would drop a healthy socket.
 */
const OKX_FAST = {
  streams: true,
  rateLimits: false,
  wsPingMs: 500,
  wsPongTimeoutMs: 1000,
  wsReconnectMs: 20,
};

/** The same for ccxt: it pings every 500 ms, a socket quiet 1.5 s is dropped. */
const CCXT_FAST = {
  streams: true,
  wsKeepaliveMs: 1500,
  wsReconnectMs: 20,
  ccxt: { enableRateLimit: false },
};

/** `BTC-USDT` → `BTC/USDT`; `ETH-USDT-SWAP` → `ETH/USDT:USDT` (ccxt's unified symbols). */
function unifiedSymbol(instId: string): string {
  const [base, quote, kind] = instId.split("-");
  return kind === "SWAP" ? `${base}/${quote}:${quote}` : `${base}/${quote}`;
}

export const OKX_ADAPTER: StreamMount = {
  label: "hand-written OKX adapter",
  name: "OKX",
  config: (standinUrl, options) => ({
    adapter: "OKX",
    options: { baseUrl: standinUrl, timeoutMs: TIMEOUT_MS, ...OKX_FAST, ...options },
  }),
  channels: { ticker: "tickers", book: "books", trades: "trades" },
  key: (instId) => instId,
  minuteBars: (instId) => ["candle1m", instId],
  depthWithoutLimit: 20,
  deepBars: 2000,
  closesIdleSocket: true,
  droppedReason: /websocket .+/,
};

export const CCXT_OKX: StreamMount = {
  label: "ccxt okx",
  name: "OKXC",
  config: (standinUrl, options) =>
    ccxtMount(standinUrl, { wsUrl: standinUrl.replace(/^http/, "ws"), ...CCXT_FAST, ...options }),
  channels: { ticker: "watchTicker", book: "watchOrderBook", trades: "watchTrades" },
  key: unifiedSymbol,
  minuteBars: (instId) => ["watchOHLCV", `${unifiedSymbol(instId)} 1m`],
  // ccxt's okx asks `market/books` for 100 levels without a limit, and the stream answers as many.
  depthWithoutLimit: 100,
  deepBars: 500,
  closesIdleSocket: false,
  droppedReason: /NetworkError: .*; retry in \d+ ms/,
};

/** Every mount the shared stream suites run on. */
export const STREAM_MOUNTS: readonly StreamMount[] = [OKX_ADAPTER, CCXT_OKX];

export interface StreamHarness {
  standin: OkxStandin;
  gateway: Gateway;
  /** The spot mount with streams, with the live stand-in key. */
  spot: DockerClient;
  /** The same mount without streams: what REST answers, to compare with. */
  rest: DockerClient;
  close(): Promise<void>;
}

/**
 * A stand-in of its own and a gateway serving `m` on it three times: `<name>` (spot, streams on),
 * `<name>_SWAP` (swap, streams on) and `<name>_REST` (spot, streams off). `mountOptions` go to all three.
 */
export async function startStreamHarness(
  m: StreamMount,
  mountOptions: Record<string, unknown> = {},
  logger?: Logger,
): Promise<StreamHarness> {
  const standin = await startOkxStandin({ port: 0, enforceRateLimits: false });
  const gateway = await Gateway.start({
    port: 0,
    logger: logger ?? silentLogger(),
    exchanges: {
      [m.name]: m.config(standin.url, mountOptions),
      [`${m.name}_SWAP`]: m.config(standin.url, { ...mountOptions, market: "swap" }),
      [`${m.name}_REST`]: m.config(standin.url, { ...mountOptions, streams: false }),
    },
  });
  const spot = liveClient(gateway.url, m.name);
  return {
    standin,
    gateway,
    spot,
    rest: spot.with({ exchange: `${m.name}_REST` }),
    close: async () => {
      await gateway.close(1_000);
      await standin.close();
    },
  };
}
