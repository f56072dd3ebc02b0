import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "../logging/logger";
import { type AllowList, plainAddress } from "./allow-list";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const WARN_EVERY_MS = 60_000;

/**
 * Wraps the HTTP handler: a request from an address the allow list does not cover gets HTTP 403 with
 * `{"error"}` (the one answer that is not HTTP 200: it is not an FMZ call) and a warning in the log.
 * The verdict is kept per connection, so keep-alive callers (the docker) pay for one check, not one per
 * call. Warnings repeat at most once a minute per address, so a scanner cannot flood the log.
 */
export function guardRequests(handler: Handler, allow: AllowList, logger: Logger): Handler {
  const verdicts = new WeakMap<Socket, boolean>();
  const warned = new Map<string, number>();
  return (req, res) => {
    const socket = req.socket;
    let ok = verdicts.get(socket);
    if (ok === undefined) {
      ok = allow.allows(socket.remoteAddress);
      verdicts.set(socket, ok);
    }
    if (ok) return handler(req, res);
    const from = plainAddress(socket.remoteAddress ?? "unknown");
    const now = Date.now();
    if ((warned.get(from) ?? -Infinity) + WARN_EVERY_MS <= now) {
      if (warned.size >= 1000) warned.clear();
      warned.set(from, now);
      logger.warn(
        `refused ${req.method ?? "?"} ${(req.url ?? "").split("?")[0].slice(0, 80)} from ${from}: not loopback and not in the allow list`,
      );
    }
    const body = JSON.stringify({
      error: `forbidden: ${from} may not call this gateway (loopback is always allowed; add an address or range with --allow or "allow" in the config)`,
    });
    res.writeHead(403, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      Connection: "close",
    });
    res.end(body);
  };
}
