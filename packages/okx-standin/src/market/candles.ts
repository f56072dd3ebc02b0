// Deterministic candles. Price is a smooth function of time plus hashed noise, p(t), staying within about 3 %
// of the instrument's starting ticker price; a bar [s, e) opens at
// p(s) and closes at p(e), so every bar's close equals the next bar's open and bars of different sizes agree
// at shared boundaries. Nothing is stored: any bar can be produced from (instId, bar, start) alone, which
// lets /market/history-candles reach thousands of bars back at no memory cost.

import { div, formatDecimal, formatTruncated, mul, parseDecimal, toNumber } from "../decimal";
import type { Instrument } from "../instruments";
import type { BarCalendar } from "./bars";
import { stringSeed, unit } from "./prng";

/** /market/candles serves only the most recent 1,440 bars (docs: "the latest 1,440 data entries"). */
export const RECENT_BARS = 1440;
/** /market/history-candles reaches this many bars back (bounded by the instrument's listTime). */
export const HISTORY_BARS = 10_000;
/** Both endpoints: default 100, maximum 300 per call (reference §4.6, EN Aug-2025 and ZH Jul-2026 docs). */
export const CANDLES_DEFAULT_LIMIT = 100;
export const CANDLES_MAX_LIMIT = 300;

const DAY = 86_400_000;
const TWO_PI = Math.PI * 2;

interface InstCurve {
  seed: number;
  base: number;
  tick: number;
  /** Typical wick size, in ticks. */
  wick: number;
  listBar: Map<string, number>;
}

const curves = new Map<string, InstCurve>();

function curveOf(inst: Instrument): InstCurve {
  let c = curves.get(inst.instId);
  if (c === undefined) {
    const base = toNumber(parseDecimal(inst.startPrice) ?? 0n);
    const tick = Number(inst.tickSz);
    c = {
      seed: stringSeed(inst.instId),
      base,
      tick,
      wick: Math.max(1, Math.round((base * 0.002) / tick)),
      listBar: new Map(),
    };
    curves.set(inst.instId, c);
  }
  return c;
}

function priceTicks(c: InstCurve, t: number): number {
  const p =
    c.base *
    (1 +
      0.015 * Math.sin((TWO_PI * t) / (45 * DAY)) +
      0.01 * Math.sin((TWO_PI * t) / (5 * DAY) + 1.3) +
      0.004 * Math.sin((TWO_PI * t) / (7 * 3_600_000) + 0.4) +
      0.001 * (unit(c.seed, t) - 0.5));
  return Math.max(1, Math.round(p / c.tick));
}

const rowCache = new Map<string, string>();
const ROW_CACHE_MAX = 200_000;

function candleRow(inst: Instrument, cal: BarCalendar, start: number, now: number): string {
  const end = cal.shift(start, 1);
  const confirmed = now >= end;
  const key = inst.instId + "|" + cal.name + "|" + start;
  if (confirmed) {
    const hit = rowCache.get(key);
    if (hit !== undefined) return hit;
  }
  const c = curveOf(inst);
  const oT = priceTicks(c, start);
  const cT = priceTicks(c, end);
  const hT = Math.max(oT, cT) + Math.floor(unit(c.seed + 3, start) * c.wick);
  const lT = Math.max(1, Math.min(oT, cT) - Math.floor(unit(c.seed + 4, start) * c.wick));
  const tick = inst.tickU;
  const close = BigInt(cT) * tick;
  const volUnits = BigInt(1 + Math.floor(unit(c.seed + 5, start) * 100_000));
  // vol is in base currency for SPOT and in contracts for SWAP; volCcy in quote (SPOT) or base (SWAP);
  // volCcyQuote always in quote (USD for the inverse contract).
  let vol: bigint;
  let volCcy: bigint;
  let volCcyQuote: bigint;
  if (inst.instType === "SPOT") {
    vol = volUnits * inst.minU;
    volCcy = mul(vol, close);
    volCcyQuote = volCcy;
  } else if (inst.ctType === "linear") {
    vol = volUnits * inst.minU;
    volCcy = mul(vol, inst.ctValU);
    volCcyQuote = mul(volCcy, close);
  } else {
    vol = volUnits * inst.minU;
    volCcyQuote = mul(vol, inst.ctValU);
    volCcy = div(volCcyQuote, close);
  }
  const row =
    `["${start}","${formatDecimal(BigInt(oT) * tick)}","${formatDecimal(BigInt(hT) * tick)}",` +
    `"${formatDecimal(BigInt(lT) * tick)}","${formatDecimal(close)}","${formatDecimal(vol)}",` +
    `"${formatTruncated(volCcy, 8)}","${formatTruncated(volCcyQuote, 8)}","${confirmed ? "1" : "0"}"]`;
  if (confirmed) {
    if (rowCache.size >= ROW_CACHE_MAX) rowCache.clear();
    rowCache.set(key, row);
  }
  return row;
}

export interface CandleQuery {
  inst: Instrument;
  cal: BarCalendar;
  /** Exclusive upper bound on bar start ("records earlier than"). */
  after: number | undefined;
  /** Exclusive lower bound on bar start ("records newer than"). */
  before: number | undefined;
  limit: number;
  /** How many bars back from the current one the endpoint can reach. */
  depth: number;
  now: number;
}

/** Rows newest first, like OKX. */
export function candleRows(q: CandleQuery): string[] {
  const { inst, cal, now } = q;
  const newest = cal.floor(now);
  const c = curveOf(inst);
  let listStart = c.listBar.get(cal.name);
  if (listStart === undefined) {
    listStart = cal.floor(Number(inst.listTime));
    c.listBar.set(cal.name, listStart);
  }
  const oldest = Math.max(cal.shift(newest, -(q.depth - 1)), listStart);
  let s = newest;
  if (q.after !== undefined) {
    const below = cal.floor(q.after - 1);
    if (below < s) s = below;
  }
  const rows: string[] = [];
  while (rows.length < q.limit && s >= oldest && (q.before === undefined || s > q.before)) {
    rows.push(candleRow(inst, cal, s, now));
    s = cal.shift(s, -1);
  }
  return rows;
}
