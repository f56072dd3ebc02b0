/**
 * Deterministic smooth noise: the simulated market's prices are a pure function of (seed, instrument,
 * time), so the same seed shows the same market to every process, at any moment, with no history kept.
 */

/** A 32-bit integer hash of a few integers (a murmur3-style finaliser). */
export function hashInts(...values: number[]): number {
  let h = SEED;
  for (let i = 0; i < values.length; i++) h = mix(h, values[i]);
  return h >>> 0;
}

const SEED = 0x9e3779b9;

/**
 * One value into the hash. Split into two 32-bit halves so that large integers (millisecond times)
 * hash fully. No array or rest argument: a day of one-minute bars looks at 86,400 prices, each hashed.
 */
function mix(h: number, v: number): number {
  const lo = v >>> 0;
  const hi = Math.floor(v / 4294967296) >>> 0;
  h = Math.imul(h ^ lo, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ hi, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A hash as a number in [0, 1). */
export function unit(...values: number[]): number {
  return hashInts(...values) / 4294967296;
}

/** `unit(a, b, c, d)` without the rest argument, for the noise's inner loop. */
function unit4(a: number, b: number, c: number, d: number): number {
  return (mix(mix(mix(mix(SEED, a), b), c), d) >>> 0) / 4294967296;
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
  const a = unit4(seed, key, octave, i) * 2 - 1;
  const b = unit4(seed, key, octave, i + 1) * 2 - 1;
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
  for (let k = 0; k < OCTAVES.length; k++) {
    // valueNoise's arithmetic, with the lattice values remembered (see `lattice`).
    const u = t / OCTAVES[k].periodMs;
    const i = Math.floor(u);
    const f = u - i;
    const s = f * f * (3 - 2 * f);
    const a = lattice(seed, key, k, i);
    const b = lattice(seed, key, k, i + 1);
    x += OCTAVES[k].amplitude * (a + (b - a) * s);
  }
  return x;
}

/**
 * The last two lattice values of each octave (one slot per parity of the index), keyed by seed, key
 * and index: a bar looks at the price every second, and consecutive seconds share every octave's
 * values but the fastest one's. A pure function remembered, so the answers are the same as
 * `unit(...) * 2 - 1` each time.
 */
const SLOTS = OCTAVES.length * 2;
const slotSeed = new Float64Array(SLOTS).fill(NaN);
const slotKey = new Float64Array(SLOTS);
const slotIndex = new Float64Array(SLOTS);
const slotValue = new Float64Array(SLOTS);

function lattice(seed: number, key: number, octave: number, i: number): number {
  const slot = octave * 2 + (i & 1);
  if (slotIndex[slot] === i && slotSeed[slot] === seed && slotKey[slot] === key) return slotValue[slot];
  const value = unit4(seed, key, octave, i) * 2 - 1;
  slotSeed[slot] = seed;
  slotKey[slot] = key;
  slotIndex[slot] = i;
  slotValue[slot] = value;
  return value;
}
