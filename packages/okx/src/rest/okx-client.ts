import {
  ExchangeError,
  HttpClient,
  type HttpResponse,
  type Logger,
  type MayHaveBeenSent,
  type MountTelemetry,
  RateLimitedError,
  RateLimiter,
  type RateLimitStore,
  type UnclearOutcome,
  endpointLabel,
} from "@fmz-gateway/core";
import type { OkxAuth } from "../auth/credentials";
import { okxTimestamp, signRequest } from "../auth/sign";
import type { OkxEnvelope, OkxItemResult } from "../okx-types";
import { OkxClock } from "./clock";
import { buildQuery, type QueryValue } from "./query";
import { DEFAULT_LIMIT, endpointLimit, rateKey } from "./rate-limits";

export const EXCHANGE = "OKX";

/**
 * OKX's limiter over `store`. Every OKX mount is handed the process's store (the container's
 * `RATE_LIMIT_STORE`), so two mounts (spot and swap) on the same OKX share its IP and users' limits. Keys
 * carry the base URL, so a stand-in and live OKX never share a window. A queued call fails fast past 5 s.
 * The 250 ms margin covers the drift between when we take a slot and when OKX counts the request.
 */
export function okxRateLimiter(store: RateLimitStore, now: () => number): RateLimiter {
  return new RateLimiter({ exchange: EXCHANGE, maxWaitMs: 5_000, marginMs: 250, store, now });
}

export interface OkxRequest {
  method: string;
  /** `/api/v5/...`, without a query string. */
  path: string;
  /** GET parameters; encoded once, and that text is both signed and sent. */
  query?: Readonly<Record<string, QueryValue>>;
  /** POST body (object or array); serialised once, and that text is both signed and sent. */
  body?: unknown;
  /** Signs the request when present (private endpoints). */
  auth?: OkxAuth;
  /** Adds `x-simulated-trading: 1` (OKX demo trading). */
  demo: boolean;
  /** The call's abort signal: fires at the call's deadline or when the docker hangs up (none for public reads). */
  signal?: AbortSignal;
  /** Epoch ms after which the call is answered anyway; the rate limiter will not queue past it. */
  deadline?: number;
  /** The instrument (or instrument type) the endpoint's limit is counted per, when it is. */
  rateScope?: string;
}

/**
 * OKX answered, but not in a way that tells whether a state-changing request took effect: a 5xx, a body
 * that is not OKX's envelope, or one of OKX's "timed out, check the result" codes. It carries core's
 * MayHaveBeenSent marker, so the order path looks the order up instead of trusting or retrying.
 */
export class OkxUnclearReplyError extends ExchangeError implements MayHaveBeenSent {
  readonly mayHaveBeenSent = true;
  constructor(
    exchange: string,
    code: string,
    exchangeMessage: string,
    httpStatus?: number,
    /** `unreadable` for a body that is not OKX's envelope; else an error answer that does not tell. */
    readonly unclear: UnclearOutcome = "server-error",
  ) {
    super(exchange, code, exchangeMessage, httpStatus);
  }
}

/** OKX codes that say the request may or may not have been executed (reference §2.4). */
const OUTCOME_UNKNOWN_CODES = new Set(["50004", "50026", "51054", "51149"]);
/** OKX codes that mean "slow down" (50011 rate limit, 50013 busy, 50061 sub-account order rate). */
export const RATE_LIMIT_CODES: ReadonlySet<string> = new Set(["50011", "50013", "50061"]);

/**
 * The one way the adapter talks to OKX: takes a rate-limit slot, signs the exact bytes it sends (the
 * query text and the JSON text built here are the ones hashed), sends, and reads OKX's envelope: `code`
 * "0" gives `data`; anything else, including a per-item `sCode`/`sMsg` inside an HTTP 200 reply, becomes
 * an ExchangeError carrying OKX's own code and message. Nothing here retries: callers decide.
 */
export class OkxClient {
  readonly http: HttpClient;
  /** OKX's time as measured from this mount; private requests are signed with it (see OkxClock). */
  readonly clock: OkxClock;
  private readonly clockSync: boolean;

