import { endpointLabel, safeLabel } from "./labels";

/**
 * What the gateway reports about itself, as typed events: every FMZ call, every upstream request, rate
 * limiter waits and refusals, stream state changes, and whether an answer came from a stream or REST.
 * One `Telemetry` per gateway (tests run several in one process, so it is never global). The host emits
 * call events; adapters and helpers emit the rest through the `MountTelemetry` their mount hands them.
 * Consumers (metrics, the status page) subscribe; with none subscribed an emit is a loop over nothing.
 *
 * Nothing here may carry a secret: access keys arrive already shortened, and labels are bounded sets
 * (mount, wire method, endpoint template), never symbols or order ids. `MountTelemetry`, the door every
 * adapter reports through, makes each label safe (labels.ts) whatever the adapter passed.
 */

/** One FMZ call as the docker saw it. */
export interface CallEvent {
  /** Epoch ms when the call finished. */
  readonly at: number;
  /** The mount's name, or the unknown path the docker called. */
  readonly exchange: string;
  /** Whether `exchange` names a mount of this gateway. */
  readonly known: boolean;
  /** The protocol's wire name (`ticker`), `unknown` for a name the method table does not know. */
  readonly method: string;
  /** `ok`, or the error's kind (`bad-request`, `exchange`, `timeout`, `network`, `not-supported` …). */
  readonly outcome: string;
  /** The error text as the docker got it (secrets already scrubbed); absent when ok. */
  readonly error?: string;
  readonly seconds: number;
  /** Shortened access key (`abcd…wxyz`), empty for a keyless call. */
  readonly key: string;
}

/** One HTTP request (or library call) to the exchange. */
export interface UpstreamEvent {
  readonly exchange: string;
  /** A bounded label: the path template (`/api/v5/market/ticker`) or the library method. */
  readonly endpoint: string;
  /** `ok`, an HTTP status class (`http-5xx`) or an error kind (`timeout`, `network`). */
  readonly outcome: string;
  readonly seconds: number;
}

/** The gateway's own rate limiter held a request back, or refused it (the deadline would pass). */
export interface RateLimitEvent {
  readonly exchange: string;
  /** The limiter's scope (an endpoint or a named bucket), bounded. */
  readonly scope: string;
  readonly kind: "wait" | "refused";
  /** Time spent waiting (0 for a refusal). */
  readonly seconds: number;
}

export type StreamState = "connecting" | "live" | "down";

/** A stream (one websocket subscription, or one connection) changed state. */
export interface StreamEvent {
  readonly exchange: string;
  /** The channel (`tickers`, `books`, `trades`, `candle1m`, `watchTicker` …), bounded. */
  readonly channel: string;
  readonly state: StreamState;
  /** True when this change is a reconnect attempt after a drop. */
  readonly reconnect?: boolean;
}

/** Where one answer came from. */
export interface ServedEvent {
  readonly exchange: string;
  readonly method: string;
  readonly source: "stream" | "rest";
}

/**
 * Reconciliation found the state held from a private stream different from the exchange's REST answer
 * (a missed or wrong push) and corrected it. `count` 0 announces the series (a private stream started):
 * the counter then reads 0 in a healthy run instead of being absent.
 */
export interface MismatchEvent {
  readonly exchange: string;
  /** What differed: `orders`, `balances` or `positions`. */
  readonly kind: string;
  readonly count: number;
}

/** A snapshot of a mount's streams for the status page. */
export interface StreamSnapshot {
  readonly channel: string;
  /** The subscription's instrument or key, for people (never a metric label). */
  readonly key: string;
  readonly state: StreamState;
  readonly reconnects: number;
  /** Epoch ms of the last message, 0 when none yet. */
  readonly lastMessageAt: number;
}

interface EventMap {
  call: CallEvent;
  upstream: UpstreamEvent;
  rateLimit: RateLimitEvent;
  stream: StreamEvent;
  served: ServedEvent;
  mismatch: MismatchEvent;
}

type Listener<E> = (event: E) => void;

export class Telemetry {
  private readonly listeners: { [K in keyof EventMap]: Listener<EventMap[K]>[] } = {
    call: [],
    upstream: [],
    rateLimit: [],
    stream: [],
    served: [],
    mismatch: [],
  };
  private readonly streamSources = new Map<string, Set<() => readonly StreamSnapshot[]>>();

  on<K extends keyof EventMap>(kind: K, listener: Listener<EventMap[K]>): () => void {
    const list = this.listeners[kind] as Listener<EventMap[K]>[];
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  emit<K extends keyof EventMap>(kind: K, event: EventMap[K]): void {
    const list = this.listeners[kind] as Listener<EventMap[K]>[];
    // A consumer's bug must never fail the call that reported it.
    for (const l of list) {
      try {
        l(event);
      } catch {
        /* ignored on purpose */
      }
    }
  }

  /** A stream cache registers how to list its streams; the returned function unregisters it. */
  addStreamSource(exchange: string, snapshot: () => readonly StreamSnapshot[]): () => void {
    let set = this.streamSources.get(exchange);
    if (!set) this.streamSources.set(exchange, (set = new Set()));
    set.add(snapshot);
    return () => set.delete(snapshot);
  }

  /** Every stream a mount holds right now. */
  streams(exchange: string): StreamSnapshot[] {
    const out: StreamSnapshot[] = [];
    for (const s of this.streamSources.get(exchange) ?? []) out.push(...s());
    return out;
  }

  /** The reporting handle one mount's adapter and helpers use; the mount name is filled in. */
  forMount(exchange: string): MountTelemetry {
    return new MountTelemetry(this, exchange);
  }
}

/** Telemetry bound to one mount: what an adapter hands its HTTP client, limiter and stream cache. */
export class MountTelemetry {
  constructor(
    readonly hub: Telemetry,
    readonly exchange: string,
  ) {}

  /**
   * One request to the exchange. `endpoint` becomes a label as `endpointLabel` makes it (ids templated,
   * control characters escaped); `secrets` are values it must never show (the caller's keys, when the
   * path holds a caller's text).
   */
  upstream(endpoint: string, outcome: string, seconds: number, secrets?: readonly string[]): void {
    const label = endpointLabel(endpoint, secrets);
    this.hub.emit("upstream", { exchange: this.exchange, endpoint: label, outcome, seconds });
  }

  rateLimit(scope: string, kind: "wait" | "refused", seconds: number): void {
    this.hub.emit("rateLimit", { exchange: this.exchange, scope: endpointLabel(scope), kind, seconds });
  }

  stream(channel: string, state: StreamState, reconnect = false): void {
    this.hub.emit("stream", { exchange: this.exchange, channel: safeLabel(channel), state, reconnect });
  }

  served(method: string, source: "stream" | "rest"): void {
    this.hub.emit("served", { exchange: this.exchange, method, source });
  }

  /** Reconciliation corrected `count` records of `kind` (0: the private stream started; see MismatchEvent). */
  mismatch(kind: string, count: number): void {
    this.hub.emit("mismatch", { exchange: this.exchange, kind: safeLabel(kind), count });
  }

  addStreamSource(snapshot: () => readonly StreamSnapshot[]): () => void {
    return this.hub.addStreamSource(this.exchange, snapshot);
  }
}
