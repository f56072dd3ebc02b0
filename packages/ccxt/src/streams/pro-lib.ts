/**
 * The few places the streams touch ccxt.pro's loosely typed surface (the `pro` constructors, `streaming`,
 * `urls.api`'s websocket roots, the per-url `clients`), wrapped in small typed functions as ccxt-lib.ts
 * does for REST, so the rest of the streams code stays strict.
 */
import { Agent } from "node:http";
import * as ccxt from "ccxt";
import { type CcxtExchange, overrideRoots } from "../ccxt-lib";

type ExchangeConstructor = new (config?: Record<string, unknown>) => ccxt.Exchange;

/** A ccxt.pro instance of `id`, or `undefined` when ccxt has no websocket class for the exchange. */
export function createProExchange(id: string, config: Record<string, unknown>): CcxtExchange | undefined {
  const ctor = (ccxt.pro as unknown as Record<string, unknown>)[id];
  return typeof ctor === "function" ? new (ctor as ExchangeConstructor)(config) : undefined;
}

/** Whether the pro instance says it has a websocket method (`true` only: an emulated watch polls REST). */
export function proHas(ex: CcxtExchange, feature: string): boolean {
  return ex.has[feature] === true;
}

/**
 * Points every websocket root in `urls.api` at `wsRoot`: the scheme, host and port are replaced and each
 * root's own path is kept (`wss://ws.okx.com:8443/ws/v5` → `<wsRoot>/ws/v5`), exactly as `baseUrl` treats
 * the REST roots. `{hostname}` is resolved first; HTTP entries are left alone.
 */
export function overrideWsRoots(ex: CcxtExchange, wsRoot: string): void {
  overrideRoots(ex, /^wss?:\/\/[^/?#]+([^?#]*)(.*)$/, wsRoot);
}

/**
 * Makes ccxt ping at least every `pingMs` and never drop a socket itself for missed pongs: the streams'
 * keepalive does, by terminating it (ccxt's own drop sends a close frame, and a silent peer keeps such a
 * socket open for 30 s while its late frames still reach the instance's shared books next to the new
 * connection's). Its own dial delay after a drop becomes ~1 ms unless the config set one: the stream
 * loops back off with the core's backoff, and two backoffs in a row would only double the wait.
 */
export function tuneStreaming(ex: CcxtExchange, pingMs: number): void {
  const streaming = ex.streaming as { keepAlive?: number; maxPingPongMisses?: number };
  streaming.keepAlive = Math.max(10, Math.min(streaming.keepAlive ?? 30_000, pingMs));
  streaming.maxPingPongMisses = Number.MAX_SAFE_INTEGER;
  const options = ex.options as Record<string, unknown>;
  const ws = (options.ws && typeof options.ws === "object" ? options.ws : {}) as Record<string, unknown>;
  options.ws = { ...ws, backoff: ws.backoff ?? { base: 1, factor: 1, max: 1 } };
}

/**
 * Lets the instance dial plain `ws://` roots (a stand-in, a local proxy): ccxt refuses them until it has
 * an HTTP agent, which it otherwise only gets from an async `loadHttpProxyAgent()`.
 */
export function allowPlainWs(ex: CcxtExchange): void {
  const target = ex as unknown as { httpAgent?: Agent };
  target.httpAgent ??= new Agent();
}

/**
 * Makes a connection's `lastPong` move only when a pong really arrives. ccxt starts it unset, and its ping
 * timer sets an unset one to "now" (`lastPong = lastPong || now`) as if a pong had come: a socket silent
 * from its start would look heard from at its first ping, up to a third of the keepalive late. Seeded
 * with the moment the connection opened, that branch never runs. ccxt binds `onConnected` when it
 * creates each client, so wrapping the instance's method reaches every connection.
 */
export function truthfulPongs(ex: CcxtExchange): void {
  const target = ex as unknown as { onConnected: (client: RawClient, message?: unknown) => unknown };
  const original = target.onConnected.bind(ex);
  target.onConnected = (client, message) => {
    client.lastPong ??= client.connectionEstablished ?? Date.now();
    return original(client, message);
  };
}

/** One websocket connection of a pro instance, as far as the streams look at it. */
export interface ProSocket {
  readonly url: string;
  /** Open and upgraded. */
  readonly connected: boolean;
  /**
   * When it last proved alive: a pong, or the moment it connected (ms since the epoch). A real pong only
   * once `truthfulPongs` runs on the instance.
   */
  readonly lastPong: number;
  /** Ends it as ccxt's own keepalive does: every watch waiting on it fails, and the next one re-dials. */
  kill(reason: string): void;
}

interface RawClient {
  url: string;
  isConnected?: boolean;
  lastPong?: number;
  connectionEstablished?: number;
  connection?: { terminate?: () => void };
  onError(err: Error): void;
  close(): unknown;
}

/** The pro instance's open connections (ccxt keeps one client per websocket url). */
export function socketsOf(ex: CcxtExchange): ProSocket[] {
  const clients = (ex as unknown as { clients?: Record<string, RawClient | undefined> }).clients ?? {};
  return Object.values(clients).flatMap((c): ProSocket[] =>
    c
      ? [
          {
            url: c.url,
            connected: c.isConnected === true,
            lastPong: Math.max(c.lastPong ?? 0, c.connectionEstablished ?? 0),
            kill: (reason) => {
              c.onError(new ccxt.RequestTimeout(reason));
              // terminate, not close: a silent peer would hold a closing handshake open for 30 s while
              // its late frames still reached the instance's caches next to the new connection's.
              c.connection?.terminate?.();
              Promise.resolve(c.close()).catch(() => undefined);
            },
          },
        ]
      : [],
  );
}

/**
 * Closes the instance's websockets at once, as ccxt's `close()` does after a tick. Every future still
 * pending on them is marked handled first: closing rejects them all, and one that no watch awaits any
 * more (some exchanges' subscribe paths leave such futures behind) would otherwise surface as an
 * unhandled rejection. Done synchronously, so no watch can add a future between the two.
 */
export function closeSockets(ex: CcxtExchange): void {
  const holder = ex as unknown as { clients?: Record<string, ClosingClient | undefined> };
  for (const [url, c] of Object.entries(holder.clients ?? {})) {
    if (!c) continue;
    for (const f of Object.values(c.futures ?? {}) as unknown[]) {
      if (f instanceof Promise) f.catch(() => undefined);
    }
    c.error = new ccxt.ExchangeClosedByUser(`${ex.id} closedByUser`);
    delete holder.clients?.[url];
    Promise.resolve(c.close()).catch(() => undefined);
  }
}

interface ClosingClient {
  futures?: object;
  error?: Error;
  close(): unknown;
}

/** Calls `onFrame(url)` for every frame any connection of the instance receives (data, acks, pongs). */
export function onEveryFrame(ex: CcxtExchange, onFrame: (url: string) => void): void {
  const target = ex as unknown as { handleMessage: (client: RawClient, message: unknown) => unknown };
  const original = target.handleMessage.bind(ex);
  // ccxt binds `this.handleMessage` when it creates each client, so the wrapper is seen by every socket.
  target.handleMessage = (client, message) => {
    onFrame(client.url);
    return original(client, message);
  };
}

/** The levels a ccxt order-book side holds at most (`undefined`: unbounded, as deep as the feed goes). */
export function sideDepth(side: unknown): number | undefined {
  const depth = (side as { depth?: unknown }).depth;
  return typeof depth === "number" && depth < Number.MAX_SAFE_INTEGER ? depth : undefined;
}