  private readonly limiter?: RateLimiter;
  private readonly now: () => number;

  constructor(opts: {
    baseUrl: string;
    timeoutMs: number;
    /** Keeps requests inside OKX's limits (`okxRateLimiter`); none sends every request at once. */
    limiter?: RateLimiter;
    telemetry?: MountTelemetry;
    /** Sign with OKX's measured time (default true). */
    clockSync?: boolean;
    logger?: Logger;
    /** This host's time (epoch ms), the container's `CLOCK`; default `Date.now`. */
    now?: () => number;
  }) {
    this.limiter = opts.limiter;
    this.now = opts.now ?? Date.now;
    this.http = new HttpClient({
      exchange: EXCHANGE,
      baseUrl: opts.baseUrl,
      timeoutMs: opts.timeoutMs,
      telemetry: opts.telemetry,
    });
    this.telemetry = opts.telemetry;
    this.clockSync = opts.clockSync !== false;
    this.clock = new OkxClock(() => this.serverTime(opts.timeoutMs), opts.logger, this.now);
  }

  /** GET /api/v5/public/time → OKX's clock in Unix ms (reference §4.1). */
  async serverTime(timeoutMs: number): Promise<number> {
    const rows = await this.call<{ ts?: string }>({
      method: "GET",
      path: "/api/v5/public/time",
      demo: false,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const ts = Number(rows[0]?.ts);
    if (!Number.isFinite(ts) || ts <= 0) {
      throw new OkxUnclearReplyError(
        EXCHANGE,
        "no-time",
        "OKX public/time answered no timestamp",
        undefined,
        "unreadable",
      );
    }
    return ts;
  }

  /** This mount's reports; the shared limiter is told per request whose wait it was. */
  private readonly telemetry?: MountTelemetry;

  /** Sends and checks the envelope; returns `data` (always an array). */
  async call<T>(req: OkxRequest): Promise<T[]> {
    const res = await this.send(req);
    return readEnvelope<T>(res);
  }

  /**
   * Sends a request and returns OKX's raw answer (for `__api_` passthrough); transport errors throw. A
   * signed request OKX refuses with 50102 (timestamp expired) is sent once more after re-measuring the
   * clock: OKX rejects it at authentication, before doing anything, so the retry cannot place an order
   * twice. It is re-signed with a fresh timestamp; method, path, query and body are the same.
   */
  async send(req: OkxRequest): Promise<HttpResponse> {
    const synced = req.auth !== undefined && this.clockSync;
    if (synced) await this.clock.ensureFresh();
    const res = await this.sendOnce(req);
    if (!synced || !isExpiredTimestamp(res)) return res;
    await this.clock.measure().catch(() => undefined);
    return this.sendOnce(req);
  }

  private async sendOnce(req: OkxRequest): Promise<HttpResponse> {
    const method = req.method.toUpperCase();
    const rule = endpointLimit(method, req.path);
    // A path OKX's table knows is fixed text. Any other is a passthrough path, the caller's text: the
    // limiter names its bucket (in errors and on the status page) by the path's label, ids templated and
    // the caller's keys redacted, and the HTTP client labels it the same way.
    const passthrough = rule === DEFAULT_LIMIT;
    const secrets =
      passthrough && req.auth ? [req.auth.apiKey, req.auth.secret, req.auth.passphrase] : undefined;
    const bucket = passthrough ? endpointLabel(req.path, secrets) : req.path;
    await this.limiter?.acquire(
      // One limiter serves every mount in the process: OKX counts per IP and per user, not per mount.
      `${rateKey(method, bucket, rule, req.auth?.apiKey, req.rateScope)}|${this.http.baseUrl}`,
      rule,
      req.signal,
      req.deadline,
      this.telemetry,
    );
    const requestPath = req.path + buildQuery(req.query ?? {});
    // JSON.stringify of an object whose numeric values are all strings: no float can reach OKX.
    const body = req.body === undefined ? "" : JSON.stringify(req.body);
    const headers: Record<string, string> = {};
    if (req.demo) headers["x-simulated-trading"] = "1";
    if (req.auth) {
      const timestamp = okxTimestamp(this.clockSync ? this.clock.now() : this.now());
      headers["OK-ACCESS-KEY"] = req.auth.apiKey;
      headers["OK-ACCESS-SIGN"] = signRequest(req.auth.secret, timestamp, method, requestPath, body);
      headers["OK-ACCESS-TIMESTAMP"] = timestamp;
      headers["OK-ACCESS-PASSPHRASE"] = req.auth.passphrase;
    }
    return this.http.send({
      method,
      path: requestPath,
      body: body === "" ? undefined : body,
      headers,
      signal: req.signal,
      secrets,
    });
  }

  /** Closes pooled keep-alive connections, so a stopped gateway does not keep the process alive. */
  close(): Promise<void> {
    return this.http.close();
  }
}

/**
 * Reads OKX's `{"code","msg","data"}` envelope. Rules (reference §2): `code` "0" is success; otherwise a
 * per-item `sCode`/`sMsg` explains the failure when present (place and cancel), else `code`/`msg`. HTTP 429
 * and OKX's rate-limit codes are RateLimitedError; a 5xx or a body that is not an envelope is an
 * OkxUnclearReplyError.
 */
export function readEnvelope<T>(res: HttpResponse): T[] {
  const envelope = parseEnvelope(res);
  const code = envelope.code === undefined || envelope.code === null ? undefined : String(envelope.code);
  const msg = typeof envelope.msg === "string" ? envelope.msg.trim() : "";
  const data = Array.isArray(envelope.data) ? (envelope.data as T[]) : [];

  if (res.status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    throw new RateLimitedError(EXCHANGE, code ?? "429", msg || "Too Many Requests", res.status);
  }
  if (code === undefined) {
    throw new OkxUnclearReplyError(
      EXCHANGE,
      `HTTP ${res.status}`,
      `unexpected response without an OKX code: ${snippet(res.text)}`,
      res.status,
      "unreadable",
    );
  }
  const failed = (data as unknown[]).find(isFailedItem);
  if (code !== "0" || res.status >= 400 || failed) {
    const errCode = failed?.sCode ?? code;
    const errMsg = (failed?.sMsg ?? "").trim() || msg || `HTTP ${res.status}`;
    if (res.status >= 500 || OUTCOME_UNKNOWN_CODES.has(errCode)) {
      throw new OkxUnclearReplyError(EXCHANGE, errCode, errMsg, res.status);
    }
    if (RATE_LIMIT_CODES.has(errCode)) throw new RateLimitedError(EXCHANGE, errCode, errMsg, res.status);
    throw new ExchangeError(EXCHANGE, errCode === "0" ? `HTTP ${res.status}` : errCode, errMsg, res.status);
  }
  return data;
}

/** Parses the body as OKX's envelope; anything else (HTML, truncated JSON, empty) is an unclear reply. */
export function parseEnvelope(res: HttpResponse): OkxEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    throw new OkxUnclearReplyError(
      EXCHANGE,
      `HTTP ${res.status}`,
      `unreadable response (not JSON): ${snippet(res.text)}`,
      res.status,
      "unreadable",
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new OkxUnclearReplyError(
      EXCHANGE,
      `HTTP ${res.status}`,
      `unexpected response (not an OKX envelope): ${snippet(res.text)}`,
      res.status,
      "unreadable",
    );
  }
  return parsed as OkxEnvelope;
}

/** OKX's "Timestamp request expired" (HTTP 401, code 50102). */
export const TIMESTAMP_EXPIRED = "50102";

function isExpiredTimestamp(res: HttpResponse): boolean {
  if (res.status !== 401) return false;
  try {
    return String((JSON.parse(res.text) as OkxEnvelope).code) === TIMESTAMP_EXPIRED;
  } catch {
    return false;
  }
}

function isFailedItem(item: unknown): item is OkxItemResult & { sCode: string } {
  if (typeof item !== "object" || item === null) return false;
  const sCode = (item as OkxItemResult).sCode;
  return typeof sCode === "string" && sCode !== "" && sCode !== "0";
}

function snippet(text: string): string {
  const s = text.slice(0, 120).replace(/\s+/g, " ").trim();
  return s === "" ? "empty body" : s;
}
