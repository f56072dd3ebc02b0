import type { RateRule } from "@fmz-gateway/core";

/**
 * What an OKX limit is counted per (reference §3): public endpoints per IP, which for one gateway
 * process means per endpoint; private ones per user (we key on the API key), some also per instrument.
 */
export type RateScope = "ip" | "ip+instType" | "ip+instId" | "user" | "user+instId";

export interface EndpointLimit extends RateRule {
  readonly scope: RateScope;
}

const TWO_S = 2_000;

function limit(capacity: number, scope: RateScope): EndpointLimit {
  return { capacity, intervalMs: TWO_S, scope };
}

/** OKX's published per-endpoint limits, keyed `METHOD path` (reference §3, from each endpoint's section). */
export const ENDPOINT_LIMITS: Readonly<Record<string, EndpointLimit>> = {
  "GET /api/v5/public/time": limit(10, "ip"),
  "GET /api/v5/market/ticker": limit(20, "ip"),
  "GET /api/v5/market/tickers": limit(20, "ip"),
  "GET /api/v5/market/books": limit(40, "ip"),
  "GET /api/v5/market/trades": limit(100, "ip"),
  "GET /api/v5/market/history-trades": limit(20, "ip"),
  "GET /api/v5/market/candles": limit(40, "ip"),
  "GET /api/v5/market/history-candles": limit(20, "ip"),
  "GET /api/v5/public/instruments": limit(20, "ip+instType"),
  "GET /api/v5/public/funding-rate": limit(10, "ip+instId"),
  "GET /api/v5/account/balance": limit(10, "user"),
  "GET /api/v5/account/positions": limit(10, "user"),
  "POST /api/v5/account/set-leverage": limit(20, "user"),
  // OKX docs (Get account configuration, Set position mode): 5 requests / 2 s per user.
  "GET /api/v5/account/config": limit(5, "user"),
  "POST /api/v5/account/set-position-mode": limit(5, "user"),
  "POST /api/v5/trade/order": limit(60, "user+instId"),
  "GET /api/v5/trade/order": limit(60, "user+instId"),
  "POST /api/v5/trade/cancel-order": limit(60, "user+instId"),
  "GET /api/v5/trade/orders-pending": limit(60, "user"),
  "GET /api/v5/trade/orders-history": limit(40, "user"),
  "GET /api/v5/trade/orders-history-archive": limit(20, "user"),
};

/**
 * Endpoints we have no published figure for (reachable through `__api_` passthrough) get the lowest limit
 * OKX publishes for any endpoint we know, per endpoint and user, so passthrough cannot flood OKX either.
 */
export const DEFAULT_LIMIT: EndpointLimit = limit(10, "user");

/** A Map: the path may be a caller's text (`__api_` passthrough), never a plain object's key. */
const LIMITS_BY_ENDPOINT: ReadonlyMap<string, EndpointLimit> = new Map(Object.entries(ENDPOINT_LIMITS));

export function endpointLimit(method: string, path: string): EndpointLimit {
  return LIMITS_BY_ENDPOINT.get(`${method.toUpperCase()} ${path}`) ?? DEFAULT_LIMIT;
}

/**
 * The bucket key for one request: the endpoint, plus the API key for per-user limits and the instrument
 * (or instrument type) for the limits counted per instrument. Public buckets carry no key at all.
 */
export function rateKey(
  method: string,
  path: string,
  rule: EndpointLimit,
  apiKey: string | undefined,
  scope: string | undefined,
): string {
  const endpoint = `${method.toUpperCase()} ${path}`;
  const user = rule.scope.startsWith("user") ? (apiKey ?? "") : "";
  const inst = rule.scope.includes("+") ? (scope ?? "") : "";
  return `${endpoint}|${user}|${inst}`;
}
