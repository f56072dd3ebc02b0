// The stand-in's true state, read straight from its REST API and converted to FMZ fields, for tests that
// check a gateway's answers against it. Each read carries TRUTH_KEY as its OK-ACCESS-KEY, so counting the
// gateway's own market-data requests (`gatewayMarketRequests`) leaves these reads out.
import type { RecordedRequest } from "../types";
import { type FmzBar, type FmzBook, type FmzLevel, type FmzTickerFields, fmzNumber } from "./fmz-fields";

export const TRUTH_KEY = "test-truth-read";

async function readTruth<T>(standinUrl: string, path: string): Promise<T[]> {
  const res = await fetch(`${standinUrl}${path}`, { headers: { "OK-ACCESS-KEY": TRUTH_KEY } });
  const body = (await res.json()) as { code: string; data: T[] };
  if (body.code !== "0") throw new Error(`stand-in ${path}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Which OKX ticker field is FMZ's `vol`. */
export type VolumeField = "vol24h" | "volCcy24h";

/** OKX's base-currency volume: `vol24h` on spot; on swaps `vol24h` counts contracts, `volCcy24h` coins. */
export function baseVolumeField(instId: string): VolumeField {
  return instId.endsWith("-SWAP") ? "volCcy24h" : "vol24h";
}

/**
 * The stand-in's ticker now, as FMZ fields. `volumeField` picks the field an adapter maps to `vol`
 * (default: the base-currency one).
 */
export async function trueTicker(
  standinUrl: string,
  instId: string,
  volumeField: VolumeField = baseVolumeField(instId),
): Promise<FmzTickerFields> {
  const [t] = await readTruth<Record<string, string>>(standinUrl, `/api/v5/market/ticker?instId=${instId}`);
  return {
    buy: fmzNumber(t.bidPx),
    sell: fmzNumber(t.askPx),
    high: fmzNumber(t.high24h),
    low: fmzNumber(t.low24h),
    open: fmzNumber(t.open24h),
    last: fmzNumber(t.last),
    vol: fmzNumber(t[volumeField]),
  };
}

/** The stand-in's book now, `levels` per side, as [price, size]. */
export async function trueBook(standinUrl: string, instId: string, levels: number): Promise<FmzBook> {
  const [b] = await readTruth<{ asks: string[][]; bids: string[][] }>(
    standinUrl,
    `/api/v5/market/books?instId=${instId}&sz=${levels}`,
  );
  const level = (r: string[]): FmzLevel => [fmzNumber(r[0]), fmzNumber(r[1])];
  return { asks: b.asks.map(level), bids: b.bids.map(level) };
}

/** The stand-in's latest `limit` bars (≤ 300), oldest first, as FMZ bars (time in seconds). */
export async function trueBars(
  standinUrl: string,
  instId: string,
  bar: string,
  limit: number,
): Promise<FmzBar[]> {
  const rows = await readTruth<string[]>(
    standinUrl,
    `/api/v5/market/candles?instId=${instId}&bar=${bar}&limit=${limit}`,
  );
  return rows
    .map((r): FmzBar => [
      Math.floor(fmzNumber(r[0]) / 1000),
      fmzNumber(r[1]),
      fmzNumber(r[2]),
      fmzNumber(r[3]),
      fmzNumber(r[4]),
      fmzNumber(r[5]),
    ])
    .reverse();
}

/** The stand-in's latest trade ids, oldest first. */
export async function trueTradeIds(standinUrl: string, instId: string, limit = 100): Promise<string[]> {
  const rows = await readTruth<{ tradeId: string }>(
    standinUrl,
    `/api/v5/market/trades?instId=${instId}&limit=${limit}`,
  );
  return rows.map((t) => t.tradeId).reverse();
}

const gatewayMarket = (requests: readonly RecordedRequest[]) =>
  requests.filter((r) => r.path.startsWith("/api/v5/market/") && r.apiKey !== TRUTH_KEY);

/** REST market-data requests among the stand-in's recorded ones, the truth reads left out. */
export function gatewayMarketRequests(requests: readonly RecordedRequest[]): number {
  return gatewayMarket(requests).length;
}

/** The gateway's REST market-data requests after a warm-up, split by whether a stream could have answered. */
export interface RestAfterWarmup {
  /** Requests a live stream should have made unnecessary: `METHOD path?query`. */
  readonly unexpected: string[];
  /** Minute-bar requests in the first `graceMs` of a minute, which the gateway rightly sends by REST. */
  readonly atMinuteTurn: number;
}

/**
 * The gateway's REST market-data requests since it had made `before` of them (a `gatewayMarketRequests`
 * count). A bar request that arrived within `graceMs` after a minute began is set apart: the newest bar a
 * stream holds has then ended, and until the push of its successor lands the stream cannot know the new
 * bar, so the gateway asks REST. How long that push takes depends on the machine, hence the margin.
 */
export function restMarketRequestsSince(
  requests: readonly RecordedRequest[],
  before: number,
  graceMs = 5000,
): RestAfterWarmup {
  const since = gatewayMarket(requests).slice(before);
  const atTurn = (r: RecordedRequest) =>
    r.path === "/api/v5/market/candles" &&
    /(^|&)bar=1m(&|$)/.test(r.query) &&
    r.receivedAt % 60_000 < graceMs;
  return {
    unexpected: since.filter((r) => !atTurn(r)).map((r) => `${r.method} ${r.path}?${r.query}`),
    atMinuteTurn: since.filter(atTurn).length,
  };
}
