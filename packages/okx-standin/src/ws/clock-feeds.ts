// The channels that move with time rather than with setTicker: `trades` (the REST endpoint's synthetic
// trade every 250 ms, so a client seeded from GET /market/trades and fed by pushes holds the same list)
// and candles (the open bar on subscribe; at each bar boundary the closed bar with confirm "1", then the
// new open bar with "0"). Rows come from the same generators as the REST answers.

import type { Instrument } from "../instruments";
import type { BarCalendar } from "../market/bars";
import { candleRows, HISTORY_BARS, RECENT_BARS } from "../market/candles";
import type { Ticker } from "../market/state";
import { newestTradeSlot, tradeAt } from "../market/trades";
import { pushFrame, tradeRowJson } from "./pushes";

export const CLOCK_MS = 250;
/** After a stall (a blocked event loop), push at most this many missed trades rather than a flood. */
const MAX_CATCH_UP_TRADES = 20;

export interface ClockState {
  argJson: string;
  inst: Instrument;
  /** Newest trade slot pushed (trades). */
  lastSlot: number;
  /** Open bar last pushed (candles). */
  barStart: number;
}

/** Frames for the trades that happened since the last call, oldest first. */
export function tradeFrames(s: ClockState, t: Ticker, now: number): string[] {
  const newest = newestTradeSlot(now);
  const frames: string[] = [];
  for (let slot = Math.max(s.lastSlot + 1, newest - MAX_CATCH_UP_TRADES + 1); slot <= newest; slot++) {
    frames.push(pushFrame(s.argJson, tradeRowJson(tradeAt(t, slot))));
  }
  s.lastSlot = newest;
  return frames;
}

function latestRows(inst: Instrument, cal: BarCalendar, now: number, limit: number): string[] {
  const depth = cal.historyOnly ? HISTORY_BARS : RECENT_BARS;
  return candleRows({ inst, cal, after: undefined, before: undefined, limit, depth, now });
}

export function openCandleFrame(s: ClockState, cal: BarCalendar, now: number): string[] {
  s.barStart = cal.floor(now);
  const rows = latestRows(s.inst, cal, now, 1);
  return rows.map((r) => pushFrame(s.argJson, r));
}

/** Nothing until the open bar closes; then the closed bar and the new one. */
export function candleFrames(s: ClockState, cal: BarCalendar, now: number): string[] {
  const open = cal.floor(now);
  if (open === s.barStart) return [];
  s.barStart = open;
  const [current, previous] = latestRows(s.inst, cal, now, 2);
  const frames: string[] = [];
  if (previous !== undefined) frames.push(pushFrame(s.argJson, previous));
  if (current !== undefined) frames.push(pushFrame(s.argJson, current));
  return frames;
}
