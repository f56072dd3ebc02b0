import type { Depth, DepthLevel } from "@fmz-gateway/core";
import { Problems, firstOutOfOrder, notMillis, notRecentMillis, num } from "./values";

/**
 * `depth`: time in milliseconds (within a day of `now` when given); asks ascending and bids descending (strictly: one level per price); at
 * most `limit` levels a side; the best bid below the best ask; positive prices and amounts.
 */
export function checkDepth(d: Depth, limit: number, now?: number): string[] {
  const p = new Problems();
  p.add(now === undefined ? notMillis(d.time, "depth.time") : notRecentMillis(d.time, "depth.time", now));
  for (const [side, levels] of [
    ["asks", d.asks],
    ["bids", d.bids],
  ] as const) {
    p.check(levels.length <= limit, `${side} has ${levels.length} levels; asked for at most ${limit}`);
    const ascending = side === "asks";
    const bad = firstOutOfOrder(levels, (a, b) =>
      ascending ? num(a[0]) < num(b[0]) : num(a[0]) > num(b[0]),
    );
    p.check(
      bad < 0,
      () =>
        `${side} are not ${ascending ? "ascending" : "descending"}: ${side}[${bad}] price ${String(levels[bad][0])} comes after ${String(levels[bad - 1][0])}`,
    );
    const nonPositive = levels.findIndex((l: DepthLevel) => !(num(l[0]) > 0 && num(l[1]) > 0));
    p.check(nonPositive < 0, () => `${side}[${nonPositive}] has a price or amount that is not positive`);
  }
  if (d.asks.length > 0 && d.bids.length > 0) {
    p.check(
      num(d.bids[0][0]) < num(d.asks[0][0]),
      `best bid ${String(d.bids[0][0])} is not below best ask ${String(d.asks[0][0])}`,
    );
  } else {
    p.add("depth has an empty side");
  }
  return p.list;
}
