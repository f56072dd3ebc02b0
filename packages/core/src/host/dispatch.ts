import type { CallContext } from "../adapter/call-context";
import { parseCredentials, hasCredentials, secretValues } from "../adapter/credentials";
import { BadRequestError, GatewayError, TimeoutError, isGatewayError } from "../errors/gateway-errors";
import type { Logger } from "../logging/logger";
import { redactText, redactValue, shortenKey } from "../logging/redact";
import { type AdapterMethodName, parseParams, resolveMethod } from "../protocol/method-table";
import { type Mount, findMount } from "./mounts";
import type { Recorder } from "./recorder";

/** What the docker gets back: always one of these, always with HTTP 200. */
export type Reply = { data: unknown; raw?: unknown } | { error: string };

export interface DispatcherOptions {
  mounts: ReadonlyMap<string, Mount>;
  logger: Logger;
  recorder?: Recorder;
}

type AdapterFn = (ctx: CallContext<object>, params: unknown) => Promise<unknown>;

/**
 * One FMZ call, from body to reply: find the mount, check the envelope, resolve and validate the
 * method, call the adapter under a deadline, and turn any failure into `{"error"}` text with the
 * caller's secrets scrubbed out. Never throws.
 */
export class Dispatcher {
  constructor(private readonly opts: DispatcherOptions) {}

  async dispatch(
    exName: string,
    body: unknown,
    httpMethod: string | undefined,
    clientGone: AbortSignal,
  ): Promise<Reply> {
    const started = performance.now();
    const envelope = (body ?? {}) as Record<string, unknown>;
    const accessKey = typeof envelope.access_key === "string" ? envelope.access_key : "";
    const secretKey = typeof envelope.secret_key === "string" ? envelope.secret_key : "";
    const secrets = secretKey || accessKey ? secretValues(accessKey, secretKey) : [];
    const wireMethod = typeof envelope.method === "string" ? envelope.method : "";
    let mount: Mount | undefined;
    let reply: Reply;
    try {
      mount = findMount(this.opts.mounts, exName);
      if (!mount) throw new BadRequestError(this.unknownExchange(exName));
      reply = await this.call(mount, envelope, wireMethod, accessKey, secretKey, httpMethod, clientGone);
    } catch (err) {
      reply = { error: this.errorText(err, secrets, exName, wireMethod, envelope) };
    }
    const ms = performance.now() - started;
    this.log(mount?.name ?? exName, wireMethod, reply, ms, accessKey);
    this.opts.recorder?.record({
      exchange: exName,
      httpMethod,
      request: body,
      reply,
      ms: Math.round(ms * 1000) / 1000,
      secrets,
    });
    return reply;
  }

  private async call(
    mount: Mount,
    envelope: Record<string, unknown>,
    wireMethod: string,
    accessKey: string,
    secretKey: string,
    httpMethod: string | undefined,
    clientGone: AbortSignal,
  ): Promise<Reply> {
    if (typeof envelope !== "object" || Array.isArray(envelope)) {
      throw new BadRequestError("request body must be a JSON object");
    }
    if (!wireMethod) throw new BadRequestError('missing "method" in the request body');
    if (typeof envelope.access_key !== "string" || typeof envelope.secret_key !== "string") {
      throw new BadRequestError('missing "access_key" or "secret_key" in the request body');
    }
    const rawParams = envelope.params ?? {};
    if (typeof rawParams !== "object" || rawParams === null || Array.isArray(rawParams)) {
      throw new BadRequestError('"params" must be a JSON object');
    }
    const resolved = resolveMethod(wireMethod);
    if (!resolved) throw new UnknownMethodError(wireMethod);
    const params = parseParams(resolved, rawParams as Record<string, unknown>, { httpMethod, wireMethod });
    const credentials = parseCredentials(accessKey, secretKey);
    if (resolved.spec.private && !hasCredentials(credentials)) {
      throw new BadRequestError(`${resolved.spec.wire} needs the exchange's Access Key and Secret Key`);
    }
    return this.invoke(mount, resolved.spec.method, wireMethod, params, credentials, clientGone);
  }

  private invoke(
    mount: Mount,
    method: AdapterMethodName,
    wireMethod: string,
    params: unknown,
    credentials: ReturnType<typeof parseCredentials>,
    clientGone: AbortSignal,
  ): Promise<Reply> {
    const controller = new AbortController();
    const deadline = Date.now() + mount.callTimeoutMs;
    let raw: unknown;
    const ctx: CallContext<object> = {
      exchange: mount.name,
      method: wireMethod,
      credentials,
      options: mount.options,
      logger: mount.logger,
      signal: controller.signal,
      deadline,
      setRaw: (r) => {
        raw = r;
      },
    };
    const onGone = () => controller.abort(new TimeoutError("the caller hung up"));
    clientGone.addEventListener("abort", onGone, { once: true });
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        const err = new TimeoutError(
          `${mount.name} ${wireMethod}: no answer within ${mount.callTimeoutMs} ms`,
        );
        controller.abort(err);
        reject(err);
      }, mount.callTimeoutMs);
      const fn = (mount.adapter as unknown as Record<AdapterMethodName, AdapterFn>)[method];
      Promise.resolve()
        .then(() => fn.call(mount.adapter, ctx, params))
        .then(
          (data) => resolve(raw === undefined ? { data } : { data, raw }),
          (err: unknown) => reject(err),
        )
        .finally(() => {
          clearTimeout(timer);
          clientGone.removeEventListener("abort", onGone);
        });
    });
  }

  private unknownExchange(exName: string): string {
    const names = [...this.opts.mounts.keys()];
    return `unknown exchange "${exName}": this gateway serves ${names.length ? names.map((n) => `/${n}`).join(", ") : "no exchanges"}`;
  }

  private errorText(
    err: unknown,
    secrets: readonly string[],
    exName: string,
    wireMethod: string,
    envelope: Record<string, unknown>,
  ): string {
    if (err instanceof UnknownMethodError) {
      // Logged with the (redacted) request so an operator sees what a newer docker sent.
      this.opts.logger.warn(`${exName} unknown method "${wireMethod}"`, {
        request: redactValue(envelope, secrets),
      });
      return redactText(err.message, secrets);
    }
    if (isGatewayError(err) && err.kind !== "internal") return redactText(err.message, secrets);
    const message = err instanceof Error ? err.message : String(err);
    this.opts.logger.error(`${exName} ${wireMethod} internal error: ${redactText(message, secrets)}`, {
      stack: err instanceof Error ? redactText(err.stack ?? "", secrets) : undefined,
    });
    return `internal error: ${redactText(message, secrets)}`;
  }

  private log(exchange: string, method: string, reply: Reply, ms: number, accessKey: string): void {
    const logger = this.opts.logger;
    if (!logger.isInfoEnabled()) return;
    const outcome = "error" in reply ? `error: ${reply.error}` : "ok";
    const key = accessKey ? ` key=${shortenKey(accessKey)}` : "";
    logger.info(`${exchange} ${method || "-"} ${outcome} ${ms.toFixed(1)}ms${key}`);
  }
}

class UnknownMethodError extends GatewayError {
  override readonly kind = "bad-request";
  constructor(method: string) {
    super(`invalid method: ${method}`);
  }
}
