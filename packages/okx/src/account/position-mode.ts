import { createHash } from "node:crypto";
import { type CacheFactory, type TtlCache, ttlCaches } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";

/** OKX's account position modes (account/config `posMode`, reference §5). */
export type PosMode = "net_mode" | "long_short_mode";

/**
 * Short: a user who switches the mode on OKX's site is followed within a minute even when no order is
 * refused in between; an order refused for its position side re-reads at once anyway.
 */
const TTL_MS = 60_000;

/**
 * OKX's per-item codes that say the position side does not fit the account's mode: 51000 "Parameter
 * posSide error" (reference §2.3) and 51010 "Request unsupported under current account mode".
 */
export function isPositionSideError(code: string, message: string): boolean {
  return (code === "51000" && /posSide/i.test(message)) || code === "51010";
}

/**
 * The position mode of each caller's account, read from GET /api/v5/account/config and cached per API
 * key for a minute. The key is hashed before it is used as a cache key, so the cache never holds a key in
 * the clear (and nothing here logs one). Per mount: demo and live accounts of one key differ.
 */
export class PositionModeCache {
  private readonly cache: TtlCache<string, PosMode>;

  /** `caches`: the mount's (the container's `CACHE_FACTORY`, on its clock). */
  constructor(caches: CacheFactory = ttlCaches(Date.now)) {
    this.cache = caches.ttl({ ttlMs: TTL_MS, maxEntries: 1_000 });
  }

  private key(call: OkxCall): string {
    const auth = call.auth();
    const digest = createHash("sha256").update(auth.apiKey).digest("hex").slice(0, 32);
    return `${digest}|${auth.demo ? "demo" : "live"}`;
  }

  get(call: OkxCall): Promise<PosMode> {
    return this.cache.get(this.key(call), async () => {
      const rows = await call.privateGet<{ posMode?: string }>("/api/v5/account/config", {});
      // Anything but long/short is net mode, OKX's default (and the only mode of portfolio margin).
      return rows[0]?.posMode === "long_short_mode" ? "long_short_mode" : "net_mode";
    });
  }

  /** Forgets the caller's mode, so the next `get` asks OKX (after OKX refused a position side). */
  forget(call: OkxCall): void {
    this.cache.delete(this.key(call));
  }
}
