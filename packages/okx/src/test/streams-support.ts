// Shared by the streams suites: the stand-in's true state read directly over REST (marked so it can be
// told from the gateway's own requests), and waits on what the gateway reports about its streams.
import {
  type Bar,
  type Depth,
  type ServedEvent,
  type StreamSnapshot,
  type Ticker,
  toNumber,
} from "@fmz-gateway/core";
import type { Harness } from "./harness";

/** What the direct reads send as OK-ACCESS-KEY, so `gatewayMarketRequests` leaves them out. */
const TRUTH = "test-truth-read";

/** Short timings so faults heal within a test: ping after 150 ms quiet, drop 150 ms later. */
export const FAST_STREAMS = {
  streams: true,
  rateLimits: false,
  wsPingMs: 150,
  wsPongTimeoutMs: 150,
  wsReconnectMs: 20,
};

/** Polls until `cond` holds; throws after `ms` (a bound on waiting, never an assertion about speed). */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  ms = 8000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function truth<T>(h: Harness, path: string): Promise<T[]> {
  const res = await fetch(`${h.standin.url}${path}`, { headers: { "OK-ACCESS-KEY": TRUTH } });
  const body = (await res.json()) as { code: string; data: T[] };
  if (body.code !== "0") throw new Error(`stand-in ${path}: ${JSON.stringify(body)}`);
  return body.data;
}

/** The stand-in's ticker now, as FMZ fields (time left out: OKX stamps it per answer). */
export async function trueTicker(h: Harness, instId: string): Promise<Omit<Ticker, "time" | "symbol">> {
  const [t] = await truth<Record<string, string>>(h, `/api/v5/market/ticker?instId=${instId}`);
  const spot = !instId.endsWith("-SWAP");
  return {
    buy: toNumber(t.bidPx),
    sell: toNumber(t.askPx),
    high: toNumber(t.high24h),
    low: toNumber(t.low24h),
    open: toNumber(t.open24h),
    last: toNumber(t.last),
    vol: toNumber(spot ? t.vol24h : t.volCcy24h),
  };
}

export function tickerFields(t: Ticker): Omit<Ticker, "time" | "symbol"> {
  const { buy, sell, high, low, open, last, vol } = t;
  return { buy, sell, high, low, open, last, vol };
}

/** The stand-in's book now, `levels` per side, as [price, size]. */
export async function trueBook(
  h: Harness,
  instId: string,
  levels: number,
): Promise<Pick<Depth, "asks" | "bids">> {
  const [b] = await truth<{ asks: string[][]; bids: string[][] }>(
    h,
    `/api/v5/market/books?instId=${instId}&sz=${levels}`,
  );
  const lv = (r: string[]): [number, number] => [toNumber(r[0]), toNumber(r[1])];
  return { asks: b.asks.map(lv), bids: b.bids.map(lv) };
}

/** The stand-in's latest `limit` spot bars (≤ 300), oldest first, as FMZ bars. */
export async function trueBars(h: Harness, instId: string, bar: string, limit: number): Promise<Bar[]> {
  const rows = await truth<string[]>(h, `/api/v5/market/candles?instId=${instId}&bar=${bar}&limit=${limit}`);
  return rows
    .map((r): Bar => [
      Math.floor(toNumber(r[0]) / 1000),
      toNumber(r[1]),
      toNumber(r[2]),
      toNumber(r[3]),
      toNumber(r[4]),
      toNumber(r[5]),
    ])
    .reverse();
}

/** REST market-data requests the gateway made (the direct truth reads left out). */
export function gatewayMarketRequests(h: Harness): number {
  return h.standin.requests.filter((r) => r.path.startsWith("/api/v5/market/") && r.apiKey !== TRUTH).length;
}

export function streamsOf(h: Harness, mount = "OKX"): StreamSnapshot[] {
  return h.gateway.telemetry.streams(mount);
}

export function streamState(h: Harness, channel: string, key: string, mount = "OKX"): string | undefined {
  return streamsOf(h, mount).find((s) => s.channel === channel && s.key === key)?.state;
}

export async function waitLive(h: Harness, channel: string, key: string, mount = "OKX"): Promise<void> {
  await waitFor(() => streamState(h, channel, key, mount) === "live", 8000, `${channel} ${key} live`);
}

/** Records where each answer came from, per wire method. */
export function servedLog(h: Harness): ServedEvent[] {
  const log: ServedEvent[] = [];
  h.gateway.telemetry.on("served", (e) => log.push(e));
  return log;
}
