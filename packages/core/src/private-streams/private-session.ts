import { setTimeout as sleep } from "node:timers/promises";
import { describeFailure } from "../errors/gateway-errors";
import { escapeControl } from "../logging/escape";
import type { Logger } from "../logging/logger";
import { Backoff } from "../streams/backoff";
import type { MountTelemetry, StreamSnapshot, StreamState } from "../telemetry/telemetry";
import type { AccountScope } from "./account-scope";
import { HeldRecords } from "./held-records";
import {
  type PrivateConnection,
  type PrivateDriver,
  type PrivateKind,
  type PrivateLink,
  type PrivateRecords,
  type PrivateTraits,
} from "./private-driver";
import { type Difference, describeDifference, differences, stillDiffers } from "./reconcile";
import { WriteFences } from "./write-fences";

/** Orders one reconciliation pass looks up by id (ended unseen); the rest are forgotten, then asked by REST. */
const MAX_LOOKUPS = 20;

/** The channel private streams show under on the status page and in the stream metrics. */
export const PRIVATE_CHANNEL = "private";

/** How a private stream keeps itself right: the mount's options, the same for every account. */
export interface PrivateRules {
  /** Compare the held state with REST this often (ms); 0: never. */
  reconcileMs: number;
  /** Read-your-writes: how long a read waits for the pushes of a write before it asks REST (ms). */
  waitMs: number;
  /**
   * Longest silence (ms) a socket may keep and still be served: the keepalive's ping interval plus its
   * pong timeout. Past it the held state is not served, even before the socket is replaced.
   */
  maxSilenceMs: number;
  /** REST snapshots the session takes on its own (no caller waiting) end after this long (ms). */
  requestTimeoutMs: number;
  /** How long reconciliation waits for pushes already on their way before it calls a difference real. */
  graceMs?: number;
}

export interface PrivateSessionOptions<R extends PrivateRecords> extends PrivateRules {
  scope: AccountScope;
  /** For log lines: `OKX private`. */
  name: string;
  driver: PrivateDriver<R>;
  traits: PrivateTraits<R>;
  logger: Logger;
  telemetry: MountTelemetry;
  now?: () => number;
}

/**
 * One account's private stream: the state held from its pushes, and the rules that make it as right as
 * REST.
 *
 * - **No gap at the start.** Once the driver reports the login and every subscription acknowledged
 *   (`ready`), the session asks REST for complete snapshots. Pushes that arrive meanwhile are applied as
 *   they come; the snapshot never overwrites a state that arrived after it was asked for or is newer by the
 *   exchange's time (`HeldRecords.replace`). Only then is the state served.
 * - **Liveness.** Served only while the socket is up and heard from within `maxSilenceMs`; a drop or a
 *   refused login stops serving at once, the driver reconnects, and a fresh snapshot follows.
 * - **Read your own writes** (`WriteFences`): a read that a write may have changed waits up to `waitMs`
 *   for the pushes, then takes a REST snapshot of that kind instead (shared by concurrent readers).
 * - **Reconciliation** every `reconcileMs`: held state against REST; a difference that outlives the grace
 *   period is corrected, logged as a warning and counted (`MountTelemetry.mismatch`).
 */
export class PrivateSession<R extends PrivateRecords> {
  readonly orders: HeldRecords<R["orders"]>;
  readonly balances: HeldRecords<R["balances"]>;
  readonly positions: HeldRecords<R["positions"]>;
  readonly kinds: readonly PrivateKind[];
  state: StreamState = "connecting";
  reconnects = 0;
  lastUsedAt: number;
  private readonly fences: WriteFences<R["orders"]>;
  private readonly conn: PrivateConnection;
  private readonly now: () => number;
  /** Bumped on every drop: a snapshot begun under an older connection is not applied. */
  private epoch = 0;
  private readonly syncs = new Map<PrivateKind, Promise<void>>();
  private readonly waiters = new Set<() => void>();
  private readonly retry = new Backoff({ initialMs: 1_000, maxMs: 30_000 });
  private reconcileTimer?: NodeJS.Timeout;
  private syncTimer?: NodeJS.Timeout;
  private everLive = false;
  private closed = false;
  /** Aborted by `close()`: ends reconciliation's grace wait at once. */
  private readonly stopping = new AbortController();

  constructor(private readonly opts: PrivateSessionOptions<R>) {
    this.now = opts.now ?? Date.now;
    this.lastUsedAt = this.now();
    const t = opts.traits;
    this.orders = new HeldRecords({ traits: t.orders, keepClosed: true });
    this.balances = new HeldRecords({ traits: t.balances, keepClosed: false });
    this.positions = new HeldRecords({ traits: t.positions, keepClosed: false });
    this.kinds = opts.driver.kinds;
    this.fences = new WriteFences(
      { orders: this.orders, balances: this.balances, positions: this.positions, orderTraits: t.orders },
      this.kinds,
    );
    for (const kind of this.kinds) opts.telemetry.mismatch(kind, 0);
    opts.telemetry.stream(PRIVATE_CHANNEL, "connecting");
    this.conn = opts.driver.connect(this.link());
  }

