import type { FromSchema } from "@fmz-gateway/core";
import * as ccxt from "ccxt";

/**
 * The stream options' defaults, for the schema and for code handed options that did not pass through it
 * (the stream fields are optional in `CcxtOptions` so that options written before streams still type).
 */
export const STREAM_DEFAULTS = {
  streams: true,
  streamIdleMs: 300_000,
  maxStreams: 200,
  wsKeepaliveMs: 30_000,
  wsReconnectMs: 1_000,
} as const;

/** Option values with their defaults' types widened (`true` → boolean, `300_000` → number). */
type Settings<D> = { -readonly [K in keyof D]: D[K] extends boolean ? boolean : number };

/** The options named by `defaults`, each as given or else its default. */
function settingsOf<D extends Record<string, number | boolean>>(o: CcxtOptions, defaults: D): Settings<D> {
  const given = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults)) out[key] = given[key] ?? value;
  return out as Settings<D>;
}

export type StreamSettings = Settings<typeof STREAM_DEFAULTS>;

/** The stream options of a mount, defaults filled in. */
export function streamSettings(o: CcxtOptions): StreamSettings {
  return settingsOf(o, STREAM_DEFAULTS);
}

/** The private-stream options' defaults (optional in `CcxtOptions`, as the stream ones are). */
export const PRIVATE_DEFAULTS = {
  privateStreams: false,
  reconcileMs: 60_000,
  maxPrivateStreams: 20,
  privateWaitMs: 300,
} as const;

export type PrivateSettings = Settings<typeof PRIVATE_DEFAULTS>;

