import type { WsConnection } from "@fmz-gateway/core";
import { type OkxConnectionTimings, okxConnection } from "./okx-connection";

/** A subscription argument: market-data channels need `channel` and `instId` (okx-ws.md §2.1). */
export interface OkxArg {
  channel: string;
  instId: string;
}

/** A data push: `{arg, data}`, plus `action` on the incremental book channels (okx-ws.md §2.4). */
export interface OkxPush {
  arg: OkxArg;
  action?: string;
  data: unknown[];
}

/** One channel-and-instrument on a socket; the stream runners implement it. */
export interface OkxSubscriber {
  readonly arg: OkxArg;
  /** A subscribe for this arg went out; `reconnect` after a drop or a resubscribe. */
  subscribing(reconnect: boolean): void;
  /** OKX acknowledged it. */
  acked(): void;
  push(msg: OkxPush): void;
  /** The socket is gone, OKX refused or dropped the subscription: nothing from it may be served. */
  lost(reason: string): void;
}

interface OkxEvent {
  event?: string;
  id?: string;
  arg?: OkxArg;
  code?: string;
  msg?: string;
}

export type OkxSocketOptions = OkxConnectionTimings;

const keyOf = (a: OkxArg): string => `${a.channel}:${a.instId}`;

/**
 * One OKX public websocket (`/public` or `/business`) carrying every subscription of a mount on that
 * endpoint. It connects on the first subscription and closes with the last; after a drop it reconnects
 * (backoff with jitter) and subscribes everything still wanted. OKX's keepalive is a text `ping` answered
 * by `pong` (okx-ws.md §1.4). One request per arg, each with an `id`, so an error names its subscription.
 */
export class OkxSocket {
  private readonly subs = new Map<string, OkxSubscriber>();
  /** Request id → subscription key, to route an error event to the subscription it refuses. */
  private readonly requests = new Map<string, string>();
  /** Subscriptions we unsubscribed ourselves to resubscribe: their unsubscribe ack is expected. */
  private readonly unsubscribing = new Set<string>();
  private readonly conn: WsConnection;
  /** Subscriptions sent but not acknowledged yet, each with its deadline. */
  private readonly awaitingAck = new Map<string, NodeJS.Timeout>();
  private nextId = 1;
  private opened = false;

  constructor(private readonly opts: OkxSocketOptions) {
    this.conn = okxConnection(opts, {
      onOpen: () => this.onOpen(),
      onMessage: (t) => this.onMessage(t),
      onDown: (why) => this.onDown(why),
    });
  }

  get size(): number {
    return this.subs.size;
  }

  add(sub: OkxSubscriber): void {
    this.subs.set(keyOf(sub.arg), sub);
    // Not open yet: `onOpen` subscribes everything, this one included.
    if (this.conn.isOpen) this.subscribe(sub, false);
    else this.conn.start();
  }

  remove(sub: OkxSubscriber): void {
    const key = keyOf(sub.arg);
    if (this.subs.get(key) !== sub) return;
    this.subs.delete(key);
    this.ackArrived(key);
    if (this.subs.size === 0) {
      // Nothing wanted: close the socket rather than keep an idle one pinging.
      this.conn.stop();
      this.clearAcks();
      this.opened = false;
      this.requests.clear();
      this.unsubscribing.clear();
      return;
    }
    this.send("unsubscribe", sub.arg);
  }

  /** Unsubscribes and subscribes again on the same socket: OKX then sends a fresh snapshot. */
  resubscribe(sub: OkxSubscriber): void {
    if (this.subs.get(keyOf(sub.arg)) !== sub || !this.conn.isOpen) return;
    this.unsubscribing.add(keyOf(sub.arg));
    this.send("unsubscribe", sub.arg);
    this.subscribe(sub, true);
  }

  /** Drops the socket (tests and shutdown of the mount). */
  close(): void {
    this.subs.clear();
    this.clearAcks();
    this.conn.stop();
  }

  private subscribe(sub: OkxSubscriber, reconnect: boolean): void {
    sub.subscribing(reconnect);
    this.send("subscribe", sub.arg);
    // A socket can answer pings yet have lost our subscribe (or its ack): a stream must not hang in
    // "connecting" on an open socket, so no ack within the keepalive's span means start over.
    const key = keyOf(sub.arg);
    this.ackArrived(key);
    const timer = setTimeout(
      () => this.conn.restart("subscription not acknowledged in time"),
      this.opts.pingAfterMs + this.opts.pongTimeoutMs,
    );
    this.awaitingAck.set(key, timer);
  }

  private ackArrived(key: string): void {
    clearTimeout(this.awaitingAck.get(key));
    this.awaitingAck.delete(key);
  }

  private clearAcks(): void {
    for (const t of this.awaitingAck.values()) clearTimeout(t);
    this.awaitingAck.clear();
  }

  private send(op: "subscribe" | "unsubscribe", arg: OkxArg): void {
    const id = String(this.nextId++);
    if (op === "subscribe") this.requests.set(id, keyOf(arg));
    this.conn.send(JSON.stringify({ id, op, args: [arg] }));
  }

  private onOpen(): void {
    const reconnect = this.opened;
    this.opened = true;
    this.requests.clear();
    this.unsubscribing.clear();
    for (const sub of this.subs.values()) this.subscribe(sub, reconnect);
  }

  private onDown(reason: string): void {
    this.clearAcks();
    for (const sub of this.subs.values()) sub.lost(`websocket ${reason}`);
  }

  private onMessage(text: string): void {
    let msg: OkxEvent & Partial<OkxPush>;
    try {
      msg = JSON.parse(text) as OkxEvent & Partial<OkxPush>;
    } catch {
      this.opts.logger.debug(`${this.opts.name}: ignored a frame that is not JSON`);
      return;
    }
    if (msg.event !== undefined) return this.onEvent(msg);
    if (msg.arg && Array.isArray(msg.data)) this.subs.get(keyOf(msg.arg))?.push(msg as OkxPush);
  }

  private onEvent(e: OkxEvent): void {
    const key = e.arg ? keyOf(e.arg) : undefined;
    switch (e.event) {
      case "subscribe":
        if (key) {
          this.ackArrived(key);
          this.subs.get(key)?.acked();
        }
        return;
      case "unsubscribe": {
        if (!key || this.unsubscribing.delete(key)) return;
        // OKX dropped a subscription we still want (another book channel evicted it, §2.5): take it again.
        const sub = this.subs.get(key);
        if (sub && this.conn.isOpen) {
          sub.lost("unsubscribed by OKX");
          this.subscribe(sub, true);
        }
        return;
      }
      case "error": {
        const target = e.id !== undefined ? this.requests.get(e.id) : undefined;
        const why = `OKX ${e.code ?? "?"}: ${e.msg ?? "subscription refused"}`;
        this.opts.logger.warn(`${this.opts.name} websocket: ${why}`);
        if (target) {
          this.ackArrived(target);
          this.subs.get(target)?.lost(why);
        }
        return;
      }
      case "notice":
        // 64008: the server goes down for an upgrade within 60 s; move to a fresh connection now.
        this.conn.restart(`notice ${e.code ?? ""}`.trim());
        return;
      default:
        return;
    }
  }
}
