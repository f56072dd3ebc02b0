/**
 * The options one OKX mount takes. The host validates them against `OKX_OPTIONS_SCHEMA` at start (ajv with
 * `useDefaults`), so the adapter always sees every field filled in, and a typo is refused with its path.
 */
export interface OkxOptions {
  /** OKX's REST root: live OKX, a regional site (`https://eea.okx.com`), a proxy or a stand-in. */
  baseUrl: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /**
   * What a pair without a contract suffix means on this mount, and which market `markets`, `tickers` and
   * range symbols cover: `spot` (BTC_USDT is BTC-USDT) or `swap` (BTC_USDT is BTC-USDT-SWAP).
   */
  market: "spot" | "swap";
  /** Margin mode for swap orders (`tdMode`) and `marginlevel` (`mgnMode`). */
  marginMode: "cross" | "isolated";
  /**
   * Keep calls inside OKX's published per-endpoint limits (default). Switch off only where the limits do
   * not apply: an account with raised limits, a stand-in, a benchmark.
   */
  rateLimits: boolean;
}

export const DEFAULT_BASE_URL = "https://www.okx.com";

export const OKX_OPTIONS_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    baseUrl: { type: "string", pattern: "^https?://[^\\s]+$", default: DEFAULT_BASE_URL },
    timeoutMs: { type: "integer", minimum: 100, maximum: 120_000, default: 10_000 },
    market: { enum: ["spot", "swap"], default: "spot" },
    marginMode: { enum: ["cross", "isolated"], default: "cross" },
    rateLimits: { type: "boolean", default: true },
  },
} as const;
