import type { MountPages } from "../../adapter/mount-pages";
import type { GatewayErrorKind } from "../../errors/gateway-errors";
import type { Logger } from "../../logging/logger";
import { escapeControls } from "../../telemetry/labels";
import type { Telemetry } from "../../telemetry/telemetry";
import { VERSION } from "../../version";
import { BoundedLabels, UNKNOWN_EXCHANGE } from "../bounded-labels";
import { mountPageLink } from "../mount-pages/mount-page-table";
import { maskOptions } from "./mask-options";
import { MinuteWindow } from "./minute-window";
import { RecentCalls } from "./recent-calls";
import type { CallWindow, LimitWindow, MountStatus, RecentCall, StatusSnapshot } from "./status-types";

/** A mount as the status page lists it. */
export interface ObservedMount {
  readonly name: string;
  readonly adapter: string;
  readonly options: Record<string, unknown>;
  /** The pages its adapter serves (`/mounts/<name>/`), read once at start; the status page links them. */
  readonly pages?: MountPages;
  /** Where a failing page resource is reported. */
  readonly logger?: Logger;
}

/** Two keys → a window, created on first use. */
class Table {
  readonly rows = new Map<string, Map<string, MinuteWindow>>();
  constructor(
    private readonly fields: number,
    private readonly withLatency: boolean,
  ) {}
  get(a: string, b: string): MinuteWindow {
    let inner = this.rows.get(a);
    if (!inner) this.rows.set(a, (inner = new Map()));
    let w = inner.get(b);
    if (!w) inner.set(b, (w = new MinuteWindow(this.fields, this.withLatency)));
    return w;
  }
}

const CALLS = 0;
const ERRORS = 1;
/** Calls answered "not supported": a normal answer of an adapter that lacks a method, not an error. */
const UNSUPPORTED = 2;
const WAITS = 0;
const REFUSALS = 1;
const WAIT_SECONDS = 2;

const NOT_SUPPORTED: GatewayErrorKind = "not-supported";

/**
 * What the status page shows, kept from the gateway's telemetry: per mount and method, per upstream
 * endpoint and per limiter scope a rolling hour in minute slots, and the last 100 calls. Every key is
 * from a bounded set (mounts, wire methods, folded endpoints and scopes), so memory is bounded too.
 */
