// One client websocket: OKX's text keepalive, the request envelope, and the 30-second idle cut.
// What counts as activity is the documented rule read both ways (reference okx-ws.md §1.3, §1.4, §9): the
// line is cut with 4004 when, for `idleMs`, the client sent nothing (no ping, no request) and no
// subscription pushed data to it. A pinging client therefore stays connected on a quiet channel, as the
// docs' keepalive advice implies, and so does a client that never pings but receives data.

import { randomBytes } from "node:crypto";
import { WebSocket, type RawData } from "ws";
import type { WsPath } from "./channels";
import { errorEvent, ERROR_TEXT, IDLE_CLOSE_CODE, IDLE_CLOSE_REASON } from "./events";

/** What a connection needs from the hub that owns it. */
export interface ConnectionHost {
  readonly idleMs: number;
  /** True while the `goSilent` fault holds: nothing at all leaves the server. */
  readonly silent: boolean;
  countSent(): void;
  countReceived(): void;
  request(conn: WsConnection, op: string, args: unknown[], id: string | undefined): void;
  login(conn: WsConnection, args: unknown[], id: string | undefined): void;
  closed(conn: WsConnection): void;
}

export class WsConnection {
  readonly connId = randomBytes(4).toString("hex");
  /** Keys of this connection's subscriptions (see hub.ts subKey). */
  readonly subs = new Set<string>();
  private lastActivity = Date.now();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly path: WsPath,
    private readonly host: ConnectionHost,
  ) {
    socket.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    // autoPong is off so a silent server answers protocol pings no more than text ones.
    socket.on("ping", (data) => {
      this.lastActivity = Date.now();
      if (!this.host.silent) socket.pong(data);
    });
    socket.on("close", () => {
      if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
      this.host.closed(this);
    });
    socket.on("error", () => socket.terminate());
    this.armIdle(host.idleMs);
  }

  /**
   * Sends one frame unless the server is silent; `data` marks a subscription push, which keeps the line up.
   * Returns whether the frame went out.
   */
  send(text: string, data: boolean): boolean {
    if (this.host.silent || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(text);
    this.host.countSent();
    if (data) this.lastActivity = Date.now();
    return true;
  }

  private armIdle(ms: number): void {
    this.idleTimer = setTimeout(() => this.checkIdle(), ms);
    this.idleTimer.unref();
  }

  private checkIdle(): void {
    const idleFor = Date.now() - this.lastActivity;
    // A silent server sends no close frame either: the client must notice by itself.
    if (idleFor >= this.host.idleMs && !this.host.silent) {
      this.socket.close(IDLE_CLOSE_CODE, IDLE_CLOSE_REASON);
      return;
    }
    this.armIdle(Math.max(1, this.host.idleMs - idleFor));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.lastActivity = Date.now();
    this.host.countReceived();
    const text = isBinary ? "" : data.toString();
    if (text === "ping") {
      this.send("pong", false);
      return;
    }
    let req: unknown;
    try {
      req = JSON.parse(text);
    } catch {
      this.send(errorEvent("60012", ERROR_TEXT.illegalRequest(text), this.connId, undefined), false);
      return;
    }
    const { op, args, id } = (typeof req === "object" && req !== null ? req : {}) as Record<string, unknown>;
    const reqId = typeof id === "string" ? id : undefined;
    if (typeof op !== "string" || !Array.isArray(args) || args.length === 0) {
      this.send(errorEvent("60012", ERROR_TEXT.illegalRequest(text), this.connId, reqId), false);
      return;
    }
    if (op === "login") {
      this.host.login(this, args, reqId);
      return;
    }
    if (op !== "subscribe" && op !== "unsubscribe") {
      this.send(errorEvent("60019", ERROR_TEXT.invalidOp(op), this.connId, reqId), false);
      return;
    }
    this.host.request(this, op, args, reqId);
  }
}
