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
