import {
  type Credentials,
  ExchangeError,
  HttpClient,
  type HttpResponse,
  type Logger,
  type MountTelemetry,
  RateLimitedError,
  RateLimiter,
  type RateRule,
  parseJsonBody,
} from "@fmz-gateway/core";
import { DEMO_ERRORS, type DemoEnvelope } from "./api-types";
import { signRequest } from "./sign";

/** What a request needs from the call: its abort signal and logger (a `CallContext` is one). */
export interface RequestScope {
  readonly signal?: AbortSignal;
  readonly logger: Logger;
}

/** A signed request also needs the caller's keys. */
export interface PrivateScope extends RequestScope {
  readonly credentials: Credentials;
}

export type Query = Record<string, string | number | undefined>;

/** DEMOEX's published limits: public calls per gateway, private calls per API key. */
const PUBLIC_RULE: RateRule = { capacity: 50, intervalMs: 1_000 };
const PRIVATE_RULE: RateRule = { capacity: 20, intervalMs: 1_000 };

/**
 * DEMOEX's REST API: public GETs, signed private calls, and DEMOEX's `{code, msg}` errors mapped to the
 * gateway's error classes. One per mount (it owns the keep-alive connection pool). No retries: a read can
 * be asked again by the strategy, and an order must never be sent twice.
 */
export class DemoExRest {
  private readonly http: HttpClient;
  private readonly limiter: RateLimiter;

  /** `telemetry` (the mount's) receives each request's endpoint, outcome and time, and limiter waits. */
  constructor(opts: { baseUrl: string; timeoutMs: number; telemetry?: MountTelemetry }) {
    const { baseUrl, timeoutMs, telemetry } = opts;
    this.http = new HttpClient({ exchange: "DEMOEX", baseUrl, timeoutMs, telemetry });
    this.limiter = new RateLimiter({ exchange: "DEMOEX", telemetry });
  }

  /** Closes the pooled connections (the gateway is shutting down). */
  close(): Promise<void> {
    return this.http.close();
  }

  async publicGet<T>(scope: RequestScope, path: string, query: Query = {}): Promise<T> {
    await this.limiter.acquire("public", PUBLIC_RULE, scope.signal);
    return this.send<T>(scope, "GET", withQuery(path, query), "", {});
  }

  async privateCall<T>(
    scope: PrivateScope,
    method: "GET" | "POST" | "DELETE",
    path: string,
    query: Query = {},
    body?: object,
  ): Promise<T> {
    const { accessKey, secret, extras } = scope.credentials;
    // The bucket key holds the access key (limits are per key); the limiter's errors show only "private".
    await this.limiter.acquire(`private|${accessKey}`, PRIVATE_RULE, scope.signal);
    const target = withQuery(path, query);
    const text = body === undefined ? "" : JSON.stringify(body);
    const timestamp = String(Date.now());
    const headers: Record<string, string> = {
      "X-DEMO-KEY": accessKey,
      "X-DEMO-TS": timestamp,
      "X-DEMO-SIGN": signRequest(secret, timestamp, method, target, text),
    };
    // A key created with a passphrase needs it: on FMZ it rides in the Secret Key, `SECRET,PASSPHRASE`.
    if (extras[0]) headers["X-DEMO-PASSPHRASE"] = extras[0];
    return this.send<T>(scope, method, target, text, headers);
  }

  private async send<T>(
    scope: RequestScope,
    method: string,
    target: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<T> {
    const started = performance.now();
    const res = await this.http.send({
      method,
      path: target,
      body: body || undefined,
      headers,
      signal: scope.signal,
    });
    // Method and path only: headers carry the key and signature, queries and bodies are not needed here.
    scope.logger.debug(
      `DEMOEX ${method} ${target.split("?")[0]} → HTTP ${res.status} in ${(performance.now() - started).toFixed(1)} ms`,
    );
    const envelope = parseJsonBody<DemoEnvelope<T> | null>(res, "DEMOEX");
    if (res.status === 200 && envelope?.code === 0) return envelope.data as T;
    throw toGatewayError(res, envelope);
  }
}

/** DEMOEX's own code and message reach the strategy verbatim: `DEMOEX 30001: insufficient USDT balance`. */
export function toGatewayError(res: HttpResponse, envelope: DemoEnvelope<unknown> | null): ExchangeError {
  const code = typeof envelope?.code === "number" ? String(envelope.code) : `HTTP ${res.status}`;
  const message = typeof envelope?.msg === "string" ? envelope.msg : "unexpected answer";
  if (res.status === 429 || envelope?.code === DEMO_ERRORS.tooManyRequests) {
    return new RateLimitedError("DEMOEX", code, message, res.status);
  }
  return new ExchangeError("DEMOEX", code, message, res.status);
}

/** `path?a=1&b=2`, skipping undefined values; the text returned is exactly what is signed and sent. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
