import { wireName } from "@fmz-gateway/core";
import type { LoadTarget } from "../load/throughput";
import { fmzBody } from "./keys";
import { privateStreamsOption, restOnly, streamsOption } from "./streams-support";

export type Mounts = Record<string, { adapter: string; options?: Record<string, unknown> }>;

/**
 * The mounts every bench gateway serves; exchange limiters are off so the bench measures cost, not
 * quotas, and every mount goes by REST (streams and private streams, where an adapter has them, have rows
 * of their own).
 */
export function benchExchanges(standinUrl: string, mounts = 1): Mounts {
  const okx = {
    adapter: "OKX",
    options: { baseUrl: standinUrl, rateLimits: false, ...restOnly("OKX") },
  };
  const out: Mounts = {
    NULL: { adapter: "BENCH_NULL" },
    // The paper adapter on its simulated market: an answer computed in memory, no upstream call.
    SIM: { adapter: "PAPER", options: { source: "simulated" } },
    OKX: okx,
    OKXC: {
      adapter: "ccxt",
      options: {
        exchange: "okx",
        baseUrl: standinUrl,
        ccxt: { enableRateLimit: false },
        ...restOnly("ccxt"),
      },
    },
  };
  for (let i = 1; i < mounts; i++) out[`OKX_${i}`] = okx;
  return out;
}

export interface Row {
  /** Stable handle for the targets (names are for people and may change). */
  id?: string;
  name: string;
  /** Which server the row loads: the stand-in itself (one hop), bare Express (the floor), or the gateway. */
  server: "standin" | "gateway" | "express";
  target: (url: string) => LoadTarget;
  /** Delayed rows: the mount and wire method loaded, and whether the answers should come from streams. */
  mount?: string;
  method?: string;
  fromStreams?: boolean;
}

/** The wire names the bench sends, as the docker does. */
export const TICKER = wireName("getTicker");
export const DEPTH = wireName("getDepth");
const ACCOUNTS = wireName("getAccount");

const ticker = fmzBody(TICKER, { symbol: "BTC_USDT" });
const depth = fmzBody(DEPTH, { symbol: "BTC_USDT", limit: "20" });

export const ROWS: Row[] = [
  {
    id: "standin",
    name: "stand-in called directly (one hop)",
    server: "standin",
    target: (url) => ({ url, method: "GET", paths: ["/api/v5/market/ticker?instId=BTC-USDT"] }),
  },
  {
    id: "ceiling",
    name: "gateway, no upstream call (host ceiling)",
    server: "gateway",
    target: (url) => ({ url, method: "POST", paths: ["/NULL"], bodies: [ticker] }),
  },
  {
    id: "express",
    name: "bare Express 5, fixed ticker, no upstream call (framework floor)",
    server: "express",
    target: (url) => ({ url, method: "POST", paths: ["/BTC"], bodies: [ticker] }),
  },
  {
    id: "sim-ticker",
    name: "ticker via paper adapter, simulated market (SIM, no upstream call)",
    server: "gateway",
    target: (url) => ({ url, method: "POST", paths: ["/SIM"], bodies: [ticker] }),
  },
  {
    id: "okx-ticker",
    name: "ticker via OKX adapter",
    server: "gateway",
    target: (url) => ({ url, method: "POST", paths: ["/OKX"], bodies: [ticker] }),
  },
  {
    name: "accounts (signed) via OKX adapter",
    server: "gateway",
    target: (url) => ({ url, method: "POST", paths: ["/OKX"], bodies: [fmzBody(ACCOUNTS, {})] }),
  },
  {
    name: "ticker via ccxt okx mount",
    server: "gateway",
    target: (url) => ({ url, method: "POST", paths: ["/OKXC"], bodies: [ticker] }),
  },
];

/** `keys` distinct API keys cycling through a signed call. */
export function keysTarget(url: string, keys: number): LoadTarget {
  return {
    url,
    method: "POST",
    paths: ["/OKX"],
    bodies: Array.from({ length: keys }, (_, i) => fmzBody(ACCOUNTS, {}, i)),
  };
}

/** Ticker calls spread over `mounts` OKX mounts. */
export function mountsTarget(url: string, mounts: number): LoadTarget {
  return {
    url,
    method: "POST",
    paths: Array.from({ length: mounts }, (_, i) => (i === 0 ? "/OKX" : `/OKX_${i}`)),
    bodies: [ticker],
  };
}

/** The REST delay of the stand-in behind the delayed rows: a nearby exchange's round trip. */
export const REST_DELAY_MS = 20;

/**
 * The mounts of the delayed gateway: each adapter by REST and, where it has streams, from streams, all
 * against a stand-in whose REST replies come REST_DELAY_MS late.
 */
export function delayedExchanges(standinUrl: string): Mounts {
  const out: Mounts = {
    OKX_REST: {
      adapter: "OKX",
      options: { baseUrl: standinUrl, rateLimits: false, ...restOnly("OKX") },
    },
    OKXC_REST: {
      adapter: "ccxt",
      options: {
        exchange: "okx",
        baseUrl: standinUrl,
        ccxt: { enableRateLimit: false },
        ...restOnly("ccxt"),
      },
    },
  };
  if (streamsOption("OKX", true).streams) {
    out.OKX_WS = {
      adapter: "OKX",
      options: {
        baseUrl: standinUrl,
        rateLimits: false,
        streams: true,
        ...privateStreamsOption("OKX", false),
      },
    };
  }
  if (streamsOption("ccxt", true).streams) {
    out.OKXC_WS = {
      adapter: "ccxt",
      options: {
        exchange: "okx",
        baseUrl: standinUrl,
        ccxt: { enableRateLimit: false },
        streams: true,
        ...privateStreamsOption("ccxt", false),
      },
    };
  }
  return out;
}

/** ticker and depth on every mount of the delayed gateway, named by how they are served. */
export function delayedRows(mounts: Mounts): Row[] {
  const label: Record<string, string> = {
    OKX_REST: `via OKX adapter, REST (stand-in ${REST_DELAY_MS} ms away)`,
    OKX_WS: "via OKX adapter, from streams",
    OKXC_REST: `via ccxt okx mount, REST (stand-in ${REST_DELAY_MS} ms away)`,
    OKXC_WS: "via ccxt okx mount, from streams",
  };
  return Object.keys(mounts).flatMap((mount) =>
    [TICKER, DEPTH].map((method) => ({
      id: `${method}:${mount}`,
      name: `${method} ${label[mount] ?? mount}`,
      server: "gateway" as const,
      mount,
      method,
      fromStreams: mount.endsWith("_WS"),
      target: (url: string) => ({
        url,
        method: "POST" as const,
        paths: [`/${mount}`],
        bodies: [method === TICKER ? ticker : depth],
      }),
    })),
  );
}
