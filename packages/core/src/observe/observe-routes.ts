import type { Express, Response } from "express";
import type { Observer } from "./observer";
import { STATUS_HTML } from "./status/page/page-html";
import { STATUS_JS } from "./status/page/page-script";
import { STATUS_CSS } from "./status/page/page-style";

/**
 * `GET /` (the status page, its script and stylesheet), `GET /status.json` and `GET /metrics`. The page
 * may load nothing but these (Content-Security-Policy), and nothing is cached: it is live data.
 */
export function addObserveRoutes(app: Express, observer: Observer): void {
  app.get("/", (_req, res) => sendText(res, "text/html", STATUS_HTML));
  app.get("/status.js", (_req, res) => sendText(res, "text/javascript", STATUS_JS));
  app.get("/status.css", (_req, res) => sendText(res, "text/css", STATUS_CSS));
  app.get("/status.json", (_req, res) =>
    sendText(res, "application/json", JSON.stringify(observer.status.snapshot())),
  );
  app.get("/metrics", (_req, res, next) => {
    observer.metrics.text().then((text) => sendText(res, observer.metrics.contentType, text), next);
  });
}

function sendText(res: Response, type: string, body: string): void {
  res.writeHead(200, {
    "Content-Type": type.includes("charset") ? type : `${type}; charset=utf-8`,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
  });
  res.end(body);
}
