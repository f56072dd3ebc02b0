import { type Logger, WsConnection, type WsConnectionOptions } from "@fmz-gateway/core";

/** The timings of every OKX websocket of a mount (its `wsPingMs`, `wsPongTimeoutMs`, `wsReconnectMs`). */
export interface OkxConnectionTimings {
  url: string;
  name: string;
  logger: Logger;
  pingAfterMs: number;
  pongTimeoutMs: number;
  reconnectMs: number;
}

/**
 * A self-healing websocket speaking OKX's keepalive (okx-ws.md §1.4): a text `ping` after quiet, answered
 * by a text `pong`; reconnects back off from `reconnectMs` to 30 s. The public and private sockets both
 * stand on it.
 */
export function okxConnection(
  timings: OkxConnectionTimings,
  handlers: Pick<WsConnectionOptions, "onOpen" | "onMessage" | "onDown" | "healthyOn">,
): WsConnection {
  return new WsConnection({
    url: timings.url,
    name: timings.name,
    logger: timings.logger,
    pingAfterMs: timings.pingAfterMs,
    pongTimeoutMs: timings.pongTimeoutMs,
    pingText: "ping",
    isPong: (t) => t === "pong",
    backoff: { initialMs: timings.reconnectMs, maxMs: 30_000 },
    ...handlers,
  });
}
