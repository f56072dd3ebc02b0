/**
 * Fixed-size rolling statistics for the status page: one slot per minute for the last hour, each slot
 * a few counters and a log-scale latency histogram. Memory is fixed per series (about 20 KB) whatever
 * the load, recording is a handful of array writes with no allocation, and the 5- and 60-minute
 * summaries are sums over slots. Percentiles are read from the histogram, so they are exact to one bin
 * (±10 %), which is what a person reading p50/p99 needs.
 */
const SLOTS = 60;
const MINUTE_MS = 60_000;

/** Latency bins: upper bounds grow by 1.2 from 0.05 ms; 80 bins reach past 90 s. */
const BINS = 80;
const BASE_MS = 0.05;
const FACTOR = 1.2;
const LOG_FACTOR = Math.log(FACTOR);

function binOf(ms: number): number {
  if (ms <= BASE_MS) return 0;
  const b = Math.ceil(Math.log(ms / BASE_MS) / LOG_FACTOR);
  return b >= BINS ? BINS - 1 : b;
}

/** A bin's representative value: the geometric middle of its bounds. */
function binMs(bin: number): number {
  return bin === 0 ? BASE_MS : BASE_MS * FACTOR ** (bin - 0.5);
}

export interface WindowSummary {
  readonly counts: number[];
  /** Milliseconds; absent without latency or without calls. */
  readonly p50?: number;
  readonly p99?: number;
}

export class MinuteWindow {
  /** The minute (epoch ms / 60 000) each slot currently holds, -1 for never used. */
  private readonly minute = new Float64Array(SLOTS).fill(-1);
  private readonly counts: Float64Array;
  private readonly bins?: Uint32Array;

  /** `fields` counters per minute (calls and errors, or waits, refusals and seconds waited). */
  constructor(
    private readonly fields: number,
    withLatency: boolean,
  ) {
    this.counts = new Float64Array(SLOTS * fields);
    if (withLatency) this.bins = new Uint32Array(SLOTS * BINS);
  }

  add(at: number, field: number, amount = 1): void {
    this.counts[this.slot(at) * this.fields + field] += amount;
  }

  latency(at: number, ms: number): void {
    if (this.bins) this.bins[this.slot(at) * BINS + binOf(ms)]++;
  }

  /** Sums over the last `minutes` minutes (the current one included). */
  summary(now: number, minutes: number): WindowSummary {
    const current = Math.floor(now / MINUTE_MS);
    const counts = new Array<number>(this.fields).fill(0);
    const bins = this.bins ? new Float64Array(BINS) : undefined;
    let observed = 0;
    for (let s = 0; s < SLOTS; s++) {
      const m = this.minute[s];
      if (m < 0 || m > current || m <= current - minutes) continue;
      for (let f = 0; f < this.fields; f++) counts[f] += this.counts[s * this.fields + f];
      if (bins && this.bins)
        for (let b = 0; b < BINS; b++) {
          const n = this.bins[s * BINS + b];
          bins[b] += n;
          observed += n;
        }
    }
    if (!bins || observed === 0) return { counts };
    return { counts, p50: quantile(bins, observed, 0.5), p99: quantile(bins, observed, 0.99) };
  }

  /** The slot of `at`'s minute, cleared first when it still holds an older minute. */
  private slot(at: number): number {
    const m = Math.floor(at / MINUTE_MS);
    const s = m % SLOTS;
    if (this.minute[s] !== m) {
      this.minute[s] = m;
      this.counts.fill(0, s * this.fields, (s + 1) * this.fields);
      this.bins?.fill(0, s * BINS, (s + 1) * BINS);
    }
    return s;
  }
}

function quantile(bins: Float64Array, total: number, q: number): number {
  const rank = Math.ceil(total * q);
  let seen = 0;
  for (let b = 0; b < BINS; b++) {
    seen += bins[b];
    if (seen >= rank) return Math.round(binMs(b) * 100) / 100;
  }
  return binMs(BINS - 1);
}
