import http from "node:http";
import https from "node:https";
import axios, { type AxiosAdapter, type AxiosInstance, type Method } from "axios";
import { BadRequestError, ExchangeError, NetworkError, TimeoutError } from "../errors/gateway-errors";
import { escapeControls } from "../telemetry/labels";
import type { MountTelemetry } from "../telemetry/telemetry";
import {
  UNDICI_TIMEOUT_CODES,
  type UndiciTransport,
  UnsendableRequestError,
  createUndiciTransport,
} from "./undici-transport";

export interface HttpClientOptions {
  /** Exchange name used in error messages (`OKX`). */
  exchange: string;
  /** Root URL: the exchange, a testnet, a proxy or a stand-in. */
  baseUrl: string;
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number;
  /** Upper bound of concurrent connections to the exchange; default 64. */
  maxSockets?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /**
   * What runs the requests under axios: `undici` (default, measured about twice as fast behind the
   * gateway), `node-http` (axios's own adapter on Node's http module), or any axios adapter.
   */
  transport?: "undici" | "node-http" | AxiosAdapter;
  /** Where each request is reported (endpoint, outcome, seconds): the mount's `MountInfo.telemetry`. */
  telemetry?: MountTelemetry;
}

export interface HttpRequest {
  method: string;
  /** Path with its query string, exactly as signed: `/api/v5/market/ticker?instId=BTC-USDT`. */
  path: string;
  /** The exact body text that was signed; sent byte for byte. */
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * The endpoint label reported to telemetry; default the path without its query. Numeric and id-like
   * segments are templated in core (`/orders/123` → `/orders/{id}`, see telemetry/labels.ts), so an
   * adapter passes its own template only where a path carries other caller data (a symbol).
   */
  endpoint?: string;
  /**
   * Values the endpoint label must never show: the caller's keys, for a path made of a caller's text
   * (`exchange.IO`). They are replaced by `***` as in log lines.
   */
  secrets?: readonly string[];
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw body text; parse with `parseJsonBody` so a garbage body becomes a clear error. */
  text: string;
}

