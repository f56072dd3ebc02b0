import {
  BadRequestError,
  type Bar,
  type ParamsOf,
  type ResultOf,
  streamOrRest,
  toNumber,
  wireName,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxCandle } from "../okx-types";
import type { CandleStore } from "../streams/candle-sub";
import { CHANNELS, marketScope } from "../streams/okx-streams";
import { resolveInstrument } from "./futures";
import type { InstType } from "./symbols";

/**
 * FMZ periods (minutes) → OKX bars. Bars of 6 hours and longer use OKX's UTC-aligned variants (`1Dutc`),
 * as ccxt does; the plain ones open at UTC+8 (reference §4.6).
 */
export const BARS: ReadonlyMap<number, string> = new Map([
  [1, "1m"],
  [3, "3m"],
  [5, "5m"],
  [15, "15m"],
  [30, "30m"],
  [60, "1H"],
  [120, "2H"],
  [240, "4H"],
  [360, "6Hutc"],
  [720, "12Hutc"],
  [1440, "1Dutc"],
  [2880, "2Dutc"],
  [4320, "3Dutc"],
  [10080, "1Wutc"],
]);

const RECORDS = wireName("getRecords");

/** Bars when the strategy asks for no particular number (OKX's own default per call). */
export const DEFAULT_BARS = 100;
/** Upper bound on one `records` call: 34 pages, well inside the call's deadline and OKX's limits. */
export const MAX_BARS = 10_000;
/** Per-call cap of both candle endpoints (reference §4.6, §4.7). */
const PAGE = 300;

/**
 * `records`: exactly `limit` bars, oldest first, time in seconds. The newest page comes from
 * `market/candles` (the latest bars, including the one still forming); older pages from
 * `market/history-candles`, walking back with `after` = the oldest bar seen, until there are enough or
 * OKX has no older bars. Rows are de-duplicated by time, so pages that overlap cannot repeat a bar.
 */
export async function getRecords(call: OkxCall, p: ParamsOf<"getRecords">): Promise<ResultOf<"getRecords">> {
  const { instId, instType } = await resolveInstrument(call, p.symbol, RECORDS);
  const bar = BARS.get(p.period);
  if (bar === undefined) {
    throw new BadRequestError(
      `${RECORDS}: OKX has no ${p.period}-minute bars; periods: ${[...BARS.keys()].join(", ")} (minutes)`,
    );
  }
  const limit = p.limit ?? DEFAULT_BARS;
  if (limit > MAX_BARS) throw new BadRequestError(`${RECORDS}: limit ${limit} is above ${MAX_BARS} bars`);
  const answer = (s: CandleStore) => barsFromStream(s, limit, instType);
  const rest = () => restRecords(call, instId, instType, bar, limit);
  return streamOrRest(call.streams?.cache, {
    ctx: call.ctx,
    method: "getRecords",
    channel: CHANNELS.candle(bar),
    key: instId,
    scope: marketScope(call),
    answer,
    rest,
  });
}

/**
 * The last `limit` bars from a candle stream, or `undefined` (REST) when it holds fewer, or when its
 * newest bar has ended without a push for the next one: then the stream cannot prove the bar is current.
 */
function barsFromStream(s: CandleStore, limit: number, instType: InstType): Bar[] | undefined {
  const newest = s.rows.at(-1);
  if (s.rows.length < limit || !newest || Number(newest[0]) + s.periodMs <= Date.now()) return undefined;
  return s.rows.slice(-limit).map((row) => toBar(row, Math.floor(toNumber(row[0]) / 1000), instType));
}

async function restRecords(
  call: OkxCall,
  instId: string,
  instType: InstType,
  bar: string,
  limit: number,
): Promise<Bar[]> {
  const byTime = new Map<number, Bar>();
  let oldest: string | undefined;
  let path = "/api/v5/market/candles";
  while (byTime.size < limit) {
    const want = Math.min(PAGE, limit - byTime.size);
    const rows = await call.publicGet<OkxCandle>(path, { instId, bar, after: oldest, limit: String(want) });
    let added = 0;
    for (const row of rows) {
      const ms = toNumber(row[0]);
      const time = Math.floor(ms / 1000);
      if (!byTime.has(time)) {
        byTime.set(time, toBar(row, time, instType));
        added++;
      }
      if (oldest === undefined || ms < Number(oldest)) oldest = row[0];
    }
    if (added === 0) break; // OKX has no older bars
    path = "/api/v5/market/history-candles";
  }
  return [...byTime.values()].sort((a, b) => a[0] - b[0]).slice(-limit);
}

/** Volume in the base currency: `vol` on spot; `volCcy` on swaps, where `vol` counts contracts. */
function toBar(row: OkxCandle, time: number, instType: InstType): Bar {
  const volume = instType !== "SPOT" ? row[6] : row[5];
  return [time, toNumber(row[1]), toNumber(row[2]), toNumber(row[3]), toNumber(row[4]), toNumber(volume)];
}
