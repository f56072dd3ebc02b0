import type { CallContext } from "@fmz-gateway/core";
import { type OkxAuth, okxAuth, wantsDemo } from "./auth/credentials";
import type { PositionModeCache } from "./account/position-mode";
import type { InstrumentCache } from "./market/instruments";
import type { OkxOptions } from "./options";
import type { QueryValue } from "./rest/query";
import type { OkxClient } from "./rest/okx-client";
import type { OkxPrivate, OkxPrivateSession } from "./private/okx-private";
import type { OkxStreams } from "./streams/okx-streams";

/** What every method handler works with: the mount's client and caches, plus this call's context. */
export class OkxCall {
  /** Demo trading for this caller (Secret Key ends in `,simulate`). */
  readonly demo: boolean;
  private checkedAuth?: OkxAuth;

  constructor(
    readonly client: OkxClient,
    readonly instruments: InstrumentCache,
    readonly ctx: CallContext<OkxOptions>,
    /** The mount's websocket streams; undefined with `streams: false` (every call goes by REST). */
    readonly streams: OkxStreams | undefined,
    /**
     * The mount's cache of each caller's position mode (account/config `posMode`). Required: a cache made
     * per call would forget the account's mode between calls and ask OKX before every order.
     */
    readonly positionModes: PositionModeCache,
    /** The mount's private streams; undefined with `privateStreams: false` (private calls go by REST). */
    readonly privates?: OkxPrivate,
  ) {
    this.demo = wantsDemo(ctx.credentials);
  }

  get options(): OkxOptions {
    return this.ctx.options;
  }

  /** The caller's keys, checked on first use: private calls fail here, before anything is sent. */
  auth(): OkxAuth {
    this.checkedAuth ??= okxAuth(this.ctx.credentials);
    return this.checkedAuth;
  }

  /**
   * The caller's account's private stream (opened by this call when it has none), or undefined with
   * private streams off. Checks the keys first: a call with bad keys fails as it would by REST.
   */
  privateSession(): OkxPrivateSession | undefined {
    if (!this.privates) return undefined;
    return this.privates.session(this.ctx.credentials, this.auth());
  }

  /**
   * A `trade` or `cancel` through the gateway: the account's next reads wait until its private stream
   * shows it (read-your-writes). `orderId` undefined: a placement whose outcome is unknown.
   */
  wrote(write: "place" | "cancel", orderId: string | undefined): void {
    // Opens the account's stream when it has none: the reads that follow a trade find it warming up.
    this.privateSession()?.wrote(write, orderId);
  }

  publicGet<T>(path: string, query: Record<string, QueryValue>, rateScope?: string): Promise<T[]> {
    return this.client.call<T>({ ...this.base(false), method: "GET", path, query, rateScope });
  }

  privateGet<T>(path: string, query: Record<string, QueryValue>, rateScope?: string): Promise<T[]> {
    const auth = this.auth();
    return this.client.call<T>({ ...this.base(), method: "GET", path, query, auth, rateScope });
  }

  privatePost<T>(path: string, body: unknown, rateScope?: string): Promise<T[]> {
    const auth = this.auth();
    return this.client.call<T>({ ...this.base(), method: "POST", path, body, auth, rateScope });
  }

  /**
   * A public read goes without the call's signal: the mount's `timeoutMs` bounds it, the limiter will
   * not queue it past the deadline, and the call still answers at its deadline. Reading `ctx.signal`
   * makes an AbortController, and undici listens on it: a measurable part of a fast call such as
   * `ticker`. A signed request keeps the signal, so it stops when the call does.
   */
  private base(withSignal = true) {
    return { demo: this.demo, signal: withSignal ? this.ctx.signal : undefined, deadline: this.ctx.deadline };
  }
}