/** Connection failures that prove the request never left: safe to report as "not sent". */
const NOT_SENT_CODES = new Set([
  // undici refused the request's arguments before opening or using any connection.
  "UND_ERR_INVALID_ARG",
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TIMEOUT_CODES = new Set(["ECONNABORTED", "ETIMEDOUT", ...UNDICI_TIMEOUT_CODES]);

/**
 * Thrown for transport failures. `mayHaveBeenSent` tells an order path whether the exchange may have
 * received (and executed) the request, i.e. whether to look the order up by its client id.
 */
export class HttpTransportError extends NetworkError {
  constructor(
    message: string,
    readonly mayHaveBeenSent: boolean,
  ) {
    super(message);
  }
}

export class HttpTimeoutError extends TimeoutError {
  readonly mayHaveBeenSent = true;
}

/**
 * An HTTP client for exchange REST APIs on axios: keep-alive connection pools, TLS verified, a timeout
 * on every request, transport errors turned into the gateway's error classes. HTTP error statuses are
 * returned, not thrown, because exchanges put their own error code in the body, which the adapter maps.
 * Error messages carry method and path only, never headers (which hold keys and signatures).
 */
export class HttpClient {
  readonly axios: AxiosInstance;
  readonly exchange: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  private readonly undici?: UndiciTransport;
  private readonly defaultHeaders: Record<string, string>;
  private readonly telemetry?: MountTelemetry;

  constructor(opts: HttpClientOptions) {
    this.exchange = opts.exchange;
    this.telemetry = opts.telemetry;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    const maxSockets = opts.maxSockets ?? 64;
    // FMZ_HTTP_TRANSPORT=node-http switches every client back to axios's own adapter (diagnosis, bench).
    const transport =
      opts.transport ?? (process.env.FMZ_HTTP_TRANSPORT === "node-http" ? "node-http" : "undici");
    if (transport === "undici") this.undici = createUndiciTransport({ connections: maxSockets });
    const adapter = transport === "undici" ? this.undici : transport === "node-http" ? undefined : transport;
    this.defaultHeaders = { "content-type": "application/json", accept: "application/json" };
    for (const [k, v] of Object.entries(opts.headers ?? {})) this.defaultHeaders[k.toLowerCase()] = v;
    this.axios = axios.create({
      baseURL: this.baseUrl,
      timeout: this.timeoutMs,
      headers: this.defaultHeaders,
      // Node's agents only matter when axios's own http adapter runs the requests.
      ...(transport === "node-http"
        ? {
            httpAgent: new http.Agent({ keepAlive: true, maxSockets }),
            httpsAgent: new https.Agent({ keepAlive: true, maxSockets, rejectUnauthorized: true }),
          }
        : {}),
      // We parse ourselves: the body must stay the exchange's exact text (decimals, garbage detection).
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
      ...(adapter ? { adapter } : {}),
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    if (!this.telemetry) return this.sendOnce(req);
    const started = performance.now();
    let outcome = "ok";
    try {
      const res = await this.sendOnce(req);
      if (res.status >= 400) outcome = `http-${Math.floor(res.status / 100)}xx`;
      return res;
    } catch (err) {
      outcome = (err as { kind?: string }).kind ?? "network";
      throw err;
    } finally {
      this.telemetry.upstream(endpointOf(req), outcome, (performance.now() - started) / 1000, req.secrets);
    }
  }

  private async sendOnce(req: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    try {
      if (this.undici) return await this.sendDirect(this.undici, req, timeoutMs);
      const res = await this.axios.request<string>({
        method: req.method as Method,
        url: req.path,
        data: req.body,
        headers: req.headers,
        signal: req.signal,
        timeout: timeoutMs,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      return {
        status: res.status,
        headers,
        text: typeof res.data === "string" ? res.data : String(res.data ?? ""),
      };
    } catch (err) {
      // The path may hold a caller's text: quoted with its control characters escaped, never long.
      const where = escapeControls(`${req.method.toUpperCase()} ${req.path.split("?")[0]}`, 200);
      throw this.transportError(err, where, timeoutMs, req.signal);
    }
  }

  /** The hot path: straight onto the undici pool, skipping axios's per-request config merging. */
  private async sendDirect(
    undici: UndiciTransport,
    req: HttpRequest,
    timeoutMs: number,
  ): Promise<HttpResponse> {
    const headers = { ...this.defaultHeaders };
    for (const k in req.headers) headers[k.toLowerCase()] = req.headers[k];
    const res = await undici.send({
      url: this.baseUrl + req.path,
      method: req.method,
      headers,
      body: req.body,
      signal: req.signal,
      timeoutMs,
    });
    const out: Record<string, string> = {};
    for (const k in res.headers) {
      const v = res.headers[k];
      if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
    }
    return { status: res.status, headers: out, text: res.text };
  }

  /** Closes pooled connections (on shutdown). */
  async close(): Promise<void> {
    await this.undici?.close();
  }

  private transportError(err: unknown, where: string, timeoutMs: number, signal?: AbortSignal): Error {
    // A request HTTP cannot carry (a control character in its path or a header): the caller's input.
    if (err instanceof UnsendableRequestError) {
      return new BadRequestError(`${this.exchange} ${where} not sent: ${err.message}`);
    }
    const code = (err as { code?: string }).code ?? "";
    if (signal?.aborted) {
      // The call's signal says why: its deadline passed, or the docker hung up.
      const why = signal.reason instanceof Error ? signal.reason.message : "the call was cancelled";
      return new HttpTimeoutError(`${this.exchange} ${where} cancelled: ${why}`);
    }
    if (TIMEOUT_CODES.has(code)) {
      return new HttpTimeoutError(`${this.exchange} did not answer ${where} within ${timeoutMs} ms`);
    }
    const reason = code || (err instanceof Error ? err.message : "unknown error");
    return new HttpTransportError(
      `${this.exchange} network error on ${where}: ${reason}`,
      !NOT_SENT_CODES.has(code),
    );
  }
}

/** The request's bounded label: the one given, else the path up to its query string. */
function endpointOf(req: HttpRequest): string {
  if (req.endpoint) return req.endpoint;
  const q = req.path.indexOf("?");
  return q < 0 ? req.path : req.path.slice(0, q);
}

/**
 * Parses an exchange's JSON body; a body that is not JSON (an HTML error page, a truncated reply)
 * becomes an ExchangeError quoting the start of the body and the HTTP status.
 */
export function parseJsonBody<T>(res: HttpResponse, exchange: string): T {
  try {
    return JSON.parse(res.text) as T;
  } catch {
    const snippet = res.text.slice(0, 120).replace(/\s+/g, " ").trim();
    throw new ExchangeError(
      exchange,
      `HTTP ${res.status}`,
      `unreadable response (not JSON)${snippet ? `: ${snippet}` : ": empty body"}`,
      res.status,
    );
  }
}
