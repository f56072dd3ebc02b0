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
 * The endpoint a full URL path names: the group's REST root plus ccxt's path is an exact match; a path
 * that merely ends with ccxt's path (OKX's `/api/v5/` is added in its signer) is the fallback, the
 * longest such path winning; between groups, signed endpoints are preferred when the caller has keys.
 */
export function matchEndpoint(
  endpoints: readonly ApiEndpoint[],
  method: string,
  path: string,
  preferPrivate: boolean,
): EndpointMatch | undefined {
  let best: { match: EndpointMatch; score: number } | undefined;
  for (const e of endpoints) {
    if (e.method !== method) continue;
    const { source, names } = pattern(e.path.replace(/^\/+/, ""));
    const exact = new RegExp(`^${escape(e.rootPath)}/${source}$`).exec(path);
    const suffix = exact ?? new RegExp(`/${source}$`).exec(path);
    if (!suffix) continue;
    const group = Array.isArray(e.api) ? e.api.join("/") : e.api;
    const isPrivate = /private|signed|auth/i.test(group);
    const score = (exact ? 1_000_000 : 0) + e.path.length * 10 + (isPrivate === preferPrivate ? 1 : 0);
    if (!best || score > best.score) {
      const pathParams: Record<string, string> = {};
      names.forEach((n, i) => {
        pathParams[n] = decodeURIComponent(suffix[i + 1] ?? "");
      });
      best = { match: { endpoint: e, pathParams }, score };
    }
  }
  return best?.match;
}

export async function io(b: Bridge, ctx: Ctx, p: ParamsOf<"io">): Promise<ResultOf<"io">> {
  const keyed = hasCredentials(ctx.credentials);
  const ex = keyed ? await b.privateExchange(ctx) : await b.publicExchange(ctx);
  const found = matchEndpoint(endpointsOf(ex), p.httpMethod, p.path, keyed);
  if (!found) {
    throw new BadRequestError(
      `IO: ${b.id} has no ${p.httpMethod} ${p.path} in ccxt's description of its API`,
    );
  }
  const { endpoint, pathParams } = found;
  const params = { ...p.params, ...pathParams };
  return b.run(ctx, ex, `__api_${p.path}`, () =>
    ex.request(endpoint.path, endpoint.api, endpoint.method, params),
  );
}
