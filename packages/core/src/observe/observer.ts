import type { Telemetry } from "../telemetry/telemetry";
import { GatewayMetrics } from "./metrics/gateway-metrics";
import { MountPageTable } from "./mount-pages/mount-page-table";
import { type ObservedMount, StatusStore } from "./status/status-store";

/**
 * Everything a gateway shows about itself: Prometheus metrics and the status page's store, both fed by
 * its telemetry. One per gateway, made before the mounts so that what adapters report while they start
 * (a stream connecting) is counted; `attach` then names the mounts and their pages. `close` unsubscribes both.
 */
export class Observer {
  readonly metrics: GatewayMetrics;
  readonly status: StatusStore;
  /** The pages adapters serve about their mounts (`/mounts/<mount>/`); none until `attach`. */
  pages = new MountPageTable();
  private mounts: readonly ObservedMount[] = [];

  constructor(telemetry: Telemetry, startedAt = Date.now()) {
    const mounts = () => this.mounts;
    this.metrics = new GatewayMetrics(telemetry, () => mounts().map((m) => m.name));
    this.status = new StatusStore(telemetry, mounts, startedAt);
  }

  attach(mounts: readonly ObservedMount[]): void {
    this.mounts = mounts;
    this.pages = new MountPageTable(mounts);
  }

  close(): void {
    this.metrics.close();
    this.status.close();
  }
}
