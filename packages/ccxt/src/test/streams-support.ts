// Shared by the ccxt streams suites: a real gateway with ccxt `okx` mounts pointed at the stand-in's REST
// (`baseUrl`) and websocket (`wsUrl`), the stand-in's true state read directly over REST (marked so it
// can be told from the gateway's own requests), and waits on what the gateway reports about its streams.
import "../index";
import {
  type Bar,
  Gateway,
  type Logger,
  type ServedEvent,
  type StreamSnapshot,
  type Ticker,
  silentLogger,
  toNumber,
} from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { DockerClient } from "@fmz-gateway/testkit";
import { LIVE, LIVE_SECRET_KEY, ccxtMount } from "./harness";

/** What the direct reads send as OK-ACCESS-KEY, so `gatewayMarketRequests` leaves them out. */
const TRUTH = "test-truth-read";

/** Short timings so faults heal within a test: ccxt pings every 200 ms, a socket quiet 600 ms is dropped. */
export const FAST_STREAMS = {
  streams: true,
  wsKeepaliveMs: 600,
  wsReconnectMs: 20,
  ccxt: { enableRateLimit: false },
};

export interface StreamHarness {
  standin: OkxStandin;
  gateway: Gateway;
  /** The spot mount (`/OKXC`) with the live stand-in key. */
  spot: DockerClient;
  close(): Promise<void>;
}

/**
 * The stand-in and a gateway with `OKXC` (spot) and `OKXC_SWAP`, streams on with `FAST_STREAMS`, and
 * `OKXC_REST`, the spot mount with streams off.
 */
export async function startStreamHarness(
  mountOptions: Record<string, unknown> = {},
  logger?: Logger,
): Promise<StreamHarness> {
  const standin = await startOkxStandin({ port: 0, enforceRateLimits: false });
  const wsUrl = standin.url.replace(/^http/, "ws");
  const options = { wsUrl, ...FAST_STREAMS, ...mountOptions };
  const gateway = await Gateway.start({
    port: 0,
    logger: logger ?? silentLogger(),
    exchanges: {
      OKXC: ccxtMount(standin.url, options),
      OKXC_SWAP: ccxtMount(standin.url, { ...options, market: "swap" }),
      // The same exchange without streams: what REST answers, to compare with.
      OKXC_REST: ccxtMount(standin.url, { ...options, streams: false }),
    },
  });
  const spot = new DockerClient({
    baseUrl: gateway.url,
    exchange: "OKXC",
    accessKey: LIVE.apiKey,
    secretKey: LIVE_SECRET_KEY,
    timeoutMs: 20_000,
  });
  return {
    standin,
    gateway,
    spot,
    close: async () => {
      await gateway.close(1_000);
      await standin.close();
    },
  };
}

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

async function truth<T>(h: StreamHarness, path: string): Promise<T[]> {
  const res = await fetch(`${h.standin.url}${path}`, { headers: { "OK-ACCESS-KEY": TRUTH } });
  const body = (await res.json()) as { code: string; data: T[] };
  if (body.code !== "0") throw new Error(`stand-in ${path}: ${JSON.stringify(body)}`);
  return body.data;
}

/** The stand-in's spot ticker now, as the ccxt bridge maps it (time left out: OKX stamps it per answer). */
export async function trueTicker(h: StreamHarness, instId: string): Promise<Omit<Ticker, "time" | "symbol">> {
  const [t] = await truth<Record<string, string>>(h, `/api/v5/market/ticker?instId=${instId}`);
  return {
    buy: toNumber(t.bidPx),
    sell: toNumber(t.askPx),
    high: toNumber(t.high24h),
    low: toNumber(t.low24h),
    open: toNumber(t.open24h),
    last: toNumber(t.last),
    vol: toNumber(t.vol24h),
  };
}

export function tickerFields(t: Ticker): Omit<Ticker, "time" | "symbol"> {
  const { buy, sell, high, low, open, last, vol } = t;
  return { buy, sell, high, low, open, last, vol };
}

/** The stand-in's book now, `levels` per side, as [price, size]. */
export async function trueBook(
  h: StreamHarness,
  instId: string,
  levels: number,
): Promise<{ asks: [number, number][]; bids: [number, number][] }> {
  const [b] = await truth<{ asks: string[][]; bids: string[][] }>(
    h,
    `/api/v5/market/books?instId=${instId}&sz=${levels}`,
  );
  const lv = (r: string[]): [number, number] => [toNumber(r[0]), toNumber(r[1])];
  return { asks: b.asks.map(lv), bids: b.bids.map(lv) };
}

/** The stand-in's latest `limit` spot bars (≤ 300), oldest first, as FMZ bars. */
export async function trueBars(h: StreamHarness, instId: string, bar: string, limit: number): Promise<Bar[]> {
  const rows = await truth<string[]>(h, `/api/v5/market/candles?instId=${instId}&bar=${bar}&limit=${limit}`);
  return rows
    .map((r): Bar => [
      toNumber(r[0]) / 1000,
      toNumber(r[1]),
      toNumber(r[2]),
      toNumber(r[3]),
      toNumber(r[4]),
      toNumber(r[5]),
    ])
    .reverse();
}

/** The stand-in's latest trade ids, oldest first. */
export async function trueTradeIds(h: StreamHarness, instId: string, limit = 100): Promise<string[]> {
  const rows = await truth<{ tradeId: string }>(h, `/api/v5/market/trades?instId=${instId}&limit=${limit}`);
  return rows.map((t) => t.tradeId).reverse();
}

/** REST market-data requests the gateway made (the direct truth reads left out). */
export function gatewayMarketRequests(h: StreamHarness): number {
  return h.standin.requests.filter((r) => r.path.startsWith("/api/v5/market/") && r.apiKey !== TRUTH).length;
}

export function streamsOf(h: StreamHarness, mount = "OKXC"): StreamSnapshot[] {
  return h.gateway.telemetry.streams(mount);
}

export function streamState(
  h: StreamHarness,
  channel: string,
  key: string,
  mount = "OKXC",
): string | undefined {
  return streamsOf(h, mount).find((s) => s.channel === channel && s.key === key)?.state;
}

export async function waitLive(
  h: StreamHarness,
  channel: string,
  key: string,
  mount = "OKXC",
): Promise<void> {
  await waitFor(() => streamState(h, channel, key, mount) === "live", 8000, `${channel} ${key} live`);
}

/** Records where each answer came from, per wire method. */
export function servedLog(h: StreamHarness): ServedEvent[] {
  const log: ServedEvent[] = [];
  h.gateway.telemetry.on("served", (e) => log.push(e));
  return log;
}

/** The stand-in's websocket subscriptions of one channel, as instIds. */
export function subscribed(h: StreamHarness, channel: string): string[] {
  return h.standin.ws
    .subscriptions()
    .filter((s) => s.channel === channel)
    .map((s) => s.instId)
    .sort();
}
