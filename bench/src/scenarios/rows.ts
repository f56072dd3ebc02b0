import type { LoadTarget } from "../load/throughput";
import { fmzBody } from "./keys";

/** The mounts every bench gateway serves; exchange limiters are off so the bench measures cost, not quotas. */
export function benchExchanges(
  standinUrl: string,
  mounts = 1,
): Record<string, { adapter: string; options?: Record<string, unknown> }> {
  const okx = { adapter: "OKX", options: { baseUrl: standinUrl, rateLimits: false } };
  const out: Record<string, { adapter: string; options?: Record<string, unknown> }> = {
    NULL: { adapter: "BENCH_NULL" },
    OKX: okx,
    OKXC: {
      adapter: "ccxt",
      options: { exchange: "okx", baseUrl: standinUrl, ccxt: { enableRateLimit: false } },
    },
  };
  for (let i = 1; i < mounts; i++) out[`OKX_${i}`] = okx;
  return out;
}

export interface Row {
  name: string;
  /** Which server the row loads: the stand-in itself (the floor) or the gateway. */
  server: "standin" | "gateway";
  target: (url: string) => LoadTarget;
}

const ticker = fmzBody("ticker", { symbol: "BTC_USDT" });

export const ROWS: Row[] = [
  {
    name: "stand-in called directly (floor)",
    server: "standin",
    target: (url) => ({ url, method: "GET", paths: ["/api/v5/market/ticker?instId=BTC-USDT"] }),
  },
  {
    name: "gateway, no upstream call (host ceiling)",
    server: "gateway",
    target: (url) => ({ url, method: "POST", paths: ["/NULL"], bodies: [ticker] }),
  },
  {
    name: "ticker via OKX adapter",
    server: "gateway",
    target: (url) => ({ url, method: "POST", paths: ["/OKX"], bodies: [ticker] }),
  },
  {
    name: "accounts (signed) via OKX adapter",
    server: "gateway",
    target: (url) => ({ url, method: "POST", paths: ["/OKX"], bodies: [fmzBody("accounts", {})] }),
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
    bodies: Array.from({ length: keys }, (_, i) => fmzBody("accounts", {}, i)),
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
