// Recent public trades, synthetic: one trade every 250 ms on a fixed grid, priced within a few ticks of
// `last`. Trade ids are derived from the grid slot, so the same trade keeps the same id across calls.

import { formatDecimal } from "../decimal";
import type { Ticker } from "./state";
import { stringSeed, unit } from "./prng";

export const MAX_TRADES = 500;
const SPACING_MS = 250;

export function tradesJson(t: Ticker, limit: number, now: number): string {
  const inst = t.inst;
  const seed = stringSeed(inst.instId) + 11;
  const newestSlot = Math.floor(now / SPACING_MS);
  const rows: string[] = [];
  for (let i = 0; i < limit; i++) {
    const slot = newestSlot - i;
    const offsetTicks = BigInt(Math.floor(unit(seed, slot) * 7) - 3);
    let px = t.last + offsetTicks * inst.tickU;
    if (px <= 0n) px = t.last;
    const sz = BigInt(1 + Math.floor(unit(seed + 1, slot) * 300)) * inst.minU;
    const sideName = unit(seed + 2, slot) < 0.5 ? "buy" : "sell";
    rows.push(
      `{"instId":"${inst.instId}","side":"${sideName}","sz":"${formatDecimal(sz)}","px":"${formatDecimal(px)}","tradeId":"${slot}","ts":"${slot * SPACING_MS}"}`,
    );
  }
  return `{"code":"0","msg":"","data":[${rows.join(",")}]}`;
}
