/**
 * The few places that touch ccxt's loosely typed surface (constructor lookup, `has`, `urls`, `api`),
 * wrapped in small typed functions so the rest of the package stays strict.
 */
import * as ccxt from "ccxt";

export type CcxtExchange = ccxt.Exchange;
export type CcxtMarket = ccxt.MarketInterface;
export type CcxtOrder = ccxt.Order;

type ExchangeConstructor = new (config?: Record<string, unknown>) => ccxt.Exchange;

/** A fresh ccxt instance of `id` (an id `resolveExchangeId` accepted). */
export function createExchange(id: string, config: Record<string, unknown>): ccxt.Exchange {
  const ctor = (ccxt as unknown as Record<string, unknown>)[id];
  if (typeof ctor !== "function") throw new Error(`ccxt has no exchange class "${id}"`);
  return new (ctor as ExchangeConstructor)(config);
}

/** Whether ccxt says the exchange offers a unified method (`true` or `'emulated'`). */
export function has(ex: ccxt.Exchange, feature: string): boolean {
  const v = ex.has[feature];
  return v === true || v === "emulated";
}

/** ccxt's names of the credentials the exchange requires, in ccxt's order. */
export function requiredCredentialNames(ex: ccxt.Exchange): string[] {
  const req = ex.requiredCredentials as unknown as Record<string, unknown>;
  return Object.keys(req).filter((k) => req[k] === true);
}

/** Sets a credential on an instance (ccxt keeps them as plain fields). */
export function setCredential(ex: ccxt.Exchange, name: string, value: string): void {
  (ex as unknown as Record<string, unknown>)[name] = value;
}

/** The instance's loaded markets, or undefined before loadMarkets. */
export function loadedMarkets(ex: ccxt.Exchange): Record<string, CcxtMarket> | undefined {
  return ex.markets as Record<string, CcxtMarket> | undefined;
}

/**
 * The value `record` holds under `key` as its own property, else undefined. ccxt keeps its tables
 * (`markets`, `markets_by_id`) in plain objects, and the keys we look up are often a caller's text (an
 * order id's instrument part): indexed directly, `constructor` or `__proto__` would name Object's own
 * members instead of "no such market".
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Every market ccxt indexed under an exchange market id (spot first, as ccxt sorts them). */
export function marketsById(ex: ccxt.Exchange, id: string): CcxtMarket[] {
  const found: unknown = ownValue(ex.markets_by_id as Record<string, unknown> | undefined, id);
  return Array.isArray(found) ? (found as CcxtMarket[]) : [];
}

/** The unified timeframes the exchange offers (`1m`, `1h` …). */
export function timeframes(ex: ccxt.Exchange): string[] {
  return Object.keys((ex.timeframes as Record<string, unknown> | undefined) ?? {});
}

/** Reads an option from `ex.options`. */
export function option(ex: ccxt.Exchange, name: string): unknown {
  return (ex.options as Record<string, unknown>)[name];
}

/**
 * Points every REST root in `urls.api` at `baseUrl`: the scheme, host and port are replaced, each root's
 * own path is kept (`https://api.binance.com/api/v3` → `<baseUrl>/api/v3`). `{hostname}` is resolved
 * first. Non-HTTP entries (websockets) are left alone.
 */
