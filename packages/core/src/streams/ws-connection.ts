import WebSocket from "ws";
import type { Logger } from "../logging/logger";
import { Backoff, type BackoffOptions } from "./backoff";

/**
 * The only file that touches `ws`. A websocket that keeps itself up: it connects, pings when the line
 * has been quiet, drops the socket when the answer does not come in time (a silent socket looks exactly
 * like a quiet market otherwise), and reconnects with backoff and jitter until `stop()`.
 */
export interface WsConnectionOptions {
  url: string;
  /** For log lines: `OKX public`. */
  name: string;
  logger: Logger;
  /** Send a keepalive after this long without a message from the server; default 20 000 ms. */
  pingAfterMs?: number;
  /** Drop the socket when nothing arrives this long after the keepalive; default 5 000 ms. */
  pongTimeoutMs?: number;
  /** The keepalive: a text frame (OKX: `"ping"`), or `undefined` for a protocol-level ping frame. */
  pingText?: string;
  /** A reply to the keepalive that carries nothing else (OKX: `"pong"`); not passed to `onMessage`. */
  isPong?: (text: string) => boolean;
  backoff?: BackoffOptions;
  /**
   * When the backoff starts again from its first step: at the first message of a connection (the
   * default: the server answers), or only when the owner calls `markHealthy()` (a private socket, whose
   * login error is a message too: a refused login must keep backing off, not retry at once forever).
   */
  healthyOn?: "message" | "markHealthy";
  /**
   * With `healthyOn: "markHealthy"`: a socket that opens but is not marked healthy within this long is
   * dropped and retried with the backoff. A login or subscription whose answer never comes (lost while
   * the server was silent) would otherwise leave an open socket that answers keepalives and never carries
   * data. Default: two keepalive windows, 2 × (pingAfterMs + pongTimeoutMs).
   */
  readyTimeoutMs?: number;
  /** The socket opened: (re)send every subscription. */
  onOpen: () => void;
  /** One text frame from the server. */
  onMessage: (text: string) => void;
  /** The socket is gone (closed, failed, keepalive missed); a reconnect follows unless stopped. */
  onDown: (reason: string) => void;
}

export class WsConnection {
  private socket?: WebSocket;
  private readonly backoff: Backoff;
  private quietTimer?: NodeJS.Timeout;
  private pongTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private readyTimer?: NodeJS.Timeout;
  private running = false;
  private healthy = false;
  private lastHeard = 0;

  constructor(private readonly opts: WsConnectionOptions) {
    this.backoff = new Backoff(opts.backoff);
  }

  /** Open: the socket is connected and may be written to. */
  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Epoch ms of the last frame from the server (a pong included) on the current socket; 0 before one. */
  get lastMessageAt(): number {
    return this.lastHeard;
  }

  /** The connection proved itself (a private socket's login and subscriptions): reset the backoff. */
  markHealthy(): void {
    clearTimeout(this.readyTimer);
    this.backoff.reset();
  }

  /** Connects (or keeps connecting) until `stop()`. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Sends one text frame; false when the socket is not open (the next `onOpen` resends state). */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.socket?.send(text);
    return true;
  }

  /** Drops the socket now and reconnects after the backoff (a protocol error, a notice of shutdown). */
  restart(reason: string): void {
    if (this.socket) this.lost(this.socket, reason);
  }

  /** Closes for good (no reconnect). */
  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.readyTimer);
    this.clearKeepalive();
    const s = this.socket;
    this.socket = undefined;
    if (s) {
      s.removeAllListeners();
      s.on("error", () => undefined);
      s.terminate();
    }
  }

  private connect(): void {
    if (!this.running) return;
    const s = new WebSocket(this.opts.url, { handshakeTimeout: 10_000, perMessageDeflate: false });
    this.socket = s;
    this.healthy = false;
    this.lastHeard = 0;
    s.on("open", () => {
      this.armQuiet();
      if (this.opts.healthyOn === "markHealthy") this.armReady(s);
      this.opts.onOpen();
    });
    s.on("message", (data, isBinary) => this.received(isBinary ? "" : rawText(data)));
    s.on("pong", () => this.received(""));
    s.on("close", (code, reason) =>
      this.lost(s, `closed ${code}${reason.length ? ` ${reason.toString()}` : ""}`),
    );
    s.on("error", (err) => this.lost(s, err.message));
  }

  private received(text: string): void {
    this.lastHeard = Date.now();
    if (!this.healthy && this.opts.healthyOn !== "markHealthy") {
      // A message proves the server answers: only then start the backoff again from the first step.
      this.healthy = true;
      this.backoff.reset();
    }
    this.armQuiet();
    if (text === "" || this.opts.isPong?.(text)) return;
    this.opts.onMessage(text);
  }

  private armQuiet(): void {
    this.clearKeepalive();
    this.quietTimer = setTimeout(() => this.ping(), this.opts.pingAfterMs ?? 20_000);
  }

  private ping(): void {
    const s = this.socket;
    if (!s || s.readyState !== WebSocket.OPEN) return;
    if (this.opts.pingText === undefined) s.ping();
    else s.send(this.opts.pingText);
    this.pongTimer = setTimeout(
      () => this.lost(s, "keepalive not answered in time"),
      this.opts.pongTimeoutMs ?? 5_000,
    );
  }

  private armReady(s: WebSocket): void {
    clearTimeout(this.readyTimer);
    const keepalive = (this.opts.pingAfterMs ?? 20_000) + (this.opts.pongTimeoutMs ?? 5_000);
    this.readyTimer = setTimeout(
      () => this.lost(s, "not ready in time (no answer to the login or subscription)"),
      this.opts.readyTimeoutMs ?? 2 * keepalive,
    );
  }

  private clearKeepalive(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.pongTimer);
  }

  private lost(s: WebSocket, reason: string): void {
    if (s !== this.socket) return; // an old socket's late event
    this.socket = undefined;
    this.lastHeard = 0;
    this.clearKeepalive();
    clearTimeout(this.readyTimer);
    s.removeAllListeners();
    s.on("error", () => undefined);
    s.terminate();
    this.opts.onDown(reason);
    if (!this.running) return;
    const delay = this.backoff.next();
    this.opts.logger.debug(`${this.opts.name} websocket down (${reason}); reconnecting in ${delay} ms`);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}