export class StatusStore {
  private readonly calls = new Table(3, true);
  private readonly upstream = new Table(2, true);
  private readonly limits = new Table(3, false);
  private readonly recent = new RecentCalls(100);
  private readonly endpoints = new BoundedLabels(64);
  private readonly scopes = new BoundedLabels(32);
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly telemetry: Telemetry,
    private readonly mounts: () => readonly ObservedMount[],
    private readonly startedAt: number,
  ) {
    this.unsubscribe = [
      telemetry.on("call", (e) => {
        const exchange = e.known ? e.exchange : UNKNOWN_EXCHANGE;
        const w = this.calls.get(exchange, e.method);
        w.add(e.at, CALLS);
        if (e.outcome === NOT_SUPPORTED) w.add(e.at, UNSUPPORTED);
        else if (e.outcome !== "ok") w.add(e.at, ERRORS);
        w.latency(e.at, e.seconds * 1000);
        this.recent.add(e);
      }),
      telemetry.on("upstream", (e) => {
        const now = Date.now();
        const w = this.upstream.get(e.exchange, this.endpoints.fold(e.exchange, e.endpoint));
        w.add(now, CALLS);
        if (e.outcome !== "ok") w.add(now, ERRORS);
        w.latency(now, e.seconds * 1000);
      }),
      telemetry.on("rateLimit", (e) => {
        const now = Date.now();
        const w = this.limits.get(e.exchange, this.scopes.fold(e.exchange, e.scope));
        if (e.kind === "refused") w.add(now, REFUSALS);
        else {
          w.add(now, WAITS);
          w.add(now, WAIT_SECONDS, e.seconds);
        }
      }),
    ];
  }

  snapshot(now = Date.now()): StatusSnapshot {
    return {
      version: VERSION,
      startedAt: this.startedAt,
      now,
      uptimeSeconds: Math.round((now - this.startedAt) / 1000),
      mounts: this.mounts().map((m) => this.mountStatus(m)),
      calls: rows(this.calls, now, "exchange", "method", methodWindow),
      upstream: rows(this.upstream, now, "exchange", "endpoint", callWindow),
      rateLimits: rows(this.limits, now, "exchange", "scope", limitWindow),
      recent: this.recent.list().map((e): RecentCall => ({
        at: e.at,
        // An unknown path and an error text may hold a caller's text: shown, never long, controls escaped.
        exchange: escapeControls(e.exchange, 40),
        method: e.method,
        outcome: e.outcome,
        ...(e.error ? { error: escapeControls(e.error, 300) } : {}),
        ms: Math.round(e.seconds * 100_000) / 100,
        key: e.key,
      })),
    };
  }

  private mountStatus(m: ObservedMount): MountStatus {
    const streams = this.telemetry.streams(m.name);
    const count = (state: string) => streams.filter((s) => s.state === state).length;
    const page = mountPageLink(m.name, m.pages);
    return {
      name: m.name,
      adapter: m.adapter,
      options: maskOptions(m.options),
      ...(page ? { page } : {}),
      streams: {
        live: count("live"),
        connecting: count("connecting"),
        down: count("down"),
        reconnects: streams.reduce((n, s) => n + s.reconnects, 0),
        list: streams.slice(0, 100).map((s) => ({
          channel: escapeControls(s.channel, 80),
          key: escapeControls(s.key, 80),
          state: s.state,
          reconnects: s.reconnects,
          lastMessageAt: s.lastMessageAt,
        })),
      },
    };
  }

  close(): void {
    for (const off of this.unsubscribe) off();
  }
}

function callWindow(w: MinuteWindow, now: number, minutes: number): CallWindow {
  const s = w.summary(now, minutes);
  return { calls: s.counts[CALLS], errors: s.counts[ERRORS], p50Ms: s.p50, p99Ms: s.p99 };
}

/** A method's calls: errors, and apart from them the calls answered "not supported". */
function methodWindow(w: MinuteWindow, now: number, minutes: number): CallWindow {
  const s = w.summary(now, minutes);
  return {
    calls: s.counts[CALLS],
    errors: s.counts[ERRORS],
    unsupported: s.counts[UNSUPPORTED],
    p50Ms: s.p50,
    p99Ms: s.p99,
  };
}

function limitWindow(w: MinuteWindow, now: number, minutes: number): LimitWindow {
  const s = w.summary(now, minutes);
  return {
    waits: s.counts[WAITS],
    refusals: s.counts[REFUSALS],
    waitSeconds: Math.round(s.counts[WAIT_SECONDS] * 1000) / 1000,
  };
}

/** One row per pair with anything in the last hour, sorted by both keys. */
function rows<A extends string, B extends string, W extends object>(
  table: Table,
  now: number,
  a: A,
  b: B,
  read: (w: MinuteWindow, now: number, minutes: number) => W,
): Array<{ [P in A | B]: string } & { last5m: W; last60m: W }> {
  const out: Array<{ [P in A | B]: string } & { last5m: W; last60m: W }> = [];
  for (const [ka, inner] of [...table.rows].sort(([x], [y]) => x.localeCompare(y)))
    for (const [kb, w] of [...inner].sort(([x], [y]) => x.localeCompare(y))) {
      const last60m = read(w, now, 60);
      if (Object.values(last60m).every((v) => !v)) continue;
      out.push({ [a]: ka, [b]: kb, last5m: read(w, now, 5), last60m } as { [P in A | B]: string } & {
        last5m: W;
        last60m: W;
      });
    }
  return out;
}
