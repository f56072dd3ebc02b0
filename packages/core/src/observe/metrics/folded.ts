import { Counter, Histogram, type Registry } from "prom-client";

/**
 * Metrics counted per call in plain numbers and handed to prom-client only when `/metrics` is scraped.
 * prom-client's own `inc`/`observe` validate the labels and build a hash string on every call; here a
 * call finds its series through one map per label value (no string built, no object made once the
 * series exists) and adds to a few numbers. At scrape the totals are given to prom-client, so the text
 * is what per-call `inc`/`observe` would have written: the same series in the same order (first seen
 * first), the same counts, sums added in the same order, buckets chosen by the same `value <= bound`.
 */

/** One label set's numbers: a counter's value, or a histogram's count, sum and per-bucket counts. */
export class Series<L extends string = string> {
  value = 0;
  count = 0;
  sum = 0;
  constructor(
    readonly labels: Readonly<Record<L, string>>,
    /** Observations per bucket, not cumulative; the last slot counts those above every bound. */
    readonly buckets?: Float64Array,
  ) {}
}

type Inner<L extends string> = Map<string, Series<L>>;

/** The series of one metric with two or three labels, found by their values in label order. */
export class SeriesTable<L extends string> {
  /** Every series, in the order first seen (prom-client's order too). */
  list: Series<L>[] = [];
  private two = new Map<string, Inner<L>>();
  private three = new Map<string, Map<string, Inner<L>>>();

  constructor(
    readonly labelNames: readonly [L, L] | readonly [L, L, L],
    readonly bounds?: readonly number[],
  ) {}

  /** The series of these label values, made on first use. */
  get(a: string, b: string, c?: string): Series<L> {
    let inner: Inner<L> | undefined;
    let leaf: string;
    if (this.labelNames.length === 2) {
      inner = this.two.get(a);
      if (!inner) this.two.set(a, (inner = new Map()));
      leaf = b;
    } else {
      let byB = this.three.get(a);
      if (!byB) this.three.set(a, (byB = new Map()));
      inner = byB.get(b);
      if (!inner) byB.set(b, (inner = new Map()));
      leaf = c ?? "";
    }
    let series = inner.get(leaf);
    if (!series) {
      const values = [a, b, c ?? ""];
      const labels = Object.fromEntries(this.labelNames.map((name, i) => [name, values[i]]));
      const buckets = this.bounds ? new Float64Array(this.bounds.length + 1) : undefined;
      series = new Series<L>(labels as Record<L, string>, buckets);
      inner.set(leaf, series);
      this.list.push(series);
    }
    return series;
  }

  /** A histogram observation, in prom-client's bucket: the first bound the value is not above. */
  observe(series: Series<L>, value: number): void {
    const bounds = this.bounds ?? [];
    let b = 0;
    while (b < bounds.length && !(value <= bounds[b])) b++;
    series.count++;
    series.sum += value;
    if (series.buckets) series.buckets[b]++;
  }

  clear(): void {
    this.list = [];
    this.two = new Map();
    this.three = new Map();
  }
}

interface FoldedConfig {
  name: string;
  help: string;
  registers: Registry[];
}

/** A counter whose values live in `table` (each series' `value`); prom-client reads them at scrape. */
export function foldedCounter<L extends string>(table: SeriesTable<L>, config: FoldedConfig): Counter<L> {
  return new Counter<L>({
    ...config,
    labelNames: table.labelNames,
    collect() {
      this.reset();
      for (const s of table.list) this.inc(s.labels as Partial<Record<L, string>>, s.value);
    },
  });
}

type HistogramData<L extends string> = Awaited<ReturnType<Histogram<L>["get"]>>;

/** A histogram whose counts, sums and buckets live in `table`, written out as prom-client writes one. */
export class FoldedHistogram<L extends string> extends Histogram<L> {
  private readonly table: SeriesTable<L>;
  private readonly config: FoldedConfig;

  constructor(table: SeriesTable<L>, config: FoldedConfig) {
    super({ ...config, labelNames: table.labelNames, buckets: [...(table.bounds ?? [])] });
    this.table = table;
    this.config = config;
  }

  override async get(): Promise<HistogramData<L>> {
    const { name, help } = this.config;
    const values: HistogramData<L>["values"] = [];
    const bucket = `${name}_bucket`;
    const bounds = this.table.bounds ?? [];
    for (const s of this.table.list) {
      let cumulative = 0;
      for (let i = 0; i < bounds.length; i++) {
        cumulative += s.buckets?.[i] ?? 0;
        values.push(sample<L>(cumulative, { le: bounds[i], ...s.labels }, bucket, null));
      }
      values.push(
        sample<L>(s.count, { le: "+Inf", ...s.labels }, bucket, null),
        sample<L>(s.sum, { ...s.labels }, `${name}_sum`),
        sample<L>(s.count, { ...s.labels }, `${name}_count`),
      );
    }
    // prom-client's own histogram answers this shape (its typings also ask for a `collect` it never sets).
    return { name, help, type: "histogram", values, aggregator: "sum" } as unknown as HistogramData<L>;
  }

  /** What the registry writes its text from, when a metric has it (prom-client's histogram does). */
  getForPromString(): Promise<HistogramData<L>> {
    return this.get();
  }

  override reset(): void {
    // Also called by prom-client's constructor, before `table` is set.
    (this.table as SeriesTable<L> | undefined)?.clear();
  }
}

/** One sample as prom-client's histogram gives it (buckets carry `exemplar: null`, sum and count none). */
function sample<L extends string>(
  value: number,
  labels: Record<string, string | number>,
  metricName: string,
  exemplar?: null,
) {
  return { value, labels: labels as Partial<Record<L, string | number>>, metricName, exemplar };
}
