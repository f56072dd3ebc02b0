import type { HeldRecords } from "./held-records";

/**
 * One difference between the held state and a REST snapshot: a record the stream holds wrong (`changed`),
 * one it never saw (`missing`), or one it holds open that the exchange no longer lists (`extra`).
 */
export interface Difference<T> {
  readonly key: string;
  readonly what: "changed" | "missing" | "extra";
  /** The snapshot's row (absent for `extra`). */
  readonly row?: T;
  /** The held fingerprint and the snapshot's, for the log line. */
  readonly held?: string;
  readonly rest?: string;
}

/**
 * Compares a kind's held records with a complete REST snapshot asked for at `startedAt`. A record the
 * stream changed since then, or holds at a newer exchange time than the snapshot's row, is the stream
 * being ahead, not wrong, and is not compared this time.
 */
export function differences<T>(
  book: HeldRecords<T>,
  snapshot: readonly T[],
  startedAt: number,
): Difference<T>[] {
  const t = book.traits;
  const out: Difference<T>[] = [];
  const listed = new Set<string>();
  for (const row of snapshot) {
    const key = t.key(row);
    listed.add(key);
    const held = book.get(key);
    if (!held) {
      out.push({ key, what: "missing", row, rest: t.fingerprint(row) });
      continue;
    }
    if (held.seenAt >= startedAt || held.time > t.time(row)) continue;
    const a = t.fingerprint(held.value);
    const b = t.fingerprint(row);
    if (a !== b) out.push({ key, what: "changed", row, held: a, rest: b });
  }
  for (const [key, held] of book.held()) {
    if (listed.has(key) || held.seenAt >= startedAt) continue;
    out.push({ key, what: "extra", held: t.fingerprint(held.value) });
  }
  return out;
}

/**
 * Whether a difference found earlier still stands now, after the grace period in which a push that was
 * on its way when the snapshot was taken has had time to arrive: the held record now equals (or is newer
 * than) the snapshot's row, or the extra open record has closed.
 */
export function stillDiffers<T>(book: HeldRecords<T>, d: Difference<T>): boolean {
  const t = book.traits;
  const held = book.get(d.key);
  if (d.what === "extra") return held !== undefined && !t.closed(held.value);
  if (!held || d.row === undefined) return true;
  if (held.time > t.time(d.row)) return false;
  return t.fingerprint(held.value) !== t.fingerprint(d.row);
}

/** `changed 123: {…} → {…}`: what the warning says about one difference (no key or secret in a record). */
export function describeDifference<T>(d: Difference<T>): string {
  switch (d.what) {
    case "changed":
      return `${d.key} held ${d.held} but the exchange has ${d.rest}`;
    case "missing":
      return `${d.key} not held; the exchange has ${d.rest}`;
    case "extra":
      return `${d.key} held open (${d.held}) but the exchange no longer lists it`;
  }
}
