import { Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Telemetry } from "../../telemetry/telemetry";
import { VERSION } from "../../version";
import { BoundedLabels, UNKNOWN_EXCHANGE } from "../bounded-labels";
import { FoldedHistogram, type Series, SeriesTable, foldedCounter } from "./folded";
import { DURATION_BUCKETS, METRIC } from "./metric-names";
import { StreamStates } from "./stream-states";

/**
 * The gateway's Prometheus metrics, fed by its telemetry. One registry per gateway (tests run several
 * in one process; prom-client's global registry would mix them). What is counted per call or per
 * request is kept in plain numbers (folded.ts) and given to prom-client at scrape time, so a call costs
 * a few map look-ups and additions; label values come from bounded sets only (see `BoundedLabels`).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly unsubscribe: Array<() => void> = [];
  private readonly endpoints = new BoundedLabels(64);
  private readonly scopes = new BoundedLabels(32);
  private readonly channels = new BoundedLabels(32);

  /** `mountNames` is read at scrape time (stream states are listed per mount). */
  constructor(telemetry: Telemetry, mountNames: () => readonly string[]) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: METRIC.info,
      help: "Always 1; the version label says which gateway answers",
      labelNames: ["version"],
      registers,
    }).set({ version: VERSION }, 1);

    // Registered in this order, so /metrics lists them as before.
    const calls = new SeriesTable(["exchange", "method", "outcome"], DURATION_BUCKETS);
    foldedCounter(calls, {
      name: METRIC.requests,
      help: "FMZ calls answered, by mount, wire method and outcome (ok or the error kind)",
      registers,
    });
    const callSeconds = new SeriesTable(["exchange", "method", "outcome"], DURATION_BUCKETS);
    new FoldedHistogram(callSeconds, {
      name: METRIC.requestSeconds,
      help: "Time from a call's body to its reply, in seconds",
      registers,
    });
    const upstream = new SeriesTable(["exchange", "endpoint", "outcome"]);
    foldedCounter(upstream, {
      name: METRIC.upstreamRequests,
      help: "Requests to the exchange, by mount, endpoint template and outcome",
      registers,
    });
    const upstreamSeconds = new SeriesTable(["exchange", "endpoint"], DURATION_BUCKETS);
    new FoldedHistogram(upstreamSeconds, {
      name: METRIC.upstreamSeconds,
      help: "Time of one request to the exchange, in seconds",
      registers,
    });
    const waits = new SeriesTable(["exchange", "scope"]);
    foldedCounter(waits, {
      name: METRIC.rateLimitWaits,
      help: "Requests the gateway's rate limiter held back to stay inside the exchange's limits",
      registers,
    });
    const waitSeconds = new SeriesTable(["exchange", "scope"]);
    foldedCounter(waitSeconds, {
      name: METRIC.rateLimitWaitSeconds,
      help: "Seconds requests spent waiting for a rate-limit slot",
      registers,
    });
    const refusals = new SeriesTable(["exchange", "scope"]);
    foldedCounter(refusals, {
      name: METRIC.rateLimitRefusals,
      help: "Calls refused because their rate-limit slot lay past their deadline or the longest wait",
      registers,
    });
    const served = new SeriesTable(["exchange", "method", "source"]);
    foldedCounter(served, {
      name: METRIC.served,
      help: "Answers by where they came from: a live stream's cache or a REST request",
      registers,
    });
    const mismatches = new SeriesTable(["exchange", "kind"]);
    foldedCounter(mismatches, {
      name: METRIC.privateMismatches,
      help:
        "Records (orders, balances, positions) a private stream held wrong and reconciliation corrected " +
        "from REST; 0 in a healthy run",
      registers,
    });
    const streams = new StreamStates(telemetry, mountNames, this.channels, registers);

    const count = (series: Series, by = 1) => {
      series.value += by;
    };
    this.unsubscribe.push(
      telemetry.on("call", (e) => {
        // Only a mount's name is a label value; an unknown path is the caller's text.
        const exchange = e.known ? e.exchange : UNKNOWN_EXCHANGE;
        count(calls.get(exchange, e.method, e.outcome));
        callSeconds.observe(callSeconds.get(exchange, e.method, e.outcome), e.seconds);
      }),
      telemetry.on("upstream", (e) => {
        const endpoint = this.endpoints.fold(e.exchange, e.endpoint);
        count(upstream.get(e.exchange, endpoint, e.outcome));
        upstreamSeconds.observe(upstreamSeconds.get(e.exchange, endpoint), e.seconds);
      }),
      telemetry.on("rateLimit", (e) => {
        const scope = this.scopes.fold(e.exchange, e.scope);
        if (e.kind === "refused") return count(refusals.get(e.exchange, scope));
        count(waits.get(e.exchange, scope));
        count(waitSeconds.get(e.exchange, scope), e.seconds);
      }),
      telemetry.on("served", (e) => count(served.get(e.exchange, e.method, e.source))),
      telemetry.on("stream", (e) => streams.onEvent(e)),
      telemetry.on("mismatch", (e) => count(mismatches.get(e.exchange, e.kind), e.count)),
    );
  }

  /** The Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  close(): void {
    for (const off of this.unsubscribe) off();
    this.registry.clear();
  }
}
