import type { Trade } from "@fmz-gateway/core";
import { Problems, notMillis, notRecentMillis, num } from "./values";

/** `trades`: times in milliseconds (within a day of `now` when given), positive prices and amounts. */
export function checkTrades(list: Trade[], now?: number): string[] {
  const p = new Problems();
  list.forEach((t, i) => {
    const where = `data[${i}].time`;
    p.add(now === undefined ? notMillis(t.time, where) : notRecentMillis(t.time, where, now));
    p.check(num(t.price) > 0 && num(t.amount) > 0, `data[${i}] has a price or amount that is not positive`);
  });
  return p.list.slice(0, 3);
}
