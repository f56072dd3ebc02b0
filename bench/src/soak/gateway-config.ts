import type { SoakConfig } from "./config";

/** The two mounts under soak: the OKX adapter with its defaults, and ccxt's okx class. */
export function soakExchanges(
  standinUrl: string,
  cfg: SoakConfig,
): Record<string, { adapter: string; options: Record<string, unknown>; callTimeoutMs: number }> {
  return {
    OKX: {
      adapter: "OKX",
      options: { baseUrl: standinUrl, timeoutMs: cfg.httpTimeoutMs, rateLimits: false },
      callTimeoutMs: cfg.callTimeoutMs,
    },
    OKXC: {
      adapter: "ccxt",
      options: {
        exchange: "okx",
        baseUrl: standinUrl,
        timeoutMs: cfg.httpTimeoutMs,
        ccxt: { enableRateLimit: false },
      },
      callTimeoutMs: cfg.callTimeoutMs,
    },
  };
}

export const MOUNTS = ["OKX", "OKXC"] as const;
