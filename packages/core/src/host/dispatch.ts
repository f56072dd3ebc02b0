import type { CallContext } from "../adapter/call-context";
import { type Credentials, hasCredentials, parseCredentials, secretValues } from "../adapter/credentials";
import { BadRequestError, GatewayError, isGatewayError } from "../errors/gateway-errors";
import { type Logger, isLogged, logLine } from "../logging/logger";
import { callerText } from "../logging/escape";
import { redactText, redactValue, shortenKey } from "../logging/redact";
import {
  type AdapterMethodName,
  type AdapterMethodSpec,
  parseParams,
  resolveMethod,
} from "../protocol/method-table";
import type { ResolvedMethod } from "../protocol/table-derivations";
import { suggestMethod } from "../protocol/method-suggest";
import { type Mount, findMount } from "./mounts";
import { runCall } from "./run-call";
import type { Recorder } from "./recorder";
import type { Telemetry } from "../telemetry/telemetry";

/** What the docker gets back: always one of these, always with HTTP 200. */
export type Reply = { data: unknown; raw?: unknown } | { error: string };

export interface DispatcherOptions {
  mounts: ReadonlyMap<string, Mount>;
  logger: Logger;
  recorder?: Recorder;
  /** Receives one `call` event per call. */
  telemetry?: Telemetry;
}

type AdapterFn = (ctx: CallContext<object>, params: unknown) => Promise<unknown>;

/** The request envelope's fields, read once. */
interface Envelope {
  /** False when the body was JSON but not an object (an array, a string …). */
  isObject: boolean;
  body: Record<string, unknown>;
  accessKey: string;
  secretKey: string;
  wireMethod: string;
  /** The method table's entry for `wireMethod`: looked up once, shared by the call, its log line and metrics. */
  resolved: ResolvedMethod<AdapterMethodSpec> | undefined;
}

/** A call as answered: what its log line and its telemetry event are made from. */
interface Answered {
  /** Undefined when the path names no mount. */
  mount: Mount | undefined;
  exName: string;
  env: Envelope;
  reply: Reply;
  /** The error's kind (`bad-request`, `exchange` …); empty when the call answered data. */
  errorKind: string;
  ms: number;
  /** The caller's shortened access key; empty without one. */
  key: string;
}

/**
 * One FMZ call, from body to reply: find the mount, check the envelope, resolve and validate the
 * method, call the adapter under a deadline, and turn any failure into `{"error"}` text with the
 * caller's secrets scrubbed out. Never throws.
 */
export class Dispatcher {
  constructor(private readonly opts: DispatcherOptions) {}

  /** `onClientGone` lets the host report that the docker hung up; the call's signal then aborts. */
  async dispatch(
    exName: string,
    body: unknown,
    httpMethod: string | undefined,
    onClientGone?: (listener: () => void) => void,
  ): Promise<Reply> {
    const started = performance.now();
    const env = readEnvelope(body);
    let mount: Mount | undefined;
    let reply: Reply;
    let errorKind = "";
    try {
      mount = findMount(this.opts.mounts, exName);
      if (!mount) throw new BadRequestError(this.unknownExchange(exName));
      reply = await this.call(mount, env, httpMethod, onClientGone);
    } catch (err) {
      errorKind =
        err instanceof UnknownMethodError ? "unknown-method" : isGatewayError(err) ? err.kind : "internal";
      reply = { error: this.errorText(err, env, exName) };
    }
    const ms = performance.now() - started;
    // The adapter has acted (an order may be placed): nothing below may change the reply. A failure
    // to log, count or record is reported once as a warning and the docker still gets its answer.
    const answered: Answered = {
      mount,
      exName,
      env,
      reply,
      errorKind,
      ms,
      key: env.accessKey ? this.shortKey(env.accessKey) : "",
    };
    try {
      this.log(answered);
    } catch (err) {
      this.afterCallFailed("log", err);
    }
    try {
      this.report(answered);
    } catch (err) {
      this.afterCallFailed("telemetry", err);
    }
    if (this.opts.recorder) {
      try {
        this.opts.recorder.record({
          exchange: exName,
          httpMethod,
          request: body,
          reply,
          ms: Math.round(ms * 1000) / 1000,
          secrets: secretsOf(env),
        });
      } catch (err) {
        this.afterCallFailed("recording", err);
      }
    }
    return reply;
  }

