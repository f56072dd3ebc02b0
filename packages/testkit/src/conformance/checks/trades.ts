import type { Trade } from "@fmz-gateway/core";
import { Problems, notMillis, num } from "./values";

/** `trades`: times in milliseconds, positive prices and amounts. */
export function checkTrades(list: Trade[]): string[] {
  const p = new Problems();
  list.forEach((t, i) => {
    p.add(notMillis(t.time, `data[${i}].time`));
    p.check(num(t.price) > 0 && num(t.amount) > 0, `data[${i}] has a price or amount that is not positive`);
  });
  return p.list.slice(0, 3);
}
