import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CallEvent, Telemetry } from "../../telemetry/telemetry";
import { VERSION } from "../../version";
import { BoundedLabels, UNKNOWN_EXCHANGE } from "../bounded-labels";
import { DURATION_BUCKETS, METRIC } from "./metric-names";
import { StreamStates } from "./stream-states";

type CallLabels = { exchange: string; method: string; outcome: string };

/**
 * The gateway's Prometheus metrics, fed by its telemetry. One registry per gateway (tests run several
 * in one process; prom-client's global registry would mix them). A call's labels are looked up in a
 * small cache of label objects, so the hot path builds no label object per call; label values come
 * from bounded sets only (see `BoundedLabels`).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly unsubscribe: Array<() => void> = [];
  private readonly callLabels = new Map<string, Map<string, Map<string, CallLabels>>>();
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

    const requests = new Counter({
      name: METRIC.requests,
      help: "FMZ calls answered, by mount, wire method and outcome (ok or the error kind)",
      labelNames: ["exchange", "method", "outcome"],
      registers,
    });
    const requestSeconds = new Histogram({
      name: METRIC.requestSeconds,
      help: "Time from a call's body to its reply, in seconds",
      labelNames: ["exchange", "method", "outcome"],
      buckets: DURATION_BUCKETS,
      registers,
    });
    const upstream = new Counter({
      name: METRIC.upstreamRequests,
      help: "Requests to the exchange, by mount, endpoint template and outcome",
      labelNames: ["exchange", "endpoint", "outcome"],
      registers,
    });
    const upstreamSeconds = new Histogram({
      name: METRIC.upstreamSeconds,
      help: "Time of one request to the exchange, in seconds",
      labelNames: ["exchange", "endpoint"],
      buckets: DURATION_BUCKETS,
      registers,
    });
    const waits = new Counter({
      name: METRIC.rateLimitWaits,
      help: "Requests the gateway's rate limiter held back to stay inside the exchange's limits",
      labelNames: ["exchange", "scope"],
      registers,
    });
    const waitSeconds = new Counter({
      name: METRIC.rateLimitWaitSeconds,
      help: "Seconds requests spent waiting for a rate-limit slot",
      labelNames: ["exchange", "scope"],
      registers,
    });
    const refusals = new Counter({
      name: METRIC.rateLimitRefusals,
      help: "Calls refused because their rate-limit slot lay past their deadline or the longest wait",
      labelNames: ["exchange", "scope"],
      registers,
    });
    const served = new Counter({
      name: METRIC.served,
      help: "Answers by where they came from: a live stream's cache or a REST request",
      labelNames: ["exchange", "method", "source"],
      registers,
    });
    const streams = new StreamStates(telemetry, mountNames, this.channels, registers);

    this.unsubscribe.push(
      telemetry.on("call", (e) => {
        const labels = this.labelsOf(e);
        requests.inc(labels);
        requestSeconds.observe(labels, e.seconds);
      }),
      telemetry.on("upstream", (e) => {
        const endpoint = this.endpoints.fold(e.exchange, e.endpoint);
        upstream.inc({ exchange: e.exchange, endpoint, outcome: e.outcome });
        upstreamSeconds.observe({ exchange: e.exchange, endpoint }, e.seconds);
      }),
      telemetry.on("rateLimit", (e) => {
        const labels = { exchange: e.exchange, scope: this.scopes.fold(e.exchange, e.scope) };
        if (e.kind === "refused") return refusals.inc(labels);
        waits.inc(labels);
        waitSeconds.inc(labels, e.seconds);
      }),
      telemetry.on("served", (e) => served.inc({ exchange: e.exchange, method: e.method, source: e.source })),
      telemetry.on("stream", (e) => streams.onEvent(e)),
    );
  }

  /** The cached label object of a call: three map look-ups, an allocation only for a new series. */
  private labelsOf(e: CallEvent): CallLabels {
    // Only a mount's name is a label value; an unknown path is the caller's text.
    const exchange = e.known ? e.exchange : UNKNOWN_EXCHANGE;
    let byMethod = this.callLabels.get(exchange);
    if (!byMethod) this.callLabels.set(exchange, (byMethod = new Map()));
    let byOutcome = byMethod.get(e.method);
    if (!byOutcome) byMethod.set(e.method, (byOutcome = new Map()));
    let labels = byOutcome.get(e.outcome);
    if (!labels) byOutcome.set(e.outcome, (labels = { exchange, method: e.method, outcome: e.outcome }));
    return labels;
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
