import type { DependencyContainer } from "tsyringe";
import type { MountInfo } from "../adapter/exchange-adapter";
import { MOUNT_INFO, MOUNT_LOGGER, MOUNT_SOURCES, MOUNT_TELEMETRY } from "./tokens";
import "./root";

/**
 * The container one mount's adapter is resolved in: a child of the gateway's, holding what belongs to
 * this mount (its info, logger, telemetry and sources). Everything else (the rate-limit store, the
 * clock, the cache factory) it inherits, so a replacement registered in the gateway's container reaches
 * every mount.
 */
export function mountScope(parent: DependencyContainer, mount: MountInfo<object>): DependencyContainer {
  const scope = parent.createChildContainer();
  scope.register(MOUNT_INFO, { useValue: mount });
  scope.register(MOUNT_LOGGER, { useValue: mount.logger });
  scope.register(MOUNT_TELEMETRY, { useValue: mount.telemetry });
  scope.register(MOUNT_SOURCES, { useValue: (name: string) => mount.mountSource(name) });
  return scope;
}
