import type { Logger, MountTelemetry } from "@fmz-gateway/core";
import {
  type CcxtExchange,
  overrideRestRoots,
  refuseUnreadableReplies,
  reportUpstream,
  setCredential,
} from "../ccxt-lib";
import { applyInstanceHook } from "../instance-hook";
import type { InstancePool } from "../instances";
import { type CcxtOptions, streamSettings } from "../options";
import {
  allowPlainWs,
  closeSockets,
  createProExchange,
  onEveryFrame,
  overrideWsRoots,
  socketsOf,
  truthfulPongs,
  tuneStreaming,
} from "./pro-lib";
import { wsRootOf } from "./ws-root";

export interface ProClientOptions {
  options: CcxtOptions;
  pool: InstancePool;
  mountName: string;
  logger: Logger;
  telemetry: MountTelemetry;
  /**
   * One account's keys (ccxt credential name → value) for an instance of its own (private streams);
   * absent for the mount's shared public instance.
   */
  credentials?: Readonly<Record<string, string>>;
  /** The sandbox for this instance even where the mount has none (a key's trailing `simulate`). */
  sandbox?: boolean;
}

/** The shortest wait between two keepalive sweeps, so a deadline a millisecond away never spins. */
const MIN_SWEEP_MS = 10;

/**
 * The mount's one ccxt.pro instance for public data, shared by every caller's key: built with the same
 * constructor config, sandbox and REST roots as the mount's REST instances (so its REST seeds look like
 * theirs), its websocket roots moved by `wsUrl`, and the markets the REST side loaded. It also keeps the
 * keepalive: a socket not heard from (data or a pong) within `wsKeepaliveMs` is dropped, which fails every
 * watch waiting on it, so its streams stop being served and resubscribe.
 *
 * The window is kept to the millisecond: the sweep runs when the earliest socket's window ends (and at
 * least once per window, which a socket opened since cannot outrun), not on a coarse interval that would
 * serve a silent socket's stale value up to a whole period past it.
 */
export class ProClient {
  readonly ex: CcxtExchange;
  private readonly heardAt = new Map<string, number>();
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    ex: CcxtExchange,
    private readonly opts: ProClientOptions,
  ) {
    this.ex = ex;
    onEveryFrame(ex, (url) => this.heardAt.set(url, Date.now()));
    truthfulPongs(ex);
    this.schedule(streamSettings(opts.options).wsKeepaliveMs);
  }

  /**
   * The pro instance of the mount (or of one account, with `credentials`), or `undefined` when ccxt has no
   * websocket class for the exchange.
   */
  static create(opts: ProClientOptions): ProClient | undefined {
    const o = opts.options;
    const ex = createProExchange(o.exchange, { ...opts.pool.config(), timeout: o.timeoutMs });
    if (!ex) return undefined;
    if (o.sandbox || opts.sandbox) ex.setSandboxMode(true);
    for (const [name, value] of Object.entries(opts.credentials ?? {})) setCredential(ex, name, value);
    if (o.baseUrl) overrideRestRoots(ex, o.baseUrl);
    const wsRoot = wsRootOf(o);
    if (wsRoot) overrideWsRoots(ex, wsRoot);
    if (wsRoot?.startsWith("ws://")) allowPlainWs(ex);
    // Pings often enough that a healthy quiet socket is heard from well inside the keepalive window.
    tuneStreaming(ex, Math.floor(streamSettings(o).wsKeepaliveMs / 3));
    refuseUnreadableReplies(ex);
    reportUpstream(ex, opts.telemetry);
    applyInstanceHook(ex, { mount: opts.mountName, exchange: o.exchange, market: o.market });
    return new ProClient(ex, opts);
  }

  /** Shares the REST instance's markets (by reference: no second load, one symbol table). */
  adoptMarkets(from: CcxtExchange): void {
    if (from.markets !== undefined && this.ex.markets !== from.markets) this.ex.setMarketsFromExchange(from);
  }

  /** Epoch ms of the last frame (data, ack or pong) any of the instance's sockets received; 0 when none. */
  get lastHeardAt(): number {
    let last = 0;
    for (const at of this.heardAt.values()) last = Math.max(last, at);
    return last;
  }

  /**
   * Drops every connection quiet past the keepalive window, and says in how many ms the next window of a
   * connection still open ends (at most the window: a connection opened later ends its own no sooner).
   * Runs on its timer; callable directly (tests).
   */
  sweep(): number {
    const now = Date.now();
    const windowMs = streamSettings(this.opts.options).wsKeepaliveMs;
    let next = windowMs;
    for (const socket of socketsOf(this.ex)) {
      if (!socket.connected) continue;
      const heard = Math.max(socket.lastPong, this.heardAt.get(socket.url) ?? 0);
      const left = heard + windowMs - now;
      if (left >= 0) {
        next = Math.min(next, left + 1);
        continue;
      }
      const why = `nothing received for ${now - heard} ms (keepalive ${windowMs} ms)`;
      if (this.opts.logger.isLevelEnabled("debug")) {
        this.opts.logger.debug(`websocket ${socket.url}: ${why}; reconnecting`);
      }
      socket.kill(`${this.ex.id} websocket ${socket.url}: ${why}`);
    }
    return next;
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    // Unref'd: the keepalive must never hold the process open.
    this.sweeper = setTimeout(
      () => {
        let next = streamSettings(this.opts.options).wsKeepaliveMs;
        try {
          next = this.sweep();
        } finally {
          this.schedule(next);
        }
      },
      Math.max(MIN_SWEEP_MS, delayMs),
    );
    this.sweeper.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.sweeper);
    closeSockets(this.ex);
    // Whatever else ccxt keeps (its REST keep-alive agent) goes too.
    this.ex.close().catch(() => undefined);
  }
}
