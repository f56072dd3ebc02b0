/**
 * Every metric the gateway exports, named by Prometheus conventions: base units (seconds), `_total` on
 * counters, and labels drawn from bounded sets only (mount, wire method, outcome kind, endpoint
 * template, limiter scope, stream channel). Never a key, a symbol or an order id.
 */
export const METRIC = {
  requests: "fmz_gateway_requests_total",
  requestSeconds: "fmz_gateway_request_duration_seconds",
  upstreamRequests: "fmz_gateway_upstream_requests_total",
  upstreamSeconds: "fmz_gateway_upstream_request_duration_seconds",
  rateLimitWaits: "fmz_gateway_rate_limit_waits_total",
  rateLimitWaitSeconds: "fmz_gateway_rate_limit_wait_seconds_total",
  rateLimitRefusals: "fmz_gateway_rate_limit_refusals_total",
  streamUp: "fmz_gateway_stream_up",
  streams: "fmz_gateway_streams",
  streamReconnects: "fmz_gateway_stream_reconnects_total",
  served: "fmz_gateway_served_total",
  privateMismatches: "fmz_gateway_private_stream_mismatches_total",
  info: "fmz_gateway_info",
} as const;

/** From 1 ms (a cached answer) to 30 s (the default call deadline). */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
