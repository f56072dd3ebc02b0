// Test helper (not exported from the package): a raw `ws` client that queues every frame it receives so a
// test can wait for the next frame matching a condition, and books a client keeps by OKX's rules (§4.1).

import { WebSocket } from "ws";
import { computeSignature } from "../auth/sign-check";
import type { StandinCredential } from "../types";

export type Frame = Record<string, unknown>;

interface Waiter {
  match: (text: string) => boolean;
  resolve: (text: string) => void;
}

export class RawWs {
  private readonly queue: string[] = [];
  private readonly waiters: Waiter[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const text = data.toString();
      const i = this.waiters.findIndex((w) => w.match(text));
      if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(text);
      else this.queue.push(text);
    });
    this.closed = new Promise((resolve) =>
      socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static open(url: string): Promise<RawWs> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const c = new RawWs(socket);
      socket.once("open", () => resolve(c));
      socket.once("error", reject);
    });
  }

  send(msg: unknown): void {
    this.socket.send(typeof msg === "string" ? msg : JSON.stringify(msg));
  }

  subscribe(channel: string, instId: string, id?: string): void {
    this.send({ ...(id === undefined ? {} : { id }), op: "subscribe", args: [{ channel, instId }] });
  }

  /** A private subscribe (orders, account, positions, balance_and_position) with the arg as given. */
  subscribeArg(arg: Record<string, string>, id?: string, op = "subscribe"): void {
    this.send({ ...(id === undefined ? {} : { id }), op, args: [arg] });
  }

  /**
   * Logs in as OKX's docs say (sign = Base64(HMAC-SHA256(secret, ts + "GET/users/self/verify")), ts in Unix
   * seconds); each part can be overridden to break it. Resolves with the login or error event.
   */
  login(cred: StandinCredential, opts: LoginOptions = {}): Promise<Frame> {
    const ts = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    const sign =
      opts.sign ?? computeSignature(opts.secret ?? cred.secret, String(ts) + "GET/users/self/verify");
    const arg = {
      apiKey: opts.apiKey ?? cred.apiKey,
      passphrase: opts.passphrase ?? cred.passphrase,
      timestamp: ts,
      sign,
    };
    this.send({ ...(opts.id === undefined ? {} : { id: opts.id }), op: "login", args: [arg] });
    return this.next((f) => f.event === "login" || f.event === "error");
  }

  /** The next raw frame matching `match` (already queued or still to come); fails after `timeoutMs`. */
  nextText(match: (text: string) => boolean = () => true, timeoutMs = 3000): Promise<string> {
    const i = this.queue.findIndex(match);
    if (i >= 0) return Promise.resolve(this.queue.splice(i, 1)[0] as string);
    return new Promise((resolve, reject) => {
      const w: Waiter = { match, resolve: (t) => (clearTimeout(timer), resolve(t)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error("no matching websocket frame in time"));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** The next JSON frame matching `match`. */
  async next(match: (f: Frame) => boolean = () => true, timeoutMs?: number): Promise<Frame> {
    const parse = (t: string): Frame | undefined => {
      try {
        return JSON.parse(t) as Frame;
      } catch {
        return undefined;
      }
    };
    return parse(
      await this.nextText((t) => parse(t) !== undefined && match(parse(t) as Frame), timeoutMs),
    ) as Frame;
  }

  /** Frames received and not yet taken. */
  pending(): string[] {
    return [...this.queue];
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }
}

export interface LoginOptions {
  /** Unix seconds as a string by default; a number is sent as a JSON number (python-okx does). */
  timestamp?: string | number;
  sign?: string;
  secret?: string;
  passphrase?: string;
  apiKey?: string;
  id?: string;
}

/** A data push of a private channel (no `event`), optionally only one whose data[0] passes `where`. */
export const isPrivatePush =
  (channel: string, where: (row: Frame) => boolean = () => true) =>
  (f: Frame) => {
    const arg = f.arg as { channel?: string } | undefined;
    const row = (f.data as Frame[] | undefined)?.[0];
    return f.event === undefined && arg?.channel === channel && (row === undefined || where(row));
  };

export const isPush = (channel: string, instId: string) => (f: Frame) => {
  const arg = f.arg as { channel?: string; instId?: string } | undefined;
  return f.event === undefined && arg?.channel === channel && arg.instId === instId;
};

export type Level = [string, string, string, string];

/** A client-side book kept exactly as OKX says to (§4.1): replace or delete by price, insert sorted. */
export class ClientBook {
  asks = new Map<string, Level>();
  bids = new Map<string, Level>();
  seqId = -1;

  apply(data: { asks: Level[]; bids: Level[]; seqId: number }, snapshot: boolean): void {
    if (snapshot) {
      this.asks.clear();
      this.bids.clear();
    }
    for (const [side, rows] of [
      [this.asks, data.asks],
      [this.bids, data.bids],
    ] as const) {
      for (const l of rows) {
        if (l[1] === "0") side.delete(l[0]);
        else side.set(l[0], l);
      }
    }
    this.seqId = data.seqId;
  }

  sorted(): { asks: Level[]; bids: Level[] } {
    const asks = [...this.asks.values()].sort((a, b) => Number(a[0]) - Number(b[0]));
    const bids = [...this.bids.values()].sort((a, b) => Number(b[0]) - Number(a[0]));
    return { asks, bids };
  }
}
