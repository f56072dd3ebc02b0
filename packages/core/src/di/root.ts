// tsyringe needs the Reflect metadata polyfill loaded before it; whichever core module loads first brings it.
import "reflect-metadata";
import { type DependencyContainer, container } from "tsyringe";
import { MemoryRateLimitStore } from "../helpers/rate-limit-store";
import { TtlCache } from "../helpers/ttl-cache";
import { CACHE_FACTORY, CLOCK, type CacheFactory, type Clock, RATE_LIMIT_STORE } from "./tokens";

/**
 * Registers the process-wide defaults in `root` (tsyringe's root container) unless something already
 * did: a second copy of core loaded by a plugin, or an embedding program that registered its own first.
 * Runs when core is loaded, so every container a gateway makes inherits them.
 */
export function registerProcessDefaults(root: DependencyContainer = container): void {
  if (!root.isRegistered(RATE_LIMIT_STORE)) {
    root.register(RATE_LIMIT_STORE, { useValue: new MemoryRateLimitStore() });
  }
  if (!root.isRegistered(CLOCK)) root.register<Clock>(CLOCK, { useValue: () => Date.now() });
  if (!root.isRegistered(CACHE_FACTORY)) {
    // A factory, not a value: tsyringe calls it with the container that asked, so a mount whose
    // gateway was handed another clock gets caches on that clock.
    root.register<CacheFactory>(CACHE_FACTORY, {
      useFactory: (scope) => ttlCaches(scope.resolve<Clock>(CLOCK)),
    });
  }
}

/** `TtlCache`s that expire by `clock`. */
export function ttlCaches(clock: Clock): CacheFactory {
  return { ttl: (opts) => new TtlCache({ ...opts, now: opts.now ?? clock }) };
}

registerProcessDefaults();