  /** The last caller's shortened key: a docker calls with one key, so most calls skip the work. */
  private lastKey = "";
  private lastShortKey = "";
  private shortKey(accessKey: string): string {
    if (accessKey !== this.lastKey) {
      this.lastShortKey = shortenKey(accessKey);
      this.lastKey = accessKey;
    }
    return this.lastShortKey;
  }

  private async call(
    mount: Mount,
    env: Envelope,
    httpMethod: string | undefined,
    onClientGone?: (listener: () => void) => void,
  ): Promise<Reply> {
    const { body, wireMethod } = env;
    if (!env.isObject) throw new BadRequestError("request body must be a JSON object");
    if (!wireMethod) throw new BadRequestError('missing "method" in the request body');
    if (typeof body.access_key !== "string" || typeof body.secret_key !== "string") {
      throw new BadRequestError('missing "access_key" or "secret_key" in the request body');
    }
    const tooLong = envelopeTooLong(env);
    if (tooLong) throw new BadRequestError(tooLong);
    const rawParams = body.params ?? {};
    if (typeof rawParams !== "object" || rawParams === null || Array.isArray(rawParams)) {
      throw new BadRequestError('"params" must be a JSON object');
    }
    const resolved = env.resolved;
    if (!resolved) throw new UnknownMethodError(wireMethod);
    const params = parseParams(resolved, rawParams as Record<string, unknown>, { httpMethod, wireMethod });
    const credentials = parseCredentials(env.accessKey, env.secretKey);
    if (resolved.spec.private && !hasCredentials(credentials)) {
      throw new BadRequestError(`${resolved.spec.wire} needs the exchange's Access Key and Secret Key`);
    }
    return this.invoke(mount, resolved.spec.method, wireMethod, params, credentials, onClientGone);
  }

  private invoke(
    mount: Mount,
    method: AdapterMethodName,
    wireMethod: string,
    params: unknown,
    credentials: Credentials,
    onClientGone?: (listener: () => void) => void,
  ): Promise<Reply> {
    const fn = (mount.adapter as unknown as Record<AdapterMethodName, AdapterFn>)[method];
    return runCall(
      mount,
      wireMethod,
      credentials,
      (ctx) => fn.call(mount.adapter, ctx, params),
      onClientGone,
    );
  }

  private afterCallFailed(what: string, err: unknown): void {
    try {
      this.opts.logger.warn(`${what} failed after a call was answered: ${callerText(String(err), 200)}`);
    } catch {
      // The logger itself failed; there is nowhere left to say so.
    }
  }

  private unknownExchange(exName: string): string {
    const names = [...this.opts.mounts.keys()];
    return `unknown exchange ${JSON.stringify(callerText(exName, 64))}: this gateway serves ${names.length ? names.map((n) => `/${n}`).join(", ") : "no exchanges"}`;
  }

  private errorText(err: unknown, env: Envelope, exName: string): string {
    const secrets = secretsOf(env);
    if (err instanceof UnknownMethodError) {
      // Logged with the (redacted) request so an operator sees what a newer docker sent.
      this.opts.logger.warn(
        `${callerText(redactText(exName, secrets), 64)} unknown method ${JSON.stringify(callerText(redactText(env.wireMethod, secrets), 64))}`,
        { request: redactValue(env.body, secrets) },
      );
      return redactText(err.message, secrets);
    }
    if (isGatewayError(err) && err.kind !== "internal") return redactText(err.message, secrets);
    const message = err instanceof Error ? err.message : String(err);
    this.opts.logger.error(
      `${this.logName(exName, env, secrets)} internal error: ${redactText(message, secrets)}`,
      {
        stack: err instanceof Error ? redactText(err.stack ?? "", secrets) : undefined,
      },
    );
    return `internal error: ${redactText(message, secrets)}`;
  }