/** The private-stream options of a mount, defaults filled in. */
export function privateSettings(o: CcxtOptions): PrivateSettings {
  return settingsOf(o, PRIVATE_DEFAULTS);
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The options of one ccxt mount: the one declaration of each key, its rule, default and meaning
 * (`CcxtOptions` is derived from it).
 */
export const optionsSchema = {
  type: "object",
  required: ["exchange"],
  additionalProperties: false,
  properties: {
    exchange: {
      type: "string",
      minLength: 1,
      description: "A ccxt exchange id (`okx`, `kraken`, `bybit` …); matched ignoring case.",
    },
    market: {
      enum: ["spot", "swap", "future"],
      default: "spot",
      description:
        "What a bare pair (`BTC_USDT`) means and ccxt's `defaultType`: `spot`, `swap` or `future`.",
    },
    sandbox: {
      type: "boolean",
      default: false,
      description: "ccxt's sandbox (testnet / demo trading) for every caller of this mount.",
    },
    timeoutMs: {
      type: "integer",
      minimum: 100,
      maximum: 600_000,
      default: DEFAULT_TIMEOUT_MS,
      description:
        "ccxt's per-request timeout, set once on each instance; a call's shorter deadline is raced (bridge.ts).",
    },
    baseUrl: {
      type: "string",
      pattern: "^https?://[^\\s/?#]+(/[^\\s?#]*)?$",
      description:
        "Replaces the scheme, host and port of every REST root of the exchange (a proxy, a stand-in).",
    },
    ccxt: {
      type: "object",
      default: {},
      description:
        "Passed through to the ccxt constructor (`options`, `hostname`, `userAgent` …); never credentials.",
    },
    maxInstances: {
      type: "integer",
      minimum: 1,
      maximum: 100_000,
      default: 200,
      description: "How many per-key ccxt instances the mount keeps (least recently used go first).",
    },
    streams: {
      type: "boolean",
      default: STREAM_DEFAULTS.streams,
      description:
        "Answer `ticker`, `depth`, `trades` and `records` from ccxt.pro's websocket streams while a stream is " +
        "live, by REST otherwise (default). `false`: every call is a REST request, as before streams existed.",
    },
    wsUrl: {
      type: "string",
      pattern: "^wss?://[^\\s/?#]+(/[^\\s?#]*)?$",
      description:
        "Replaces the scheme, host and port of every websocket root of the exchange, keeping each root's path " +
        "(`wss://ws.okx.com:8443/ws/v5` → `<wsUrl>/ws/v5`). Unset: ccxt's own roots, or `baseUrl`'s host " +
        "(`ws`/`wss`) when `baseUrl` is set.",
    },
    streamIdleMs: {
      type: "integer",
      minimum: 100,
      maximum: 86_400_000,
      default: STREAM_DEFAULTS.streamIdleMs,
      description: "A stream nobody asked for in this long is unwatched (ms).",
    },
    maxStreams: {
      type: "integer",
      minimum: 1,
      maximum: 10_000,
      default: STREAM_DEFAULTS.maxStreams,
      description: "Streams one mount holds at most; past it the least recently used is unwatched.",
    },
    wsKeepaliveMs: {
      type: "integer",
      minimum: 60,
      maximum: 300_000,
      default: STREAM_DEFAULTS.wsKeepaliveMs,
      description:
        "A stream is served only while its socket was heard from (data or a pong) within this long (ms); a " +
        "socket quiet for longer is dropped and its streams resubscribe. ccxt pings at a third of it.",
    },
    wsReconnectMs: {
      type: "integer",
      minimum: 10,
      maximum: 30_000,
      default: STREAM_DEFAULTS.wsReconnectMs,
      description:
        "Advanced: first retry delay of a failed stream (ms); doubles per failure up to 30 s, with jitter.",
    },
    privateStreams: {
      type: "boolean",
      default: PRIVATE_DEFAULTS.privateStreams,
      description:
        "Answer `accounts`/`assets`, `positions`, `orders` and `order` from ccxt.pro's private streams " +
        "(`watchOrders`, `watchBalance`, `watchPositions`; one per account, opened by its first private call) " +
        "while they are live and as right as REST; by REST otherwise. Off by default; refused at start for an " +
        "exchange whose ccxt.pro class has no `watchOrders` or `watchBalance`.",
    },
    reconcileMs: {
      type: "integer",
      minimum: 0,
      maximum: 86_400_000,
      default: PRIVATE_DEFAULTS.reconcileMs,
      description:
        "How often (ms) a private stream's held orders, balances and positions are compared with REST; a " +
        "difference is corrected, logged and counted (`fmz_gateway_private_stream_mismatches_total`). 0: never.",
    },
    maxPrivateStreams: {
      type: "integer",
      minimum: 1,
      maximum: 1_000,
      default: PRIVATE_DEFAULTS.maxPrivateStreams,
      description:
        "Accounts holding a private stream at once on this mount; past it the least recently used is closed.",
    },
    privateWaitMs: {
      type: "integer",
      minimum: 0,
      maximum: 10_000,
      default: PRIVATE_DEFAULTS.privateWaitMs,
      description:
        "Advanced: after a `trade` or `cancel`, how long (ms) a read waits for the private stream's pushes " +
        "before it takes a REST snapshot instead.",
    },
  },
} as const;

type ValidatedOptions = FromSchema<typeof optionsSchema>;
type StreamKey = keyof typeof STREAM_DEFAULTS | keyof typeof PRIVATE_DEFAULTS;

/**
 * What a mount of the ccxt adapter takes, after the schema filled in the defaults. The stream fields stay
 * optional (read them through `streamSettings` and `privateSettings`) so that options written before
 * streams still type.
 */
export type CcxtOptions = Omit<ValidatedOptions, StreamKey> & Partial<Pick<ValidatedOptions, StreamKey>>;

/** What a mount trades by default. */
export type MountMarket = CcxtOptions["market"];

/** ccxt constructor keys that carry credentials: they come with each FMZ call, never from the config. */
const CREDENTIAL_KEYS = [
  "apiKey",
  "secret",
  "uid",
  "accountId",
  "login",
  "password",
  "twofa",
  "privateKey",
  "walletAddress",
  "token",
];

/** Every exchange id this ccxt build knows. */
export function ccxtExchangeIds(): readonly string[] {
  // Typed by ccxt as its exchange classes; at run time it is the list of ids.
  const ids: unknown = ccxt.exchanges;
  return Array.isArray(ids)
    ? ids.filter((id): id is string => typeof id === "string")
    : Object.keys(ids as object);
}

/**
 * Resolves the configured id to ccxt's spelling, or throws a message listing close matches, so a typo
 * (`krakn`, `okex`) is refused at start instead of on the first call.
 */
export function resolveExchangeId(input: string, known: readonly string[] = ccxtExchangeIds()): string {
  const wanted = input.trim().toLowerCase();
  const exact = known.find((id) => id.toLowerCase() === wanted);
  if (exact) return exact;
  const close = closeMatches(wanted, known);
  throw new Error(
    `unknown ccxt exchange "${input}"` +
      (close.length ? `; did you mean ${close.join(", ")}?` : "") +
      ` (ccxt ${ccxt.version} knows ${known.length} exchanges; see https://docs.ccxt.com/#/Exchange-Markets)`,
  );
}

/** Ids within a small edit distance of `wanted`, or containing it, nearest first (at most five). */
export function closeMatches(wanted: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return known
    .map((id) => ({ id, d: editDistance(wanted, id.toLowerCase()) }))
    .filter(({ id, d }) => d <= limit || (wanted.length >= 3 && id.toLowerCase().includes(wanted)))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, 5)
    .map(({ id }) => id);
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** Checks what the schema cannot: the exchange id and the pass-through ccxt options. */
export function checkOptions<O extends Pick<CcxtOptions, "exchange" | "ccxt" | "baseUrl" | "wsUrl">>(
  options: O,
): O {
  const exchange = resolveExchangeId(options.exchange);
  const passed = Object.keys(options.ccxt).filter((k) => CREDENTIAL_KEYS.includes(k));
  if (passed.length > 0) {
    throw new Error(
      `options.ccxt.${passed[0]}: credentials come with each FMZ request (Access Key, Secret Key), not from the config`,
    );
  }
  return {
    ...options,
    exchange,
    baseUrl: options.baseUrl?.replace(/\/+$/, ""),
    ...(options.wsUrl ? { wsUrl: options.wsUrl.replace(/\/+$/, "") } : {}),
  };
}
