// The websocket side of the stand-in: accepts upgrades on the REST port, keeps who is subscribed to what,
// and turns market changes into pushes. Ticker and book pushes are sent synchronously inside setTicker()
// (and every other market move), so they leave before the REST state can change again.

import type { Server } from "node:http";
import { WebSocketServer } from "ws";
import type { Instrument } from "../instruments";
import type { MarketState, Ticker } from "../market/state";
import { newestTradeSlot } from "../market/trades";
import { BookFeed } from "./book-feed";
import { isArgError, resolveArg, type ChannelSpec, type WsPath } from "./channels";
import { CLOCK_MS, candleFrames, openCandleFrame, tradeFrames, type ClockState } from "./clock-feeds";
import { WsConnection, type ConnectionHost } from "./connection";
import { ackEvent, ERROR_TEXT, errorEvent } from "./events";
import type { PrivateSide } from "./private/private-side";
import { pushFrame } from "./pushes";
import { NO_BOOK_FAULTS, WsFaultState } from "./ws-faults";

export interface Subscription extends ClockState {
  channel: string;
  instId: string;
  spec: ChannelSpec;
  conns: Set<WsConnection>;
}

export interface HubOptions {
  idleMs: number;
  checksums: boolean;
  /** The stand-in's clock (it may run ahead of the host's), for every `ts` and the trade/candle grid. */
  now: () => number;
  /** Login and the private channels (/ws/v5/private). */
  priv: PrivateSide;
}

const PATHS: ReadonlyMap<string, WsPath> = new Map([
  ["/ws/v5/public", "public"],
  ["/ws/v5/business", "business"],
  ["/ws/v5/private", "private"],
]);

/** A subscribe request kept unanswered by a hold, answered when the hold is released. */
interface HeldRequest {
  conn: WsConnection;
  raw: unknown;
  id: string | undefined;
}

export const subKey = (channel: string, instId: string): string => channel + "\u0000" + instId;

export class WsHub implements ConnectionHost {
  readonly idleMs: number;
  checksums: boolean;
  readonly now: () => number;
  readonly faults = new WsFaultState();
  readonly connections = new Set<WsConnection>();
  readonly subs = new Map<string, Subscription>();
  readonly feeds = new Map<string, BookFeed>();
  readonly priv: PrivateSide;
  sent = 0;
  received = 0;
  private readonly wss = new WebSocketServer({
    noServer: true,
    autoPong: false,
    perMessageDeflate: false,
    clientTracking: false,
  });
  private clock: NodeJS.Timeout | undefined;
  private held: HeldRequest[] = [];

  constructor(
    private readonly market: MarketState,
    opts: HubOptions,
  ) {
    this.idleMs = opts.idleMs;
    this.checksums = opts.checksums;
    this.now = opts.now;
    this.priv = opts.priv;
    market.onChange((t) => this.onTicker(t));
  }

  get silent(): boolean {
    return this.faults.silent;
  }

  countSent(): void {
    this.sent++;
  }

  countReceived(): void {
    this.received++;
  }

