// Recent public trades, synthetic: one trade every 250 ms on a fixed grid, priced within a few ticks of
// `last`. Trade ids are derived from the grid slot, so the same trade keeps the same id across calls, and
// the websocket's `trades` channel (ws/clock-feeds.ts) pushes exactly the trades this endpoint lists.

import { formatDecimal } from "../decimal";
import type { Ticker } from "./state";
import { stringSeed, unit } from "./prng";

export const MAX_TRADES = 500;
export const TRADE_SPACING_MS = 250;

export interface SyntheticTrade {
  instId: string;
  tradeId: string;
  px: string;
  sz: string;
  side: "buy" | "sell";
  ts: string;
}

/** The trade of grid slot `slot` (its time is slot × 250 ms). */
export function tradeAt(t: Ticker, slot: number): SyntheticTrade {
  const inst = t.inst;
  const seed = stringSeed(inst.instId) + 11;
  const offsetTicks = BigInt(Math.floor(unit(seed, slot) * 7) - 3);
  let px = t.last + offsetTicks * inst.tickU;
  if (px <= 0n) px = t.last;
  const sz = BigInt(1 + Math.floor(unit(seed + 1, slot) * 300)) * inst.minU;
  return {
    instId: inst.instId,
    tradeId: String(slot),
    px: formatDecimal(px),
    sz: formatDecimal(sz),
    side: unit(seed + 2, slot) < 0.5 ? "buy" : "sell",
    ts: String(slot * TRADE_SPACING_MS),
  };
}

export function newestTradeSlot(now: number): number {
  return Math.floor(now / TRADE_SPACING_MS);
}

export function tradesJson(t: Ticker, limit: number, now: number): string {
  const newestSlot = newestTradeSlot(now);
  const rows: string[] = [];
  for (let i = 0; i < limit; i++) {
    const r = tradeAt(t, newestSlot - i);
    rows.push(
      `{"instId":"${r.instId}","side":"${r.side}","sz":"${r.sz}","px":"${r.px}","tradeId":"${r.tradeId}","ts":"${r.ts}"}`,
    );
  }
  return `{"code":"0","msg":"","data":[${rows.join(",")}]}`;
}
