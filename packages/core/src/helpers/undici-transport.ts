import axios, {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from "axios";
import { Agent, type Dispatcher } from "undici";

export interface UndiciTransportOptions {
  /** Connections per exchange origin; default 64. */
  connections?: number;
  /** Close a pooled connection idle this long; below typical exchange idle timeouts. Default 4 000 ms. */
  keepAliveTimeoutMs?: number;
}

/** One request on the pool, as the gateway's hot path sends it (no axios config merging). */
export interface DirectRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  /** Bounds the wait for the response head, and again for the body. */
  timeoutMs: number;
}

export interface DirectResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export type UndiciTransport = AxiosAdapter & {
  /** The same pool without axios in between: what HttpClient.send uses. */
  send(req: DirectRequest): Promise<DirectResponse>;
  close(): Promise<void>;
};

/** undici's codes for "no answer in time" (head or body). */
export const UNDICI_TIMEOUT_CODES: ReadonlySet<string> = new Set([
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * A request HTTP cannot carry (a control character in its path, a header value with a line break),
 * refused before undici sees it. Nothing was sent.
 */
export class UnsendableRequestError extends Error {
  readonly code = "UND_ERR_INVALID_ARG";
}

/**
 * Requests on undici's pooled keep-alive client instead of Node's http module: measured about twice
 * the throughput behind the gateway (README, benchmark). Two ways in: as an axios adapter (adapter
 * authors keep axios's API, errors keep axios's codes: `ECONNABORTED` for a timeout, `ERR_CANCELED`
 * for an abort) and `send`, the gateway's own hot path, which skips axios's per-request config work.
 * TLS certificates are verified.
 *
 * undici (7.x) loses a pool slot for every request it refuses as an invalid argument: the pool makes a
 * client for it, the client's dispatch fails, and the pool marks that never-connected client as
 * needing a drain that never comes. After `connections` such requests every later request to that
 * origin queues forever (the "stall after 64 IO paths with control characters"). So requests are
 * checked here first, by undici's own rules (`unsendable`), and should undici still refuse one, the
 * pool is replaced, so no refused request can use up the connections of the ones that follow.
 */
export function createUndiciTransport(opts: UndiciTransportOptions = {}): UndiciTransport {
  const makeAgent = () =>
    new Agent({
      connections: opts.connections ?? 64,
      keepAliveTimeout: opts.keepAliveTimeoutMs ?? 4_000,
      keepAliveMaxTimeout: 60_000,
      connect: { rejectUnauthorized: true },
    });
  let dispatcher = makeAgent();

  const send = async (req: DirectRequest): Promise<DirectResponse> => {
    const path = req.url.slice(req.url.indexOf("/", req.url.indexOf("//") + 2)) || "/";
    const method = req.method.toUpperCase();
    const problem = unsendable(path, method, req.headers);
    if (problem) throw new UnsendableRequestError(problem);
    const pool = dispatcher;
    let res: Dispatcher.ResponseData;
    try {
      res = await pool.request({
        origin: new URL(req.url).origin,
        path,
        method: method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
    } catch (err) {
      if ((err as { code?: string }).code === "UND_ERR_INVALID_ARG" && dispatcher === pool) {
        // A rule `unsendable` does not know: this pool may have lost a slot for good. New requests get
        // a fresh pool; those in flight finish on this one, which is then destroyed (a pool with a lost
        // slot never finishes closing by itself).
        dispatcher = makeAgent();
        void pool.close().catch(() => undefined);
        setTimeout(() => void pool.destroy().catch(() => undefined), RETIRE_MS).unref();
      }
      throw err;
    }
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  };

  const adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const timeoutMs = config.timeout && config.timeout > 0 ? config.timeout : 300_000;
    const signal = config.signal as AbortSignal | undefined;
    let res: DirectResponse;
    try {
      res = await send({
        url: axios.getUri(config),
        method: config.method ?? "get",
        headers: headerRecord(config),
        body: bodyOf(config.data),
        signal,
        timeoutMs,
      });
    } catch (err) {
      if (signal?.aborted) throw new AxiosError("canceled", AxiosError.ERR_CANCELED, config);
      const e = err as { code?: string; message?: string };
      if (e.code && UNDICI_TIMEOUT_CODES.has(e.code)) {
        throw new AxiosError(`timeout of ${timeoutMs}ms exceeded`, AxiosError.ECONNABORTED, config);
      }
      throw new AxiosError(e.message ?? "network error", e.code ?? AxiosError.ERR_NETWORK, config);
    }
    const headers = new AxiosHeaders();
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    const response: AxiosResponse = {
      data: res.text,
      status: res.status,
      statusText: "",
      headers,
      config,
      request: undefined,
    };
    if (config.validateStatus && !config.validateStatus(res.status)) {
      const code = res.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
      throw new AxiosError(
        `Request failed with status code ${res.status}`,
        code,
        config,
        undefined,
        response,
      );
    }
    return response;
  };

  return Object.assign(adapter, { send, close: () => dispatcher.close() });
}

/** How long a replaced pool's requests in flight may take (longer than any request timeout we set). */
const RETIRE_MS = 5 * 60_000;

/** undici's request-line and header rules (lib/core/request.js), checked before it can lose a slot. */
const INVALID_PATH = /[^\u0021-\u00ff]/;
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** Why HTTP cannot carry this request, or undefined. Names the part, never a header's value. */
export function unsendable(
  path: string,
  method: string,
  headers: Record<string, string>,
): string | undefined {
  if (!path.startsWith("/") || INVALID_PATH.test(path)) {
    return "the path holds a control character, a space or a character outside Latin-1";
  }
  if (!TOKEN.test(method)) return "the HTTP method is not a valid token";
  for (const name in headers) {
    if (!TOKEN.test(name)) return "a header name is not a valid token";
    const value = headers[name];
    if (typeof value === "string" && INVALID_HEADER_VALUE.test(value)) {
      return `header ${name} holds a control character or a character outside Latin-1`;
    }
  }
  return undefined;
}

function headerRecord(config: InternalAxiosRequestConfig): Record<string, string> {
  const out: Record<string, string> = {};
  const json = AxiosHeaders.from(config.headers).toJSON(true) as Record<string, unknown>;
  for (const [k, v] of Object.entries(json)) {
    if (v === undefined || v === null || v === false) continue;
    out[k] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}

function bodyOf(data: unknown): string | Buffer | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === "string" || Buffer.isBuffer(data)) return data;
  return JSON.stringify(data);
}
