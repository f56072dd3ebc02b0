// Tiny deterministic hashing so synthetic market data depends only on (seed, time): the same request always
// yields the same candles, on any machine, with no stored history.

function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of a seed and a non-negative integer up to 2^53 (e.g. a ms timestamp). */
export function hash(seed: number, x: number): number {
  const lo = x >>> 0;
  const hi = Math.floor(x / 4294967296) >>> 0;
  return mix(mix((seed ^ lo) >>> 0) ^ hi);
}

/** Uniform in [0, 1). */
export function unit(seed: number, x: number): number {
  return hash(seed, x) / 4294967296;
}

/** FNV-1a, for turning an instId into a seed. */
export function stringSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
