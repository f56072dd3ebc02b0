import { METHOD_TABLE } from "./method-table";

/** Names longer than this are not compared: a typo is short, and the distance costs length squared. */
const MAX_COMPARED = 32;

const NAMES: readonly string[] = METHOD_TABLE.flatMap((s) => [s.wire, ...s.aliases]);
const WIRE_OF = new Map(METHOD_TABLE.flatMap((s) => [s.wire, ...s.aliases].map((n) => [n, s.wire] as const)));

/**
 * The wire name a mistyped method most likely meant (`tickr` → `ticker`), or undefined when none is
 * close: at most two edits away, and fewer than half the name's letters changed.
 */
export function suggestMethod(sent: string): string | undefined {
  const name = sent.trim().toLowerCase();
  if (name.length === 0 || name.length > MAX_COMPARED) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const candidate of NAMES) {
    const d = editDistance(name, candidate);
    if (d <= 2 && d * 2 < Math.max(name.length, 2) && (!best || d < best.d)) best = { name: candidate, d };
  }
  return best ? WIRE_OF.get(best.name) : undefined;
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
