export { Observer } from "./observer";
export { GatewayMetrics } from "./metrics/gateway-metrics";
export { METRIC } from "./metrics/metric-names";
export { StatusStore, type ObservedMount } from "./status/status-store";
export type * from "./status/status-types";