  /** OKX's paths; the query (e.g. the demo `?brokerId=9999`) is ignored. Anything else is a plain 404. */
  attach(server: Server): void {
    server.on("upgrade", (req, socket, head) => {
      const target = req.url ?? "";
      const q = target.indexOf("?");
      const path = PATHS.get(q < 0 ? target : target.slice(0, q));
      if (path === undefined) {
        socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.connections.add(new WsConnection(ws, path, this));
        this.runClock();
      });
    });
  }

  /** Login works on every path (OKX also accepts it on /public and /business); it matters on /private. */
  login(conn: WsConnection, args: unknown[], id: string | undefined): void {
    this.priv.login(conn, args, id);
  }

  request(conn: WsConnection, op: string, args: unknown[], id: string | undefined): void {
    if (conn.path === "private") {
      this.priv.request(conn, op, args, id);
      return;
    }
    for (const raw of args) {
      const r = resolveArg(raw, conn.path);
      if (isArgError(r)) {
        conn.send(errorEvent(r.code, r.msg, conn.connId, id), false);
        continue;
      }
      const arg = { channel: (raw as { channel: string }).channel, instId: r.inst.instId };
      if (this.market.get(arg.instId) === undefined) {
        // Known to the catalogue but not trading now (a settled future).
        conn.send(errorEvent("60018", ERROR_TEXT.doesNotExist(arg), conn.connId, id), false);
        continue;
      }
      if (op === "subscribe" && this.faults.isHeld(arg.channel, arg.instId)) {
        this.held.push({ conn, raw, id });
        continue;
      }
      const refusal = op === "subscribe" ? this.faults.refusalFor(arg.channel, arg.instId) : undefined;
      if (refusal !== undefined) {
        const msg = refusal.msg ?? ERROR_TEXT.doesNotExist(arg);
        conn.send(errorEvent(refusal.code ?? "60018", msg, conn.connId, id), false);
        continue;
      }
      conn.send(ackEvent(op === "subscribe" ? "subscribe" : "unsubscribe", arg, conn.connId, id), false);
      if (op === "subscribe") this.subscribe(conn, arg.channel, r.spec, r.inst);
      else this.unsubscribe(conn, subKey(arg.channel, arg.instId));
    }
  }

  /** Answers the held subscribe requests of connections still open, as if they had just arrived. */
  releaseHeld(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) if (this.connections.has(h.conn)) this.request(h.conn, "subscribe", [h.raw], h.id);
  }

  private subscribe(conn: WsConnection, channel: string, spec: ChannelSpec, inst: Instrument): void {
    const key = subKey(channel, inst.instId);
    let sub = this.subs.get(key);
    if (sub === undefined) {
      const argJson = JSON.stringify({ channel, instId: inst.instId });
      sub = { channel, instId: inst.instId, spec, inst, argJson, conns: new Set(), lastSlot: 0, barStart: 0 };
      this.subs.set(key, sub);
    }
    sub.conns.add(conn);
    conn.subs.add(key);
    for (const frame of this.firstFrames(sub)) conn.send(frame, true);
  }

  private firstFrames(sub: Subscription): string[] {
    const now = this.now();
    const t = this.market.get(sub.instId) as Ticker;
    switch (sub.spec.kind) {
      case "tickers":
        return [pushFrame(sub.argJson, this.market.tickerJson(t, now))];
      case "books": {
        let feed = this.feeds.get(sub.instId);
        if (feed === undefined) this.feeds.set(sub.instId, (feed = new BookFeed(sub.instId, t)));
        // Changes made while nobody listened still advance the one sequence of this instrument.
        else feed.update(t, now, false, NO_BOOK_FAULTS);
        const faults = this.faults.peek(sub.instId);
        const used = { ...NO_BOOK_FAULTS, badChecksum: faults.badChecksum };
        this.faults.consume(sub.instId, used);
        return [feed.snapshot(now, this.checksums, used)];
      }
      case "trades":
        // OKX sends nothing on subscribe; the next trade is the first push.
        if (sub.conns.size === 1) sub.lastSlot = newestTradeSlot(now);
        return [];
      case "candle":
        return openCandleFrame(sub, sub.spec.bar!, now);
    }
  }

  private unsubscribe(conn: WsConnection, key: string): void {
    conn.subs.delete(key);
    const sub = this.subs.get(key);
    if (sub === undefined) return;
    sub.conns.delete(conn);
    if (sub.conns.size === 0) this.subs.delete(key);
  }

  closed(conn: WsConnection): void {
    for (const key of [...conn.subs]) this.unsubscribe(conn, key);
    this.priv.closed(conn);
    this.connections.delete(conn);
    this.runClock();
  }

  private onTicker(t: Ticker): void {
    const instId = t.inst.instId;
    const tick = this.subs.get(subKey("tickers", instId));
    const books = this.subs.get(subKey("books", instId));
    if (tick === undefined && books === undefined) return;
    const now = this.now();
    if (tick !== undefined) this.broadcast(tick, pushFrame(tick.argJson, this.market.tickerJson(t, now)));
    const feed = this.feeds.get(instId);
    if (books === undefined || feed === undefined) return;
    const faults = this.faults.peek(instId);
    const frame = feed.update(t, now, this.checksums, faults);
    if (frame === undefined) return;
    this.faults.consume(instId, faults);
    this.broadcast(books, frame);
  }

  broadcast(sub: Subscription, frame: string): void {
    for (const c of sub.conns) c.send(frame, true);
  }

  /** The 250 ms clock for trades and candles runs only while someone is connected. */
  private runClock(): void {
    if (this.connections.size > 0 && this.clock === undefined) {
      this.clock = setInterval(() => this.onClock(), CLOCK_MS);
      this.clock.unref();
    } else if (this.connections.size === 0 && this.clock !== undefined) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  private onClock(): void {
    const now = this.now();
    for (const sub of this.subs.values()) {
      let frames: string[];
      if (sub.spec.kind === "trades") frames = tradeFrames(sub, this.market.get(sub.instId) as Ticker, now);
      else if (sub.spec.kind === "candle") frames = candleFrames(sub, sub.spec.bar!, now);
      else continue;
      for (const f of frames) this.broadcast(sub, f);
    }
  }

  close(): void {
    for (const c of this.connections) c.socket.terminate();
    this.connections.clear();
    this.subs.clear();
    this.priv.close();
    this.runClock();
    this.wss.close();
  }
}
