/**
 * Deterministic smooth noise: the simulated market's prices are a pure function of (seed, instrument,
 * time), so the same seed shows the same market to every process, at any moment, with no history kept.
 */

/** A 32-bit integer hash of a few integers (a murmur3-style finaliser). */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    // Split into two 32-bit halves so that large integers (millisecond times) hash fully.
    const lo = v >>> 0;
    const hi = Math.floor(v / 4294967296) >>> 0;
    for (const part of [lo, hi]) {
      h = Math.imul(h ^ part, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
  }
  return h >>> 0;
}

/** A hash as a number in [0, 1). */
export function unit(...values: number[]): number {
  return hashInts(...values) / 4294967296;
}

/** A stable integer for a text (an instrument name) to feed `hashInts`. */
export function textKey(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** One octave of value noise in [-1, 1], smooth in `t` with features `periodMs` apart. */
export function valueNoise(seed: number, key: number, octave: number, t: number, periodMs: number): number {
  const u = t / periodMs;
  const i = Math.floor(u);
  const f = u - i;
  const s = f * f * (3 - 2 * f);
  const a = unit(seed, key, octave, i) * 2 - 1;
  const b = unit(seed, key, octave, i + 1) * 2 - 1;
  return a + (b - a) * s;
}

/** Octaves from seconds to months: small fast wiggles on top of large slow swings. */
const OCTAVES: ReadonlyArray<{ periodMs: number; amplitude: number }> = [
  { periodMs: 2_000, amplitude: 0.0002 },
  { periodMs: 15_000, amplitude: 0.0006 },
  { periodMs: 120_000, amplitude: 0.0015 },
  { periodMs: 900_000, amplitude: 0.004 },
  { periodMs: 7_200_000, amplitude: 0.01 },
  { periodMs: 43_200_000, amplitude: 0.025 },
  { periodMs: 259_200_000, amplitude: 0.06 },
  { periodMs: 2_592_000_000, amplitude: 0.15 },
];

/** The log-return of an instrument's price at `t` from its base price. */
export function logReturn(seed: number, key: number, t: number): number {
  let x = 0;
  OCTAVES.forEach((o, k) => (x += o.amplitude * valueNoise(seed, key, k, t, o.periodMs)));
  return x;
}
