import type { Express } from "express";
import { addMountPageRoutes } from "./mount-pages/mount-page-routes";
import type { Observer } from "./observer";
import { sendPage } from "./page-reply";
import { STATUS_HTML } from "./status/page/page-html";
import { STATUS_JS } from "./status/page/page-script";
import { STATUS_CSS } from "./status/page/page-style";

/**
 * `GET /` (the status page, its script and stylesheet), `GET /status.json`, `GET /metrics`, and the
 * pages adapters serve about their mounts under `/mounts/`. A page may load nothing but what the gateway
 * serves (Content-Security-Policy), and nothing is cached: it is live data.
 */
export function addObserveRoutes(app: Express, observer: Observer): void {
  app.get("/", (_req, res) => sendPage(res, "text/html", STATUS_HTML));
  app.get("/status.js", (_req, res) => sendPage(res, "text/javascript", STATUS_JS));
  app.get("/status.css", (_req, res) => sendPage(res, "text/css", STATUS_CSS));
  app.get("/status.json", (_req, res) =>
    sendPage(res, "application/json", JSON.stringify(observer.status.snapshot())),
  );
  app.get("/metrics", (_req, res, next) => {
    observer.metrics.text().then((text) => sendPage(res, observer.metrics.contentType, text), next);
  });
  addMountPageRoutes(app, () => observer.pages);
}