  /** The mount's telemetry: the served-by counter of answers about this account. */
  get telemetry(): MountTelemetry {
    return this.opts.telemetry;
  }

  get shown(): string {
    return this.opts.scope.shown;
  }

  /** Whether the held state may answer now: synced, the socket up and heard from recently. */
  get servable(): boolean {
    if (this.state !== "live" || this.closed) return false;
    const heard = this.conn.lastMessageAt;
    return heard > 0 && this.now() - heard <= this.opts.maxSilenceMs;
  }

  /** Whether this session carries `kind` (a spot account's stream holds no positions). */
  carries(kind: PrivateKind): boolean {
    return this.kinds.includes(kind);
  }

  /** Whether `kind` may be answered from the held state now, without waiting for anything. */
  readyNow(kind: PrivateKind): boolean {
    return this.servable && this.carries(kind) && this.fences.shown(kind);
  }

  /**
   * Whether `kind` may be answered from the held state for a call ending at `deadline`: servable, and
   * every write through the gateway visible in it (waiting briefly for its pushes, else a REST snapshot of
   * the kind). False sends the caller to REST.
   */
  async ready(kind: PrivateKind, deadline: number): Promise<boolean> {
    if (!this.servable || !this.carries(kind)) return false;
    if (this.fences.shown(kind)) return true;
    const budget = deadline - this.now() - 250;
    if (budget <= 0) return false;
    if (await this.waitFor(() => this.fences.shown(kind), Math.min(this.opts.waitMs, budget))) {
      return this.servable;
    }
    // A snapshot already running may have been asked for before the write: then it settles nothing, and a
    // fresh one is taken once it is done.
    for (let attempt = 0; attempt < 2 && !this.fences.shown(kind); attempt++) {
      const left = deadline - this.now() - 250;
      if (left <= 0) return false;
      if (!(await raceTimeout(this.sync(kind, "a write's pushes did not come in time"), left))) return false;
    }
    return this.fences.shown(kind) && this.servable;
  }

  /** A write through the gateway: reads it may change wait until the stream shows it (see WriteFences). */
  wrote(write: "place" | "cancel", orderKey: string | undefined): void {
    this.fences.add(write, orderKey, this.now());
  }

  /** A REST answer about one record (an order the stream had not seen): held from now on, newer-only. */
  track<K extends PrivateKind>(kind: K, record: R[K]): void {
    (this.book(kind) as HeldRecords<R[K]>).apply(record, this.now(), false);
  }

  book<K extends PrivateKind>(kind: K): HeldRecords<R[K]> {
    return (
      kind === "orders" ? this.orders : kind === "balances" ? this.balances : this.positions
    ) as HeldRecords<R[K]>;
  }

