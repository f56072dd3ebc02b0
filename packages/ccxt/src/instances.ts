/**
 * ccxt instances of one mount. A keyless "template" instance per sandbox flag loads the markets (lazily,
 * on the first call, so a gateway starts offline) and serves every public call, sharing one rate limiter
 * per mount. Private calls get an instance per caller key, kept in a bounded LRU under a hash of the
 * credentials (never the secret in clear), each adopting the template's markets by reference, so a new
 * key costs no market reload.
 */
import { createHash } from "node:crypto";
import type { Logger, MountTelemetry } from "@fmz-gateway/core";
import { BadRequestError, type Credentials, NetworkError, wireName } from "@fmz-gateway/core";
import { LRUCache } from "lru-cache";
import {
  type CcxtExchange,
  type CcxtMarket,
  createExchange,
  hasSandbox,
  loadedMarkets,
  overrideRestRoots,
  refuseUnreadableReplies,
  reportUpstream,
  requiredCredentialNames,
  setCredential,
} from "./ccxt-lib";
import { type CredentialLayout, credentialLayout, mapCredentials } from "./credentials";
import { mapCcxtError } from "./errors";
import { applyInstanceHook } from "./instance-hook";
import type { CcxtOptions } from "./options";

/** How long loaded markets serve before a background reload (listings change; weeklies roll over). */
export const MARKETS_TTL_MS = 60 * 60_000;

interface Template {
  readonly ex: CcxtExchange;
  loading?: Promise<Record<string, CcxtMarket>>;
  loadedAt: number;
  failed: boolean;
  refreshing: boolean;
}

export class InstancePool {
  readonly layout: CredentialLayout;
  private readonly templates = new Map<boolean, Template>();
  private readonly keyed: LRUCache<string, CcxtExchange>;

  constructor(
    private readonly options: CcxtOptions,
    private readonly mountName: string,
    private readonly logger: Logger,
    /** Where each instance reports its REST requests (metrics, status page). */
    private readonly telemetry?: MountTelemetry,
  ) {
    // Built now, offline: refuses a sandbox the exchange lacks and proves the options construct.
    const template = this.template(options.sandbox);
    this.layout = credentialLayout(requiredCredentialNames(template.ex));
    this.keyed = new LRUCache<string, CcxtExchange>({
      max: options.maxInstances,
      dispose: (ex) => release(ex),
    });
  }

  get exchangeId(): string {
    return this.options.exchange;
  }

  /** The constructor config every instance of this mount gets (its ccxt.pro instance too). */
  config(): Record<string, unknown> {
    const user = this.options.ccxt;
    const userOptions = (user.options && typeof user.options === "object" ? user.options : {}) as Record<
      string,
      unknown
    >;
    return {
      // ccxt's own rate limiter is on unless the config switches it off (`ccxt.enableRateLimit: false`).
      enableRateLimit: true,
      ...user,
      // Fixed for the instance's life: concurrent calls share it, so no call may change it; each call's
      // own deadline is raced instead (Bridge.run).
      timeout: this.options.timeoutMs,
      options: {
        defaultType: this.options.market,
        ...userOptions,
        // An order must never be sent twice: no automatic retries, whatever the config says.
        maxRetriesOnFailure: 0,
        maxRetriesOnFailureDelay: 0,
      },
    };
  }

  private build(sandbox: boolean): CcxtExchange {
    const ex = createExchange(this.options.exchange, this.config());
    if (sandbox) {
      if (!hasSandbox(ex)) {
        throw new BadRequestError(`${this.options.exchange} has no sandbox (testnet or demo) in ccxt`);
      }
      ex.setSandboxMode(true);
    }
    if (this.options.baseUrl) overrideRestRoots(ex, this.options.baseUrl);
    refuseUnreadableReplies(ex);
    if (this.telemetry) reportUpstream(ex, this.telemetry);
    applyInstanceHook(ex, {
      mount: this.mountName,
      exchange: this.options.exchange,
      market: this.options.market,
    });
    return ex;
  }

  private template(sandbox: boolean): Template {
    let t = this.templates.get(sandbox);
    if (!t) {
      t = { ex: this.build(sandbox), loadedAt: 0, failed: false, refreshing: false };
      this.templates.set(sandbox, t);
    }
    return t;
  }

  /** The keyless instance, markets loaded: for public calls. */
  async publicInstance(sandbox = this.options.sandbox): Promise<CcxtExchange> {
    const t = this.template(sandbox);
    await this.markets(t);
    return t.ex;
  }

