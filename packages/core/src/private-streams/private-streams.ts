import type { Credentials } from "../adapter/credentials";
import type { Logger } from "../logging/logger";
import type { MountTelemetry } from "../telemetry/telemetry";
import { type AccountScope, accountScope } from "./account-scope";
import type { PrivateDriver, PrivateRecords, PrivateTraits } from "./private-driver";
import { type PrivateRules, PrivateSession } from "./private-session";

/** Scopes remembered at most; past it the memo starts again (hashing is cheap, only not free per call). */
const MAX_SCOPES = 1_000;

export interface PrivateStreamsOptions<R extends PrivateRecords> extends PrivateRules {
  /** For log lines: `OKX private`. */
  name: string;
  traits: PrivateTraits<R>;
  logger: Logger;
  telemetry: MountTelemetry;
  /** A session no call used for this long is released (ms). */
  idleMs: number;
  /** Accounts holding a private stream at most; past it the least recently used is released. */
  maxStreams: number;
  now?: () => number;
}

/**
 * A mount's private streams, one session per account scope (see `accountScope`): opened by the account's
 * first private call, shared by every caller with the same credentials, released after `idleMs` without a
 * call, and at most `maxStreams` at once (the least recently used goes first). Each session shows on the
 * status page and in the stream metrics under the channel `private` and its scope's short hash.
 *
 * ```ts
 * const privateStreams = new PrivateStreams({ name: "OKX private", traits, logger, telemetry, … });
 * const session = privateStreams.session(ctx.credentials, (scope) => okxPrivateDriver(scope, …));
 * ```
 */
export class PrivateStreams<R extends PrivateRecords> {
  /** Insertion order is recency order: a use moves the session to the end, so the first is the LRU. */
  private readonly sessions = new Map<string, PrivateSession<R>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly unregister: () => void;
  private readonly now: () => number;
  /** Each set of credentials' scope, kept so a call does not hash the keys again (bounded). */
  private readonly scopes = new Map<string, AccountScope>();
  private closed = false;

  constructor(private readonly opts: PrivateStreamsOptions<R>) {
    this.now = opts.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), Math.min(30_000, Math.max(20, opts.idleMs / 4)));
    this.sweeper.unref();
    this.unregister = opts.telemetry.addStreamSource(() =>
      [...this.sessions.values()].map((s) => s.snapshot()),
    );
  }

  /**
   * The session of the account these credentials open (see `accountScope`), marked used; opened (with
   * the driver `makeDriver` gives for the scope) on first use. `undefined` once the mount is closing.
   */
  session(
    credentials: Credentials,
    makeDriver: (scope: AccountScope) => PrivateDriver<R>,
  ): PrivateSession<R> | undefined {
    if (this.closed) return undefined;
    const scope = this.scopeOf(credentials);
    const found = this.sessions.get(scope.id);
    if (found) {
      this.sessions.delete(scope.id);
      this.sessions.set(scope.id, found);
      found.lastUsedAt = this.now();
      return found;
    }
    while (this.sessions.size >= Math.max(1, this.opts.maxStreams)) {
      const lru = this.sessions.values().next().value as PrivateSession<R>;
      this.release(lru, "least recently used, maxPrivateStreams reached");
    }
    // The mount's rules and services, with this account's scope and driver.
    const session = new PrivateSession<R>({ ...this.opts, scope, driver: makeDriver(scope) });
    this.sessions.set(scope.id, session);
    return session;
  }

  /** The session of these credentials if one is open, without opening it or marking it used. */
  peek(credentials: Credentials): PrivateSession<R> | undefined {
    return this.sessions.get(this.scopeOf(credentials).id);
  }

  private scopeOf(credentials: Credentials): AccountScope {
    const id = [credentials.accessKey, credentials.secret, ...credentials.extras].join("\u0000");
    let scope = this.scopes.get(id);
    if (scope === undefined) {
      scope = accountScope(credentials);
      if (this.scopes.size >= MAX_SCOPES) this.scopes.clear();
      this.scopes.set(id, scope);
    }
    return scope;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Releases every session unused for `idleMs`. Runs on a timer; callable directly. */
  sweep(): void {
    const cutoff = this.now() - this.opts.idleMs;
    for (const s of [...this.sessions.values()]) {
      if (s.lastUsedAt > cutoff) break;
      this.release(s, `idle for ${this.opts.idleMs} ms`);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const s of [...this.sessions.values()]) this.release(s, "mount closing");
    this.unregister();
  }

  private release(session: PrivateSession<R>, why: string): void {
    for (const [id, s] of this.sessions) if (s === session) this.sessions.delete(id);
    if (this.opts.logger.isLevelEnabled("debug"))
      this.opts.logger.debug(`${this.opts.name} stream ${session.shown}: released (${why})`);
    session.close();
  }
}
