import type { FromSchema } from "@fmz-gateway/core";

export const DEFAULT_BASE_URL = "https://www.okx.com";

const WS_URL = { type: "string", pattern: "^wss?://[^\\s]+$" } as const;

/**
 * The options one OKX mount takes: the one declaration of each key, its rule, default and meaning
 * (`OkxOptions` is derived from it). The host validates a mount's options against it at start (ajv with
 * `useDefaults`), so the adapter always sees every defaulted field filled in, and a typo is refused with
 * its path.
 */
export const OKX_OPTIONS_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    baseUrl: {
      type: "string",
      pattern: "^https?://[^\\s]+$",
      default: DEFAULT_BASE_URL,
      description:
        "OKX's REST root: live OKX, a regional site (`https://eea.okx.com`), a proxy or a stand-in.",
    },
    timeoutMs: {
      type: "integer",
      minimum: 100,
      maximum: 120_000,
      default: 10_000,
      description: "Per-request timeout in milliseconds.",
    },
    market: {
      enum: ["spot", "swap", "futures"],
      default: "spot",
      description:
        "What a pair without a contract suffix means on this mount, and which market `markets`, `tickers` and " +
        "range symbols cover: `spot` (BTC_USDT is BTC-USDT), `swap` (BTC_USDT is BTC-USDT-SWAP) or `futures` " +
        "(BTC_USDT is the nearest quarterly contract, BTC_USDT.quarter; markets and tickers list dated futures).",
    },
    marginMode: {
      enum: ["cross", "isolated"],
      default: "cross",
      description: "Margin mode for swap orders (`tdMode`) and `marginlevel` (`mgnMode`).",
    },
    rateLimits: {
      type: "boolean",
      default: true,
      description:
        "Keep calls inside OKX's published per-endpoint limits (default). Switch off only where the limits do " +
        "not apply: an account with raised limits, a stand-in, a benchmark.",
    },
    clockSync: {
      type: "boolean",
      default: true,
      description:
        "Sign private requests with OKX's time (default): the offset to GET /api/v5/public/time is measured at " +
        "the first private call and every few minutes, and a 50102 re-measures it. `false`: sign with this " +
        "host's clock, which OKX refuses when it is more than 30 s off.",
    },
    streams: {
      type: "boolean",
      default: true,
      description:
        "Answer `ticker`, `depth`, `trades` and `records` from OKX's public websockets while a stream is live, " +
        "by REST otherwise (default). `false`: every call is a REST request, as before streams existed.",
    },
    privateStreams: {
      type: "boolean",
      default: true,
      description:
        "Answer `accounts`/`assets`, `positions`, `orders` and `order` from OKX's private websocket (one per " +
        "account, opened by its first private call) while it is live and as right as REST: snapshot after the " +
        "acks, your own `trade`/`cancel` visible before the answer, regular reconciliation (default). REST " +
        "otherwise. `false`: every private call is a REST request, as before private streams existed.",
    },
    reconcileMs: {
      type: "integer",
      minimum: 0,
      maximum: 86_400_000,
      default: 60_000,
      description:
        "How often (ms) a private stream's held orders, balances and positions are compared with REST; a " +
        "difference is corrected, logged as a warning and counted in " +
        "`fmz_gateway_private_stream_mismatches_total`. 0: never.",
    },
    maxPrivateStreams: {
      type: "integer",
      minimum: 1,
      maximum: 1_000,
      default: 20,
      description:
        "Accounts holding a private stream at once on this mount; past it the least recently used is closed " +
        "(its calls go by REST until it is used again).",
    },
    privateWaitMs: {
      type: "integer",
      minimum: 0,
      maximum: 10_000,
      default: 300,
      description:
        "Advanced: after a `trade` or `cancel`, how long (ms) a read waits for the private stream's pushes " +
        "before it takes a REST snapshot instead.",
    },
    wsUrl: {
      ...WS_URL,
      description:
        "Websocket root (`wss://ws.okx.com:8443/ws/v5`; `/public` and `/business` are appended). Unset: OKX's " +
        "own for OKX's REST hosts, else `ws(s)://<baseUrl host>/ws/v5` (a proxy or the stand-in).",
    },
    wsDemoUrl: {
      ...WS_URL,
      description:
        "Websocket root for callers with a demo (`,simulate`) key; unset: `wsUrl`, else OKX's demo root.",
    },
    streamIdleMs: {
      type: "integer",
      minimum: 100,
      maximum: 86_400_000,
      default: 300_000,
      description: "A stream nobody asked for in this long is unsubscribed (ms).",
    },
    maxStreams: {
      type: "integer",
      minimum: 1,
      maximum: 10_000,
      default: 200,
      description: "Streams one mount holds at most; past it the least recently used is unsubscribed.",
    },
    wsPingMs: {
      type: "integer",
      minimum: 20,
      maximum: 29_000,
      default: 20_000,
      description:
        "Advanced: send `ping` after this long without a message (ms); OKX cuts quiet sockets at 30 s.",
    },
    wsPongTimeoutMs: {
      type: "integer",
      minimum: 20,
      maximum: 30_000,
      default: 5_000,
      description:
        "Advanced: a socket that answers nothing this long after a `ping` is dropped and reconnected (ms).",
    },
    wsReconnectMs: {
      type: "integer",
      minimum: 10,
      maximum: 30_000,
      default: 1_000,
      description: "Advanced: first reconnect delay (ms); doubles per failure up to 30 s, with jitter.",
    },
  },
} as const;

/** The options of one OKX mount once validated: every field with a default is filled in. */
export type OkxOptions = FromSchema<typeof OKX_OPTIONS_SCHEMA>;