export function overrideRestRoots(ex: ccxt.Exchange, baseUrl: string): void {
  overrideRoots(ex, /^https?:\/\/[^/?#]+([^?#]*)(.*)$/, baseUrl);
}

/**
 * Replaces the scheme, host and port of every root in `urls.api` that `root` matches (group 1: the
 * root's own path, kept; group 2: its query, kept) with `newRoot`. `{hostname}` is resolved first; roots
 * the pattern does not match (the other protocol's) are left alone. REST and websocket roots both go
 * through here, so `baseUrl` and `wsUrl` treat their roots alike.
 */
export function overrideRoots(ex: ccxt.Exchange, root: RegExp, newRoot: string): void {
  const rewrite = (node: unknown): unknown => {
    if (typeof node === "string") {
      const m = root.exec(ex.implodeHostname(node));
      return m ? newRoot + (m[1] === "/" ? "" : m[1]) + m[2] : node;
    }
    if (node && typeof node === "object" && !Array.isArray(node)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = rewrite(v);
      return out;
    }
    return node;
  };
  const urls = ex.urls as unknown as Record<string, unknown>;
  urls.api = rewrite(urls.api);
}

/** Whether ccxt knows a sandbox (testnet/demo) REST root for the exchange. */
export function hasSandbox(ex: ccxt.Exchange): boolean {
  const test: unknown = (ex.urls as unknown as { test?: unknown }).test;
  return typeof test === "string"
    ? test !== ""
    : !!test && typeof test === "object" && Object.keys(test).length > 0;
}

type RestResponseHook = (
  status: number,
  statusText: string,
  url: string,
  method: string,
  responseHeaders: unknown,
  responseBody: string,
  requestHeaders: unknown,
  requestBody: unknown,
) => string;

/**
 * Makes a successful reply that is not JSON (an HTML error page from a proxy, a cut-off body) a
 * `BadResponse`, where ccxt would otherwise parse it as an empty structure and answer zeros.
 */
export function refuseUnreadableReplies(ex: ccxt.Exchange): void {
  const target = ex as unknown as { onRestResponse: RestResponseHook };
  const original = target.onRestResponse.bind(ex);
  target.onRestResponse = (...args) => {
    const text = original(...args);
    const [status, , url, method] = args;
    if (status >= 200 && status < 300 && typeof text === "string" && !readable(text)) {
      throw new ccxt.BadResponse(
        `${ex.id} unreadable reply to ${method} ${url.split("?")[0]} (HTTP ${status}, not JSON): ${text.slice(0, 120)}`,
      );
    }
    return text;
  };
}

function readable(text: string): boolean {
  const t = text.trim();
  if (t.startsWith("<")) return false;
  if (!t.startsWith("{") && !t.startsWith("[")) return true; // plain text some endpoints answer
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** One endpoint of the exchange's REST description, as ccxt's implicit API knows it. */
export interface ApiEndpoint {
  /** The `api` argument ccxt's `request` takes: `private`, or `['private', 'spot']` for nested groups. */
  readonly api: string | string[];
  /** Upper-case verb. */
  readonly method: string;
  /** ccxt's path, possibly with `{placeholders}`. */
  readonly path: string;
  /** The URL path of this group's REST root (`/api/v3` on binance, `` on okx). */
  readonly rootPath: string;
}

/** Flattens `ex.api` into its endpoints (cached per instance class by the caller). */
export function listEndpoints(ex: ccxt.Exchange): ApiEndpoint[] {
  const out: ApiEndpoint[] = [];
  const urls = (ex.urls as unknown as { api?: unknown }).api;
  const walk = (node: unknown, groups: string[]): void => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (/^(get|post|put|delete|head|patch)$/i.test(key)) {
        const paths = Array.isArray(value)
          ? value.filter((p): p is string => typeof p === "string")
          : value && typeof value === "object"
            ? Object.keys(value)
            : [];
        for (const p of paths) {
          out.push({
            api: groups.length > 1 ? [...groups] : (groups[0] ?? ""),
            method: key.toUpperCase(),
            path: p.trim(),
            rootPath: rootPathOf(ex, urls, groups),
          });
        }
      } else {
        walk(value, [...groups, key]);
      }
    }
  };
  walk(ex.api, []);
  return out;
}

function rootPathOf(ex: ccxt.Exchange, urls: unknown, groups: string[]): string {
  let node: unknown = urls;
  for (const g of groups) {
    if (typeof node === "string") break;
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[g] : undefined;
  }
  if (node && typeof node === "object") node = (node as Record<string, unknown>).rest;
  if (typeof node !== "string") return "";
  const m = /^(?:https?:\/\/[^/]+)?(\/[^?#]*)?/.exec(ex.implodeHostname(node));
  return (m?.[1] ?? "").replace(/\/+$/, "");
}

/** What `reportUpstream` reports to: the mount's telemetry (structurally, so this file needs no core). */
interface UpstreamReports {
  upstream(endpoint: string, outcome: string, seconds: number): void;
  rateLimit(scope: string, kind: "wait" | "refused", seconds: number): void;
}

type Fetch2 = (path: string, api: unknown, method: string, ...rest: unknown[]) => Promise<unknown>;

/**
 * Reports each REST request through ccxt's `fetch2` (the one door every implicit and unified method
 * goes through), labelled `METHOD api/path` with ccxt's path template (`GET private/order/{id}`): a
 * bounded set, with no ids or symbols. The time includes ccxt's own throttle, which is reported as a
 * rate-limit wait of scope `ccxt` when it held the request back.
 */
export function reportUpstream(ex: ccxt.Exchange, reports: UpstreamReports): void {
  const target = ex as unknown as { fetch2: Fetch2; throttle: (cost?: number) => Promise<unknown> };
  const fetch2 = target.fetch2.bind(ex);
  const throttle = target.throttle.bind(ex);
  target.throttle = async (cost) => {
    const started = performance.now();
    const out = await throttle(cost);
    const ms = performance.now() - started;
    if (ms >= 1) reports.rateLimit("ccxt", "wait", ms / 1000);
    return out;
  };
  target.fetch2 = async (path, api, method, ...rest) => {
    const started = performance.now();
    const endpoint = `${String(method).toUpperCase()} ${Array.isArray(api) ? api.join("/") : String(api)}/${path}`;
    let outcome = "ok";
    try {
      return await fetch2(path, api, method, ...rest);
    } catch (err) {
      outcome =
        err instanceof ccxt.RequestTimeout
          ? "timeout"
          : err instanceof ccxt.NetworkError
            ? "network"
            : "exchange";
      throw err;
    } finally {
      reports.upstream(endpoint, outcome, (performance.now() - started) / 1000);
    }
  };
}
