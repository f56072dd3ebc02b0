import {
  type Credentials,
  type Logger,
  type MountTelemetry,
  type PrivateKind,
  type PrivateSession,
  PrivateStreams,
  secretScrubbingLogger,
} from "@fmz-gateway/core";
import type { OkxAuth } from "../auth/credentials";
import type { OkxOptions } from "../options";
import type { OkxClient } from "../rest/okx-client";
import { wsRoot } from "../streams/ws-urls";
import { OKX_PRIVATE_TRAITS, type OkxPrivateRecords } from "./okx-records";
import { okxPrivateRest } from "./private-rest";
import { connectOkxPrivate } from "./private-socket";

export type OkxPrivateSession = PrivateSession<OkxPrivateRecords>;

export interface OkxPrivateOptions {
  options: OkxOptions;
  client: OkxClient;
  logger: Logger;
  telemetry: MountTelemetry;
}

/**
 * A mount's OKX private streams (`privateStreams`, on by default): one `/ws/v5/private` socket per account
 * (key, secret and passphrase; demo keys apart), opened by its first private call, held by core's
 * `PrivateStreams` (snapshot after the acks, read-your-writes, liveness, reconciliation, idle release, LRU).
 * Spot mounts subscribe `orders` and `account`; swap and futures mounts add `positions`.
 */
export class OkxPrivate {
  private readonly streams: PrivateStreams<OkxPrivateRecords>;
  private readonly kinds: readonly PrivateKind[];

  constructor(private readonly opts: OkxPrivateOptions) {
    const o = opts.options;
    this.kinds = o.market === "spot" ? ["orders", "balances"] : ["orders", "balances", "positions"];
    this.streams = new PrivateStreams({
      name: "OKX private",
      traits: OKX_PRIVATE_TRAITS,
      logger: opts.logger,
      telemetry: opts.telemetry,
      idleMs: o.streamIdleMs,
      maxStreams: o.maxPrivateStreams,
      reconcileMs: o.reconcileMs,
      waitMs: o.privateWaitMs,
      maxSilenceMs: o.wsPingMs + o.wsPongTimeoutMs,
      requestTimeoutMs: o.timeoutMs,
    });
  }

  /** The private stream of the caller's account (opened now when it has none); `undefined` when closing. */
  session(credentials: Credentials, auth: OkxAuth): OkxPrivateSession | undefined {
    return this.streams.session(credentials, (scope) => {
      const { options, client } = this.opts;
      const name = `OKX private ${scope.shown}`;
      // What OKX answers a refused login is logged: scrubbed of this account's keys, whatever it says.
      const logger = secretScrubbingLogger(this.opts.logger, [auth.apiKey, auth.secret, auth.passphrase]);
      return {
        kinds: this.kinds,
        rest: okxPrivateRest(client, auth),
        connect: (link) =>
          connectOkxPrivate(
            {
              url: `${wsRoot(options, auth.demo)}/private`,
              name,
              auth,
              kinds: this.kinds,
              logger,
              okxNow: () => (options.clockSync ? client.clock.now() : Date.now()),
              syncClock: () => (options.clockSync ? client.clock.ensureFresh() : Promise.resolve()),
              pingAfterMs: options.wsPingMs,
              pongTimeoutMs: options.wsPongTimeoutMs,
              reconnectMs: options.wsReconnectMs,
            },
            link,
          ),
      };
    });
  }

  /** The open session of these credentials, without opening one or marking it used (tests, the bench). */
  peek(credentials: Credentials): OkxPrivateSession | undefined {
    return this.streams.peek(credentials);
  }

  close(): void {
    this.streams.close();
  }
}
