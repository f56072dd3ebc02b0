import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "../logging/logger";
import { callerText } from "../logging/escape";
import { type AllowList, plainAddress } from "./allow-list";
import type { BrowserPolicy } from "./browser-policy";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const WARN_EVERY_MS = 60_000;

/**
 * Wraps the HTTP handler with the gateway's two gates, before any work is done for a request:
 * - the caller's address: loopback or the allow list (the verdict is kept per connection, so a
 *   keep-alive docker pays for one check, not one per call);
 * - the browser policy: no `Origin` (unless allowed) and a `Host` that is the gateway's own.
 * A refusal is HTTP 403 with `{"error"}` (the one answer that is not HTTP 200: it is not an FMZ call)
 * and a warning in the log, at most once a minute per cause, so a scanner cannot flood the log.
 */
export function guardRequests(
  handler: Handler,
  allow: AllowList,
  browser: BrowserPolicy,
  logger: Logger,
): Handler {
  const verdicts = new WeakMap<Socket, boolean>();
  const hostsSeen = new WeakMap<Socket, string>();
  const warned = new Map<string, number>();
  const refuse = (req: IncomingMessage, res: ServerResponse, cause: string, why: string, error: string) => {
    const now = Date.now();
    if ((warned.get(cause) ?? -Infinity) + WARN_EVERY_MS <= now) {
      if (warned.size >= 1000) warned.clear();
      warned.set(cause, now);
      logger.warn(
        `refused ${callerText(req.method ?? "?", 16)} ${callerText((req.url ?? "").split("?")[0], 80)}${why}`,
      );
    }
    const body = JSON.stringify({ error });
    res.writeHead(403, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "X-Content-Type-Options": "nosniff",
      Connection: "close",
    });
    res.end(body);
  };
  return (req, res) => {
    const socket = req.socket;
    let ok = verdicts.get(socket);
    if (ok === undefined) {
      ok = allow.allows(socket.remoteAddress);
      verdicts.set(socket, ok);
    }
    if (!ok) {
      const from = plainAddress(socket.remoteAddress ?? "unknown");
      return refuse(
        req,
        res,
        `address ${from}`,
        ` from ${from}: not loopback and not in the allow list`,
        `forbidden: ${from} may not call this gateway (loopback is always allowed; add an address or range with --allow or "allow" in the config)`,
      );
    }
    const host = req.headers.host;
    const origin = req.headers.origin;
    // The common case, a docker on one connection with one Host and no Origin, is checked once.
    if (origin === undefined && host !== undefined && hostsSeen.get(socket) === host)
      return handler(req, res);
    const verdict = browser.check(req.method, host, origin);
    if (verdict.ok) {
      if (origin === undefined && host !== undefined) hostsSeen.set(socket, host);
      return handler(req, res);
    }
    if (verdict.reason === "host") {
      const shown = JSON.stringify(callerText(host ?? "", 64));
      return refuse(
        req,
        res,
        `host ${shown}`,
        `: Host ${shown} is not one of this gateway's names`,
        `forbidden: Host ${shown} is not this gateway's name (it answers to loopback, localhost, this machine's own addresses and the names in "hostnames" in the config); a web page on another name may not reach it`,
      );
    }
    const shown = JSON.stringify(callerText(origin ?? "", 64));
    return refuse(
      req,
      res,
      `origin ${shown}`,
      `: a web page (Origin ${shown}) tried to call`,
      `forbidden: requests from web pages are refused (Origin ${shown}); the FMZ docker sends no Origin. To let a page call, add its origin to "allowOrigins" in the config`,
    );
  };
}
