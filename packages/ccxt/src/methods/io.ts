/**
 * `exchange.IO("api", verb, path, query)`: the exchange's own endpoint, called through ccxt's signed
 * request path (`request(path, api, method, params)`), found in ccxt's description of the exchange's
 * REST API. The answer is the exchange's JSON, unchanged.
 */
import { BadRequestError, type ParamsOf, type ResultOf, hasCredentials } from "@fmz-gateway/core";
import type { Bridge, Ctx } from "../bridge";
import { type ApiEndpoint, type CcxtExchange, listEndpoints } from "../ccxt-lib";

const endpointCache = new WeakMap<CcxtExchange, ApiEndpoint[]>();

function endpointsOf(ex: CcxtExchange): ApiEndpoint[] {
  let list = endpointCache.get(ex);
  if (!list) {
    list = listEndpoints(ex);
    endpointCache.set(ex, list);
  }
  return list;
}

export interface EndpointMatch {
  readonly endpoint: ApiEndpoint;
  /** Values of the endpoint's `{placeholders}` taken from the path. */
  readonly pathParams: Record<string, string>;
}

/** Whether ccxt, asked for `endpoint`, requests exactly the caller's path (see `signsToPath`). */
export type ConfirmPath = (endpoint: ApiEndpoint, pathParams: Record<string, string>) => boolean;

function escape(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
}

function pattern(path: string): { source: string; names: string[] } {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]);
      return "([^/]+)";
    })
    .join("");
  return { source, names };
}

/**
 * The endpoint a full URL path names, among ccxt's endpoints for the verb (ccxt's description of the
 * API is the list of verbs and paths allowed): the group's REST root plus ccxt's path is an exact match;
 * a path that merely ends with ccxt's path (OKX's `/api/v5/` is added in its signer) is the fallback,
 * the longest such path winning; between groups, signed endpoints are preferred when the caller has keys.
 * A fallback match holds only where `confirm` says ccxt would request that very path, so a path outside
 * the exchange's API root (`/elsewhere/market/ticker`) never stands for one inside it.
 */
export function matchEndpoint(
  endpoints: readonly ApiEndpoint[],
  method: string,
  path: string,
  preferPrivate: boolean,
  confirm?: ConfirmPath,
): EndpointMatch | undefined {
  const candidates: { match: EndpointMatch; score: number; exact: boolean }[] = [];
  for (const e of endpoints) {
    if (e.method !== method) continue;
    const { source, names } = pattern(e.path.replace(/^\/+/, ""));
    const exact = new RegExp(`^${escape(e.rootPath)}/${source}$`).exec(path);
    const suffix = exact ?? new RegExp(`/${source}$`).exec(path);
    if (!suffix) continue;
    const pathParams = placeholderValues(names, suffix);
    if (!pathParams) continue;
    const group = Array.isArray(e.api) ? e.api.join("/") : e.api;
    const isPrivate = /private|signed|auth/i.test(group);
    const score = (exact ? 1_000_000 : 0) + e.path.length * 10 + (isPrivate === preferPrivate ? 1 : 0);
    candidates.push({ match: { endpoint: e, pathParams }, score, exact: exact !== null });
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates.find((c) => c.exact || !confirm || confirm(c.match.endpoint, c.match.pathParams));
  return best?.match;
}

/**
 * The `{placeholder}` values a path gives, decoded; undefined when one would move the request to
 * another path once ccxt puts it in (a `/`, a backslash, a `.` or `..` segment, bad encoding).
 */
function placeholderValues(names: readonly string[], m: RegExpExecArray): Record<string, string> | undefined {
  const out = new Map<string, string>();
  for (let i = 0; i < names.length; i++) {
    let value: string;
    try {
      value = decodeURIComponent(m[i + 1] ?? "");
    } catch {
      return undefined;
    }
    if (value === "" || value === "." || value === ".." || /[/\\?#]/.test(value)) return undefined;
    out.set(names[i], value);
  }
  return Object.fromEntries(out);
}

/**
 * Whether ccxt, asked for `endpoint` with these values, would request exactly `path`: its signer builds
 * the URL (prefixes such as OKX's `/api/v5/` included) without sending anything.
 */
export function signsToPath(ex: CcxtExchange, path: string, params: Record<string, unknown>): ConfirmPath {
  return (endpoint, pathParams) => {
    try {
      const signed = ex.sign(endpoint.path, endpoint.api, endpoint.method, { ...params, ...pathParams }) as {
        url?: unknown;
      };
      if (typeof signed?.url !== "string") return false;
      const pathname = new URL(signed.url, "http://x").pathname;
      return pathname === path || safeDecode(pathname) === path;
    } catch {
      // ccxt cannot build this request (missing keys, an unsupported market): not the caller's endpoint.
      return false;
    }
  };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

export async function io(b: Bridge, ctx: Ctx, p: ParamsOf<"io">): Promise<ResultOf<"io">> {
  const keyed = hasCredentials(ctx.credentials);
  const ex = keyed ? await b.privateExchange(ctx) : await b.publicExchange(ctx);
  // Core has normalised the path and verb; here they must name one of the exchange's own endpoints.
  const found = matchEndpoint(
    endpointsOf(ex),
    p.httpMethod,
    p.path,
    keyed,
    signsToPath(ex, p.path, p.params),
  );
  if (!found) {
    throw new BadRequestError(
      `invalid IO path: ${b.id} has no ${p.httpMethod} ${p.path} in ccxt's description of its API`,
    );
  }
  const { endpoint, pathParams } = found;
  const params = { ...p.params, ...pathParams };
  return b.run(ctx, `__api_${p.path}`, () =>
    ex.request(endpoint.path, endpoint.api, endpoint.method, params),
  );
}
