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
   * range symbols cover: `spot` (BTC_USDT is BTC-USDT), `swap` (BTC_USDT is BTC-USDT-SWAP) or `futures`
   * (BTC_USDT is the nearest quarterly contract, BTC_USDT.quarter; markets and tickers list dated futures).
   */
  market: "spot" | "swap" | "futures";
  /** Margin mode for swap orders (`tdMode`) and `marginlevel` (`mgnMode`). */
  marginMode: "cross" | "isolated";
  /**
   * Keep calls inside OKX's published per-endpoint limits (default). Switch off only where the limits do
   * not apply: an account with raised limits, a stand-in, a benchmark.
   */
  rateLimits: boolean;
  /**
   * Sign private requests with OKX's time (default): the offset to GET /api/v5/public/time is measured at
   * the first private call and every few minutes, and a 50102 re-measures it. `false`: sign with this
   * host's clock, which OKX refuses when it is more than 30 s off.
   */
  clockSync: boolean;
  /**
   * Answer `ticker`, `depth`, `trades` and `records` from OKX's public websockets while a stream is live,
   * by REST otherwise (default). `false`: every call is a REST request, as before streams existed.
   */
  streams: boolean;
  /**
   * Websocket root (`wss://ws.okx.com:8443/ws/v5`; `/public` and `/business` are appended). Unset: OKX's
   * own for OKX's REST hosts, else `ws(s)://<baseUrl host>/ws/v5` (a proxy or the stand-in).
   */
  wsUrl?: string;
  /** Websocket root for callers with a demo (`,simulate`) key; unset: `wsUrl`, else OKX's demo root. */
  wsDemoUrl?: string;
  /** A stream nobody asked for in this long is unsubscribed (ms). */
  streamIdleMs: number;
  /** Streams one mount holds at most; past it the least recently used is unsubscribed. */
  maxStreams: number;
  /** Advanced: send `ping` after this long without a message (ms); OKX cuts quiet sockets at 30 s. */
  wsPingMs: number;
  /** Advanced: a socket that answers nothing this long after a `ping` is dropped and reconnected (ms). */
  wsPongTimeoutMs: number;
  /** Advanced: first reconnect delay (ms); doubles per failure up to 30 s, with jitter. */
  wsReconnectMs: number;
}

export const DEFAULT_BASE_URL = "https://www.okx.com";

export const OKX_OPTIONS_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    baseUrl: { type: "string", pattern: "^https?://[^\\s]+$", default: DEFAULT_BASE_URL },
    timeoutMs: { type: "integer", minimum: 100, maximum: 120_000, default: 10_000 },
    market: { enum: ["spot", "swap", "futures"], default: "spot" },
    marginMode: { enum: ["cross", "isolated"], default: "cross" },
    rateLimits: { type: "boolean", default: true },
    clockSync: { type: "boolean", default: true },
    streams: { type: "boolean", default: true },
    wsUrl: { type: "string", pattern: "^wss?://[^\\s]+$" },
    wsDemoUrl: { type: "string", pattern: "^wss?://[^\\s]+$" },
    streamIdleMs: { type: "integer", minimum: 100, maximum: 86_400_000, default: 300_000 },
    maxStreams: { type: "integer", minimum: 1, maximum: 10_000, default: 200 },
    wsPingMs: { type: "integer", minimum: 20, maximum: 29_000, default: 20_000 },
    wsPongTimeoutMs: { type: "integer", minimum: 20, maximum: 30_000, default: 5_000 },
    wsReconnectMs: { type: "integer", minimum: 10, maximum: 30_000, default: 1_000 },
  },
} as const;
