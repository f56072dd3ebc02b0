import {
  type Credentials,
  type Logger,
  type MountTelemetry,
  type PrivateKind,
  type PrivateSession,
  PrivateStreams,
  secretScrubbingLogger,
} from "@fmz-gateway/core";
import { has } from "../ccxt-lib";
import { type MappedCredentials, mapCredentials } from "../credentials";
import type { InstancePool } from "../instances";
import { type CcxtOptions, privateSettings, streamSettings } from "../options";
import { ProClient } from "../streams/pro-client";
import { createProExchange, proHas } from "../streams/pro-lib";
import { CCXT_PRIVATE_TRAITS, type CcxtPrivateRecords } from "./ccxt-records";
import { OpenOrderCoverage, ccxtPrivateRest } from "./private-rest";
import { connectCcxtPrivate } from "./private-watch";

export type CcxtPrivateSession = PrivateSession<CcxtPrivateRecords>;

/** One account's private stream as the methods use it. */
export interface CcxtAccountStream {
  readonly session: CcxtPrivateSession;
  /** Which symbols' open orders the held state is complete for. */
  readonly coverage: OpenOrderCoverage;
}

export interface CcxtPrivateOptions {
  options: CcxtOptions;
  pool: InstancePool;
  mountName: string;
  logger: Logger;
  telemetry: MountTelemetry;
}

/**
 * Refuses `privateStreams` for an exchange whose ccxt.pro class cannot stream an account's orders and
 * balance: the mount would never serve from a private stream, and saying so at start beats a silent REST.
 */
export function checkPrivateStreams(options: CcxtOptions, config: Record<string, unknown>): void {
  if (!privateSettings(options).privateStreams) return;
  const ex = createProExchange(options.exchange, config);
  const missing = ex ? ["watchOrders", "watchBalance"].filter((f) => !proHas(ex, f)) : [];
  ex?.close().catch(() => undefined);
  const lacks = ex
    ? `ccxt's ${options.exchange} has no ${missing.join(" or ")}`
    : `ccxt has no websocket class for ${options.exchange}`;
  if (!ex || missing.length > 0) {
    throw new Error(
      `privateStreams: ${lacks}, so it has no private streams; leave privateStreams off for this mount`,
    );
  }
}

/**
 * A mount's ccxt private streams (`privateStreams`, off by default): one ccxt.pro instance per account
 * (its keys; the mount's REST roots, `wsUrl` and sandbox), opened by its first private call, held by core's
 * `PrivateStreams` (snapshot after the first results, read-your-writes, liveness, reconciliation, idle
 * release, LRU). Orders and balances always; positions on contract mounts whose exchange streams them.
 */
export class CcxtPrivate {
  private readonly streams: PrivateStreams<CcxtPrivateRecords>;
  /** Each session's open-order coverage (weakly held: a released session takes its coverage along). */
  private readonly coverages = new WeakMap<PrivateSession<CcxtPrivateRecords>, OpenOrderCoverage>();
  private readonly kinds: readonly PrivateKind[];

  constructor(private readonly opts: CcxtPrivateOptions) {
    const o = opts.options;
    const p = privateSettings(o);
    const s = streamSettings(o);
    const probe = createProExchange(o.exchange, opts.pool.config());
    const positions =
      o.market !== "spot" &&
      probe !== undefined &&
      proHas(probe, "watchPositions") &&
      has(probe, "fetchPositions");
    probe?.close().catch(() => undefined);
    this.kinds = positions ? ["orders", "balances", "positions"] : ["orders", "balances"];
    this.streams = new PrivateStreams({
      name: `${o.exchange} private`,
      traits: CCXT_PRIVATE_TRAITS,
      logger: opts.logger,
      telemetry: opts.telemetry,
      idleMs: s.streamIdleMs,
      maxStreams: p.maxPrivateStreams,
      reconcileMs: p.reconcileMs,
      waitMs: p.privateWaitMs,
      // The keepalive drops a socket quiet for this long; a quieter one is not served meanwhile.
      maxSilenceMs: s.wsKeepaliveMs,
      requestTimeoutMs: o.timeoutMs,
    });
  }

  /**
   * The private stream of the caller's account (opened now when it has none); `undefined` when closing,
   * or when the keys do not fill the exchange's credentials (the REST path answers with that error).
   */
  account(credentials: Credentials): CcxtAccountStream | undefined {
    let mapped: MappedCredentials;
    try {
      mapped = mapCredentials(credentials, this.opts.pool.layout, this.opts.options.exchange);
    } catch {
      return undefined;
    }
    let created: OpenOrderCoverage | undefined;
    const session = this.streams.session(credentials, (scope) => {
      const { options, pool, mountName, telemetry } = this.opts;
      // What the exchange answers a refused login is logged: scrubbed of this account's keys, whatever it says.
      const logger = secretScrubbingLogger(this.opts.logger, Object.values(mapped.values));
      const cover = new OpenOrderCoverage();
      created = cover;
      let pro: ProClient | undefined;
      const proClient = (): ProClient => {
        pro ??= ProClient.create({
          options,
          pool,
          mountName,
          logger,
          telemetry,
          credentials: mapped.values,
          sandbox: mapped.simulate,
        });
        if (!pro) throw new Error(`ccxt has no websocket class for ${options.exchange}`);
        return pro;
      };
      const restInstance = () => pool.privateInstance(credentials);
      return {
        kinds: this.kinds,
        rest: ccxtPrivateRest({
          exchangeId: options.exchange,
          instance: restInstance,
          market: options.market,
          coverage: cover,
        }),
        connect: (link) => {
          const conn = connectCcxtPrivate(
            {
              name: `${options.exchange} private ${scope.shown}`,
              logger,
              kinds: this.kinds,
              reconnectMs: streamSettings(options).wsReconnectMs,
              // Two keepalive windows: a hung connection, login or subscription is noticed as late as a
              // silent socket would be, plus the time a healthy one needs to answer.
              readyTimeoutMs: 2 * streamSettings(options).wsKeepaliveMs,
              lastHeardAt: () => pro?.lastHeardAt ?? 0,
              instance: async () => {
                const client = proClient();
                client.adoptMarkets(await restInstance());
                return client.ex;
              },
            },
            link,
          );
          return {
            get lastMessageAt() {
              return conn.lastMessageAt;
            },
            close: () => {
              conn.close();
              pro?.close();
            },
          };
        },
      };
    });
    if (!session) return undefined;
    if (created) this.coverages.set(session, created);
    const coverage = this.coverages.get(session);
    return coverage && { session, coverage };
  }

  close(): void {
    this.streams.close();
  }
}