  private report({ mount, exName, env, reply, errorKind, ms, key }: Answered): void {
    const telemetry = this.opts.telemetry;
    if (!telemetry) return;
    const failed = "error" in reply;
    telemetry.emit("call", {
      at: Date.now(),
      // An unknown path is the caller's text: scrubbed of its secrets before the status page shows it.
      exchange: mount?.name ?? callerText(redactText(exName, secretsOf(env)), 64),
      known: mount !== undefined,
      method: env.resolved ? env.resolved.spec.wire : "unknown",
      outcome: failed ? errorKind || "internal" : "ok",
      error: failed ? reply.error : undefined,
      seconds: ms / 1000,
      key,
    });
  }

  /**
   * One line per call: at info when it answered (or answered "not supported", an adapter's normal
   * reply), at warn when it failed, so a failure is in the log even with info lines off.
   */
  private log({ mount, exName, env, reply, errorKind, ms, key }: Answered): void {
    const failed = "error" in reply && errorKind !== "not-supported";
    const level = failed ? "warn" : "info";
    const logger = this.opts.logger;
    if (!isLogged(logger, level)) return;
    // Error texts are already scrubbed; control characters are escaped by logLine as by the format.
    const outcome = "error" in reply ? `error: ${reply.error}` : "ok";
    const name =
      mount && isKnownMethod(env)
        ? `${mount.name} ${env.wireMethod}`
        : this.logName(exName, env, secretsOf(env));
    logLine(logger, level, `${name} ${outcome} ${ms.toFixed(1)}ms${key ? ` key=${key}` : ""}`);
  }

  /**
   * The mount and method of a call for a log line, as the caller sent them: scrubbed of the caller's
   * secrets (a secret pasted into an IO path or a method name), escaped and shortened.
   */
  private logName(exName: string, env: Envelope, secrets: readonly string[]): string {
    const mount = this.opts.mounts.has(exName) ? exName : callerText(redactText(exName, secrets), 64);
    const method = env.wireMethod ? callerText(redactText(env.wireMethod, secrets), 120) : "-";
    return `${mount} ${method}`;
  }
}

function readEnvelope(body: unknown): Envelope {
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  const b = isObject ? (body as Record<string, unknown>) : {};
  const wireMethod = typeof b.method === "string" ? b.method : "";
  return {
    isObject,
    body: b,
    accessKey: typeof b.access_key === "string" ? b.access_key : "",
    secretKey: typeof b.secret_key === "string" ? b.secret_key : "",
    wireMethod,
    resolved: wireMethod ? resolveMethod(wireMethod) : undefined,
  };
}

/** The values to scrub; computed only where text leaves the call (errors, recordings). */
function secretsOf(env: Envelope): string[] {
  return env.secretKey || env.accessKey ? secretValues(env.accessKey, env.secretKey) : [];
}

/**
 * Bounds on the envelope's strings, checked before they are hashed, split or matched: longer than any
 * real key (a PEM private key for exchanges that sign with RSA or Ed25519 is about 3 KB) or any method
 * or IO path a strategy sends.
 */
const MAX_ACCESS_KEY = 1024;
const MAX_SECRET_KEY = 8192;
const MAX_METHOD = 2048;

function envelopeTooLong(env: Envelope): string | undefined {
  if (env.accessKey.length > MAX_ACCESS_KEY)
    return `"access_key" is too long (at most ${MAX_ACCESS_KEY} characters)`;
  if (env.secretKey.length > MAX_SECRET_KEY)
    return `"secret_key" is too long (at most ${MAX_SECRET_KEY} characters)`;
  if (env.wireMethod.length > MAX_METHOD) return `"method" is too long (at most ${MAX_METHOD} characters)`;
  return undefined;
}

/** A plain wire name of the table (not an IO path): fixed text, safe to log as sent. */
function isKnownMethod(env: Envelope): boolean {
  return env.resolved !== undefined && env.wireMethod.length <= 32 && !/[^A-Za-z_]/.test(env.wireMethod);
}

class UnknownMethodError extends GatewayError {
  override readonly kind = "bad-request";
  constructor(method: string) {
    const hint = suggestMethod(method);
    super(`invalid method: ${callerText(method, 64)}${hint ? ` (did you mean "${hint}"?)` : ""}`);
  }
}
