/**
 * Small helpers the checks share. The protocol allows numbers or numeric strings; a check that passed the
 * schema reads either through `num`.
 */

export function num(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

// Epoch bounds, wide enough for any real timestamp and narrow enough that seconds and milliseconds can
// never be confused: seconds run from 2001 to 5138 between these, milliseconds from 2001 to 5138 too.
const SECONDS_MIN = 1e9;
const SECONDS_MAX = 1e11;
const MILLIS_MIN = 1e12;
const MILLIS_MAX = 1e14;

/** Why `value` is not a millisecond timestamp, or undefined when it is one. */
export function notMillis(value: unknown, what: string): string | undefined {
  const t = num(value);
  if (t >= MILLIS_MIN && t < MILLIS_MAX) return undefined;
  if (t >= SECONDS_MIN && t < SECONDS_MAX) {
    return `${what} ${String(value)} looks like seconds; the protocol wants milliseconds`;
  }
  return `${what} ${String(value)} is not a timestamp in milliseconds`;
}

const DAY_MS = 86_400_000;

/**
 * Why `value` is not a millisecond timestamp within a day of `now` (this machine's clock), or undefined
 * when it is one. Seconds, microseconds and a clock that is hours off all show.
 */
export function notRecentMillis(value: unknown, what: string, now: number): string | undefined {
  const unit = notMillis(value, what);
  if (unit !== undefined) return unit;
  const off = num(value) - now;
  if (Math.abs(off) <= DAY_MS) return undefined;
  const hours = Math.round(Math.abs(off) / 3_600_000);
  return `${what} ${String(value)} is ${hours} h ${off > 0 ? "ahead of" : "behind"} the clock; a time in milliseconds of now is expected (a simulated market passes its clock as the target's clock)`;
}

/** Why `value` is not a second timestamp, or undefined when it is one. */
export function notSeconds(value: unknown, what: string): string | undefined {
  const t = num(value);
  if (t >= SECONDS_MIN && t < SECONDS_MAX) return undefined;
  if (t >= MILLIS_MIN && t < MILLIS_MAX) {
    return `${what} ${String(value)} looks like milliseconds; the protocol wants seconds`;
  }
  return `${what} ${String(value)} is not a timestamp in seconds`;
}

/** Collects problems; `check(cond, text)` adds `text` when `cond` is false. */
export class Problems {
  readonly list: string[] = [];

  check(ok: boolean, text: string | (() => string)): void {
    if (!ok) this.list.push(typeof text === "function" ? text() : text);
  }

  add(text: string | undefined): void {
    if (text !== undefined) this.list.push(text);
  }
}

/** The index of the first element that breaks `inOrder(previous, current)`, or -1. */
export function firstOutOfOrder<T>(items: readonly T[], inOrder: (prev: T, cur: T) => boolean): number {
  for (let i = 1; i < items.length; i++) if (!inOrder(items[i - 1], items[i])) return i;
  return -1;
}
