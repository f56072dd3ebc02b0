import {
  BadRequestError,
  type IoRoute,
  type ParamsOf,
  type ResultOf,
  requireIoRoute,
} from "@fmz-gateway/core";
import type { OkxCall } from "./okx-call";
import { parseEnvelope, RATE_LIMIT_CODES, readEnvelope } from "./rest/okx-client";
import type { QueryValue } from "./rest/query";

/**
 * `exchange.IO("api", verb, path, query)`: any OKX v5 endpoint, signed with the caller's keys. The verb
 * comes from the `Http-Method` header; the params become the signed query string (GET) or the JSON body
 * (other verbs). OKX's reply comes back unchanged as `data`, `code`/`msg` included, so a strategy reads
 * it exactly as OKX documents it. Only failures below OKX's envelope (HTTP errors, garbage, timeouts)
 * and rate limits (429, 50011) become `{"error"}`. The endpoint's published rate limit applies as for
 * built-in methods.
 */
export async function io(call: OkxCall, p: ParamsOf<"io">): Promise<ResultOf<"io">> {
  // Core has normalised the path (no `..`, no encoded tricks); OKX's own rule is checked before the keys.
  requireIoRoute(p, OKX_IO_ROUTE);
  const auth = call.auth();
  const params = decodeParams(p.params);
  const instId =
    Object.hasOwn(params, "instId") && typeof params.instId === "string" ? params.instId : undefined;
  const get = p.httpMethod === "GET";
  const res = await call.client.send({
    method: p.httpMethod,
    path: p.path,
    query: get ? toQuery(params) : undefined,
    body: get ? undefined : bodyOf(params),
    auth,
    demo: auth.demo,
    signal: call.ctx.signal,
    deadline: call.ctx.deadline,
    rateScope: instId,
  });
  const envelope = parseEnvelope(res);
  // An HTTP error or a rate limit is an error; any other HTTP 200 envelope is the strategy's to read.
  if (res.status !== 200 || RATE_LIMIT_CODES.has(String(envelope.code))) readEnvelope(res);
  return envelope;
}

/** OKX v5 REST lives under `/api/v5/` and documents GET and POST only (reference §1: "e.g. GET and POST"). */
export const OKX_IO_ROUTE: IoRoute = { exchange: "OKX", prefixes: ["/api/v5/"], verbs: ["GET", "POST"] };

/**
 * The docker decodes the query into params, but values may still be percent-encoded (older strategies
 * escape them); numbers become their decimal text, so no float reaches OKX. Own keys only, copied with
 * `Object.fromEntries` (which defines properties): a caller's `__proto__` key stays a plain key and never
 * becomes the copy's prototype.
 */
function decodeParams(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
}

function normalize(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return /%[0-9A-Fa-f]{2}/.test(value) ? safeDecode(value) : value;
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === "object" && value !== null) return decodeParams(value);
  return value;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function toQuery(params: Record<string, unknown>): Record<string, QueryValue> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]): [string, QueryValue] => [
      key,
      typeof value === "string" ? value : value === undefined ? undefined : JSON.stringify(value),
    ]),
  );
}

/**
 * A body of one `obj` field holding JSON (the old FMZ way to pass an array body, e.g. for batch orders)
 * is sent as that JSON; otherwise the params object is the body.
 */
function bodyOf(params: Record<string, unknown>): unknown {
  const keys = Object.keys(params);
  if (keys.length === 1 && keys[0] === "obj" && typeof params.obj === "string") {
    try {
      return normalize(JSON.parse(params.obj));
    } catch {
      throw new BadRequestError('IO: "obj" must hold JSON');
    }
  }
  return params;
}
