import type { Ticker } from "@fmz-gateway/core";
import { Problems, notMillis, notRecentMillis, num } from "./values";

/**
 * `ticker`: time in milliseconds (within a day of `now` when given), buy ≤ sell (a crossed quote means bid
 * and ask were swapped).
 */
export function checkTicker(t: Ticker, where = "ticker", now?: number): string[] {
  const p = new Problems();
  p.add(
    now === undefined ? notMillis(t.time, `${where}.time`) : notRecentMillis(t.time, `${where}.time`, now),
  );
  const buy = num(t.buy);
  const sell = num(t.sell);
  p.check(
    buy <= sell || buy === 0 || sell === 0,
    `${where}.buy ${String(t.buy)} is above ${where}.sell ${String(t.sell)}: bid and ask swapped?`,
  );
  p.check(
    num(t.high) >= num(t.low),
    `${where}.high ${String(t.high)} is below ${where}.low ${String(t.low)}`,
  );
  return p.list;
}

/** `tickers`: a non-empty list, each one a valid ticker. */
export function checkTickers(list: Ticker[]): string[] {
  if (list.length === 0) return ["tickers answered an empty list"];
  const problems: string[] = [];
  list.forEach((t, i) => problems.push(...checkTicker(t, `data[${i}]`)));
  return problems.slice(0, 3);
}
