import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Counter, Histogram, Registry } from "prom-client";
import { FoldedHistogram, SeriesTable, foldedCounter } from "./folded";
import { DURATION_BUCKETS } from "./metric-names";

/** A fixed pseudo-random sequence, so a failure can be replayed. */
function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

/** The same calls counted both ways: prom-client's own inc/observe per call, and folded at scrape. */
function twoRegistries() {
  const direct = new Registry();
  const folded = new Registry();
  const labelNames = ["exchange", "method", "outcome"] as const;
  const counter = new Counter({ name: "t_requests_total", help: "h", labelNames, registers: [direct] });
  const histogram = new Histogram({
    name: "t_seconds",
    help: "h",
    labelNames,
    buckets: DURATION_BUCKETS,
    registers: [direct],
  });
  const counts = new SeriesTable([...labelNames] as ["exchange", "method", "outcome"]);
  foldedCounter(counts, { name: "t_requests_total", help: "h", registers: [folded] });
  const times = new SeriesTable([...labelNames] as ["exchange", "method", "outcome"], DURATION_BUCKETS);
  new FoldedHistogram(times, { name: "t_seconds", help: "h", registers: [folded] });
  return {
    direct,
    folded,
    call(exchange: string, method: string, outcome: string, seconds: number) {
      const labels = { exchange, method, outcome };
      counter.inc(labels);
      histogram.observe(labels, seconds);
      counts.get(exchange, method, outcome).value++;
      times.observe(times.get(exchange, method, outcome), seconds);
    },
  };
}

describe("folded metrics", () => {
  test("/metrics text is exactly what per-call prom-client counting writes", async () => {
    const m = twoRegistries();
    const next = sequence(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    for (let i = 0; i < 5000; i++) {
      // Values on and around the bucket bounds too: `le` means "not above".
      const seconds = next() < 0.2 ? pick(DURATION_BUCKETS) : next() ** 3 * 40;
      m.call(
        pick(["OKX", "SIM", "unknown"]),
        pick(["ticker", "depth", "trade"]),
        pick(["ok", "exchange"]),
        seconds,
      );
    }
    const text = await m.folded.metrics();
    assert.equal(text, await m.direct.metrics());
    assert.match(text, /t_seconds_bucket\{le="\+Inf",exchange="OKX",method="ticker",outcome="ok"\} \d+/);
    assert.deepEqual(await m.folded.getMetricsAsJSON(), await m.direct.getMetricsAsJSON());
  });

  test("a scrape between calls sees every call so far, and later calls add to it", async () => {
    const m = twoRegistries();
    m.call("OKX", "ticker", "ok", 0.001);
    assert.equal(await m.folded.metrics(), await m.direct.metrics());
    for (let i = 0; i < 7; i++) m.call("OKX", "ticker", "ok", 0.002 * i);
    m.call("OKX", "depth", "timeout", 31);
    const text = await m.folded.metrics();
    assert.equal(text, await m.direct.metrics());
    assert.match(text, /^t_requests_total\{exchange="OKX",method="ticker",outcome="ok"\} 8$/m);
    assert.match(text, /^t_seconds_count\{exchange="OKX",method="depth",outcome="timeout"\} 1$/m);
    assert.match(text, /^t_seconds_bucket\{le="30",exchange="OKX",method="depth",outcome="timeout"\} 0$/m);
  });
});