  /**
   * The keyless instance when its markets are loaded already (a stale list is refreshed in the
   * background, as `publicInstance` does): nothing to wait for, so nothing to race with a deadline.
   * Undefined while they are still to be loaded.
   */
  readyPublicInstance(sandbox = this.options.sandbox): CcxtExchange | undefined {
    const t = this.template(sandbox);
    if (!loadedMarkets(t.ex) || t.loadedAt <= 0) return undefined;
    if (Date.now() - t.loadedAt > MARKETS_TTL_MS) this.refresh(t);
    return t.ex;
  }

  /** The markets of the mount (loading them on first use). */
  async loadMarkets(sandbox = this.options.sandbox): Promise<Record<string, CcxtMarket>> {
    return this.markets(this.template(sandbox));
  }

  private markets(t: Template): Promise<Record<string, CcxtMarket>> {
    const current = loadedMarkets(t.ex);
    if (current && t.loadedAt > 0) {
      if (Date.now() - t.loadedAt > MARKETS_TTL_MS) this.refresh(t);
      return Promise.resolve(current);
    }
    t.loading ??= t.ex.loadMarkets(t.failed).then(
      (markets) => {
        t.loadedAt = Date.now();
        t.failed = false;
        t.loading = undefined;
        return markets as Record<string, CcxtMarket>;
      },
      (err: unknown) => {
        t.loading = undefined;
        t.failed = true;
        const mapped = mapCcxtError(err, this.options.exchange, wireName("getMarkets"));
        const text = `${this.mountName}: could not load ${this.options.exchange}'s markets: ${mapped.message}`;
        this.logger.warn(text);
        throw new NetworkError(text, { cause: err });
      },
    );
    return t.loading;
  }

  /**
   * Reloads markets in the background on a separate instance, then hands them over: a failed reload
   * leaves the template serving the markets it has (ccxt would otherwise keep the failed promise).
   */
  private refresh(t: Template): void {
    if (t.refreshing) return;
    t.refreshing = true;
    t.loadedAt = Date.now();
    const fresh = this.build(t.ex === this.templates.get(true)?.ex);
    fresh
      .loadMarkets()
      .then(
        () => t.ex.setMarketsFromExchange(fresh),
        (err: unknown) => this.logger.warn(`${this.mountName}: markets reload failed: ${String(err)}`),
      )
      .finally(() => {
        t.refreshing = false;
        release(fresh);
      });
  }

  /** The instance for the caller's keys (created on first use), markets shared from the template. */
  async privateInstance(credentials: Credentials): Promise<CcxtExchange> {
    const mapped = mapCredentials(credentials, this.layout, this.options.exchange);
    const sandbox = this.options.sandbox || mapped.simulate;
    const t = this.template(sandbox);
    await this.markets(t);
    const key = cacheKey(this.mountName, sandbox, mapped.values);
    let ex = this.keyed.get(key);
    if (!ex) {
      ex = this.build(sandbox);
      for (const [name, value] of Object.entries(mapped.values)) setCredential(ex, name, value);
      this.keyed.set(key, ex);
    }
    if (ex.markets !== t.ex.markets) ex.setMarketsFromExchange(t.ex);
    return ex;
  }

  /** How many per-key instances are cached (tests). */
  get cachedInstances(): number {
    return this.keyed.size;
  }

  close(): void {
    this.keyed.clear();
    for (const t of this.templates.values()) release(t.ex);
    this.templates.clear();
  }
}

/** A hash of the mount and the credentials: the cache never holds a secret as a key. */
export function cacheKey(mount: string, sandbox: boolean, values: Readonly<Record<string, string>>): string {
  const h = createHash("sha256");
  h.update(mount)
    .update("\0")
    .update(sandbox ? "1" : "0");
  for (const k of Object.keys(values).sort())
    h.update("\0")
      .update(k)
      .update("\0")
      .update(values[k] ?? "");
  return h.digest("base64url");
}

/** Frees an instance's keep-alive sockets (ccxt's close() handles websockets only). */
function release(ex: CcxtExchange): void {
  ex.close().catch(() => undefined);
  const dispatcher = (ex as unknown as { fetchDispatcher?: { close?: () => Promise<void> } }).fetchDispatcher;
  dispatcher?.close?.().catch(() => undefined);
}
