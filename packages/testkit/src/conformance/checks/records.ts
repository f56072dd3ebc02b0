import type { Bar } from "@fmz-gateway/core";
import { Problems, firstOutOfOrder, notSeconds, num } from "./values";

export interface RecordsRequest {
  /** Minutes. */
  period: number;
  limit: number;
}

/**
 * `records`: times in seconds (not milliseconds), oldest first and strictly increasing, spaced by whole
 * periods, exactly `limit` bars, and each bar's high and low around its open and close.
 */
export function checkRecords(bars: Bar[], req: RecordsRequest): string[] {
  const p = new Problems();
  p.check(bars.length === req.limit, `answered ${bars.length} bars; asked for exactly ${req.limit}`);
  if (bars.length === 0) return p.list;
  const unit = notSeconds(bars[0][0], "bar time");
  p.add(unit);
  const times = bars.map((b) => num(b[0]));
  const bad = firstOutOfOrder(times, (a, b) => a < b);
  if (bad >= 0) {
    const newestFirst = firstOutOfOrder(times, (a, b) => a > b) < 0;
    p.add(
      newestFirst
        ? "bars are newest first; the protocol wants oldest first"
        : `bar times do not increase: bar ${bad} (${times[bad]}) comes after ${times[bad - 1]}`,
    );
  } else if (unit === undefined) {
    const step = req.period * 60;
    const gap = firstOutOfOrder(times, (a, b) => (b - a) % step === 0);
    p.check(
      gap < 0,
      () =>
        `bars ${gap - 1} and ${gap} are ${times[gap] - times[gap - 1]} s apart, not a multiple of ${req.period} min`,
    );
  }
  const badBar = bars.findIndex((b) => {
    const [, open, high, low, close, volume] = b.map(num);
    return !(high >= Math.max(open, close) && low <= Math.min(open, close) && low > 0 && volume >= 0);
  });
  p.check(
    badBar < 0,
    () => `bar ${badBar} is inconsistent: high below open or close, low above them, or a negative value`,
  );
  return p.list;
}
