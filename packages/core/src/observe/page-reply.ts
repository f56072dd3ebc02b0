import type { ServerResponse } from "node:http";

/**
 * Answers a page, script, stylesheet or JSON of the status page or a mount's page. A page may load
 * nothing but what this gateway serves (Content-Security-Policy), may not be framed, and nothing is
 * cached: it is live data.
 */
export function sendPage(res: ServerResponse, type: string, body: string, status = 200): void {
  res.writeHead(status, {
    "Content-Type": type.includes("charset") ? type : `${type}; charset=utf-8`,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
  });
  res.end(body);
}
