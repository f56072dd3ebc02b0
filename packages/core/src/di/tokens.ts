import type { MountInfo } from "../adapter/exchange-adapter";
import type { MountSource } from "../adapter/mount-source";
import type { RateLimitStore } from "../helpers/rate-limit-store";
import type { TtlCache, TtlCacheOptions } from "../helpers/ttl-cache";
import type { Logger } from "../logging/logger";
import type { MountTelemetry } from "../telemetry/telemetry";

/*
 * The tokens the gateway's shared services are registered under in tsyringe's container. An adapter
 * takes one with `@inject(TOKEN)` on a constructor parameter; a test or a deployment swaps one by
 * registering its own under the token in the container it hands the Gateway.
 *
 * Symbols from the global registry (`Symbol.for`), so a plugin that resolved its own copy of core still
 * asks for the very tokens the host registered.
 */

/** Epoch ms now. Process-wide; default `Date.now`. */
export type Clock = () => number;

/** Makes a mount's caches, on the clock of the container it was resolved from. */
export interface CacheFactory {
  ttl<K, V>(opts: TtlCacheOptions): TtlCache<K, V>;
}

/** Another mount of this gateway by name (see `MountInfo.mountSource`). */
export type MountSources = (name: string) => MountSource;

// Process-wide: registered once in the root container (root.ts).

/** `RateLimitStore`: the windows behind every `RateLimiter` built from it (one process, by default). */
export const RATE_LIMIT_STORE: unique symbol = Symbol.for("@fmz-gateway/core:rate-limit-store");
/** `Clock`: the time limiters, caches and clocks count in. */
export const CLOCK: unique symbol = Symbol.for("@fmz-gateway/core:clock");
/** `CacheFactory`: resolved per mount, so each mount's caches run on that mount's `CLOCK`. */
export const CACHE_FACTORY: unique symbol = Symbol.for("@fmz-gateway/core:cache-factory");

// Per mount: registered in the child container the host makes for each mount (mount-scope.ts).

/** `MountInfo`: what `init(mount)` receives, available to the constructor already. */
export const MOUNT_INFO: unique symbol = Symbol.for("@fmz-gateway/core:mount-info");
/** `Logger`: the mount's logger (its lines carry the mount's name). */
export const MOUNT_LOGGER: unique symbol = Symbol.for("@fmz-gateway/core:mount-logger");
/** `MountTelemetry`: where the mount reports upstream requests, limiter waits, streams. */
export const MOUNT_TELEMETRY: unique symbol = Symbol.for("@fmz-gateway/core:mount-telemetry");
/** `MountSources`: the mounts this one declared in `static dependencies(options)`. */
export const MOUNT_SOURCES: unique symbol = Symbol.for("@fmz-gateway/core:mount-sources");

/** Each token's service type, for the typed `resolveService` / `provideService`. */
export interface Services {
  [RATE_LIMIT_STORE]: RateLimitStore;
  [CLOCK]: Clock;
  [CACHE_FACTORY]: CacheFactory;
  [MOUNT_INFO]: MountInfo<object>;
  [MOUNT_LOGGER]: Logger;
  [MOUNT_TELEMETRY]: MountTelemetry;
  [MOUNT_SOURCES]: MountSources;
}