  snapshot(): StreamSnapshot {
    return {
      channel: PRIVATE_CHANNEL,
      key: this.shown,
      state: this.state,
      reconnects: this.reconnects,
      lastMessageAt: this.conn.lastMessageAt,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopping.abort();
    this.epoch++;
    clearTimeout(this.reconcileTimer);
    clearTimeout(this.syncTimer);
    this.conn.close();
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  private link(): PrivateLink<R> {
    const pushed = <K extends PrivateKind>(kind: K, records: readonly R[K][]): void => {
      if (this.closed) return;
      const book = this.book(kind);
      const at = this.now();
      for (const r of records) book.apply(r, at, true);
      if (this.fences.size > 0) this.fences.prune();
      for (const wake of [...this.waiters]) wake();
    };
    return {
      ready: () => this.onReady(),
      down: (reason) => this.onDown(reason),
      orders: (records) => pushed("orders", records),
      balances: (records) => pushed("balances", records),
      positions: (records) => pushed("positions", records),
    };
  }

  private onReady(): void {
    if (this.closed) return;
    clearTimeout(this.syncTimer);
    this.setState("connecting", this.everLive);
    const epoch = this.epoch;
    void Promise.all(this.kinds.map((k) => this.sync(k, "initial snapshot"))).then(
      () => {
        if (epoch !== this.epoch || this.closed) return;
        this.everLive = true;
        this.retry.reset();
        this.setState("live");
        this.scheduleReconcile();
      },
      (err: unknown) => {
        if (epoch !== this.epoch || this.closed) return;
        const delay = this.retry.next();
        this.warn(`snapshot failed (${describeFailure(err)}); trying again in ${delay} ms`);
        this.syncTimer = setTimeout(() => this.onReady(), delay);
        this.syncTimer.unref();
      },
    );
  }

  private onDown(reason: string): void {
    if (this.closed) return;
    this.epoch++;
    clearTimeout(this.reconcileTimer);
    clearTimeout(this.syncTimer);
    if (this.state !== "down") this.reconnects++;
    this.setState("down", false, reason);
  }

  /**
   * A REST snapshot of `kind` replacing the held state (one at a time per kind; concurrent readers share
   * it). Lifts the write fences it covers.
   */
  private sync(kind: PrivateKind, why: string): Promise<void> {
    const running = this.syncs.get(kind);
    if (running) return running;
    const epoch = this.epoch;
    const started = this.now();
    const run = (async () => {
      const rows = await this.fetch(kind);
      if (epoch !== this.epoch) throw new Error("the stream dropped during the snapshot");
      this.book(kind).replace(rows as never[], started, this.now());
      this.fences.settle(kind, started);
      this.debug(`${kind} snapshot from REST (${why})`);
    })().finally(() => this.syncs.delete(kind));
    this.syncs.set(kind, run);
    return run;
  }

  private fetch(kind: PrivateKind): Promise<unknown[]> {
    const signal = AbortSignal.timeout(this.opts.requestTimeoutMs);
    return this.opts.driver.rest[kind](signal);
  }

  private scheduleReconcile(): void {
    clearTimeout(this.reconcileTimer);
    if (this.opts.reconcileMs <= 0 || this.closed) return;
    this.reconcileTimer = setTimeout(() => {
      void this.reconcile().finally(() => this.scheduleReconcile());
    }, this.opts.reconcileMs);
    this.reconcileTimer.unref();
  }

  /** One reconciliation pass over every kind (on its timer; public for tests); the records it corrected. */
  async reconcile(): Promise<number> {
    if (this.state !== "live") return 0;
    let corrected = 0;
    for (const kind of this.kinds) {
      try {
        corrected += await this.reconcileKind(kind);
      } catch (err) {
        this.debug(`reconciliation of ${kind} skipped: ${describeFailure(err)}`);
      }
    }
    return corrected;
  }

  private async reconcileKind(kind: PrivateKind): Promise<number> {
    const epoch = this.epoch;
    const book = this.book(kind) as HeldRecords<unknown>;
    const started = this.now();
    const rows = await this.fetch(kind);
    if (epoch !== this.epoch) return 0;
    const found = differences(book, rows, started);
    if (found.length === 0) return 0;
    // A push sent just before the snapshot may still be on its way: give it time before calling it missed.
    const waited = await sleep(this.opts.graceMs ?? 1_000, true, { signal: this.stopping.signal }).catch(
      () => false,
    );
    if (!waited || epoch !== this.epoch || this.closed) return 0;
    const corrected: Difference<unknown>[] = [];
    const lookups = { left: MAX_LOOKUPS };
    for (const d of found) if (await this.correct(kind, book, d, lookups)) corrected.push(d);
    if (corrected.length === 0) return 0;
    this.opts.telemetry.mismatch(kind, corrected.length);
    const shown = corrected.slice(0, 5).map(describeDifference).join("; ");
    const more = corrected.length > 5 ? ` (and ${corrected.length - 5} more)` : "";
    this.warn(`reconciliation corrected ${corrected.length} ${kind} from REST: ${shown}${more}`);
    return corrected.length;
  }

  /**
   * Corrects one difference that outlived the grace period, unless a push has settled it since (checked
   * again here: correcting an order that ended unseen asks REST, and pushes keep arriving meanwhile).
   * Returns whether the held state was wrong and is now corrected.
   */
  private async correct(
    kind: PrivateKind,
    book: HeldRecords<unknown>,
    d: Difference<unknown>,
    lookups: { left: number },
  ): Promise<boolean> {
    if (!stillDiffers(book, d)) return false;
    if (d.row !== undefined) {
      book.force(d.row, this.now());
      return true;
    }
    const held = book.get(d.key);
    if (kind !== "orders" || !held || lookups.left-- <= 0) {
      // Not held any more, or past this pass's look-ups: forgotten, so a question about it goes to REST.
      book.forget(d.key);
      return true;
    }
    // An open order the exchange no longer lists ended unseen: learn how (filled, cancelled).
    const final = await this.opts.driver.rest
      .order(held.value as R["orders"], AbortSignal.timeout(this.opts.requestTimeoutMs))
      .catch(() => undefined);
    if (!stillDiffers(book, d)) return false;
    if (final !== undefined) book.force(final, this.now());
    else book.forget(d.key);
    return true;
  }

  /** Resolves true as soon as `shown()` holds after a push, false after `ms`. */
  private waitFor(shown: () => boolean, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(ok);
      };
      const wake = () => {
        if (this.closed || shown()) done(!this.closed);
      };
      const timer = setTimeout(() => done(false), ms);
      this.waiters.add(wake);
    });
  }

  private setState(state: StreamState, reconnect = false, reason = ""): void {
    if (state === this.state && !reconnect) return;
    this.state = state;
    this.opts.telemetry.stream(PRIVATE_CHANNEL, state, reconnect);
    this.debug(`${state}${reason ? ` (${escapeControl(reason)})` : ""}`);
  }

  private warn(message: string): void {
    this.opts.logger.warn(`${this.opts.name} stream ${this.shown}: ${message}`);
  }

  private debug(message: string): void {
    if (this.opts.logger.isLevelEnabled("debug"))
      this.opts.logger.debug(`${this.opts.name} stream ${this.shown}: ${message}`);
  }
}

/** True when `p` settles in time and succeeds; false on failure or when `ms` passes first. */
async function raceTimeout(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
