import type { ServerResponse } from "node:http";
import type { Express } from "express";
import type { MountPageResource } from "../../adapter/mount-pages";
import { sendPage } from "../page-reply";
import type { FoundResource, MountPageTable } from "./mount-page-table";

/** What each resource type is sent as. */
const CONTENT_TYPES: Record<MountPageResource["type"], string> = {
  html: "text/html",
  js: "text/javascript",
  css: "text/css",
  json: "application/json",
};

/** A body still not made after this long is answered 500: a page never holds a request open. */
const BODY_TIMEOUT_MS = 10_000;

/**
 * `GET /mounts/<mount>/<resource>`: the pages adapters serve about their mounts (adapter/mount-pages.ts),
 * with the status page's headers; `/mounts/<mount>` redirects to `/mounts/<mount>/`, so the page's
 * relative links (`page.js`, `data.json`) resolve under it. Anything else under `/mounts/` is 404.
 */
export function addMountPageRoutes(app: Express, table: () => MountPageTable): void {
  app.use("/mounts", (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    servePath(table(), req.path, res);
  });
}

function servePath(table: MountPageTable, path: string, res: ServerResponse): void {
  const parts = path.split("/").map(decodeSegment);
  // "/SIM" → ["", "SIM"]; "/SIM/" → ["", "SIM", ""]; "/SIM/page.js" → ["", "SIM", "page.js"].
  const mount = parts[1];
  if (mount === undefined || mount === "") return notFound(res);
  if (parts.length === 2) {
    if (!table.has(mount)) return notFound(res);
    res.writeHead(308, { Location: `${encodeURIComponent(mount)}/`, "Content-Length": 0 });
    return void res.end();
  }
  const resource = parts[2];
  const found = parts.length === 3 && resource !== undefined ? table.find(mount, resource) : undefined;
  if (!found) return notFound(res);
  void serveResource(found, mount, resource ?? "", res);
}

async function serveResource(
  found: FoundResource,
  mount: string,
  name: string,
  res: ServerResponse,
): Promise<void> {
  const { resource, logger } = found;
  let timer: NodeJS.Timeout | undefined;
  try {
    const made = Promise.resolve().then(() => resource.body());
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not made within ${BODY_TIMEOUT_MS} ms`)), BODY_TIMEOUT_MS);
    });
    const value: unknown = await Promise.race([made, late]);
    const body = resource.type === "json" ? (JSON.stringify(value) ?? "null") : value;
    if (typeof body !== "string") throw new Error(`its body is a ${typeof body}, not text`);
    if (!res.headersSent) sendPage(res, CONTENT_TYPES[resource.type], body);
  } catch (err) {
    // The error stays in the log: its text and stack are the adapter's, not the browser's to read.
    logger?.warn(
      `page ${name || "index.html"} of ${mount} failed: ${(err as Error)?.message ?? String(err)}`,
    );
    if (!res.headersSent) {
      const error = `the page resource ${JSON.stringify(name || "index.html")} of ${mount} could not be made; the gateway's log says why`;
      sendPage(res, "application/json", JSON.stringify({ error }), 500);
    }
  } finally {
    clearTimeout(timer);
  }
}

function notFound(res: ServerResponse): void {
  const error = "not found: a mount's page is at /mounts/<mount>/ (the status page links each one)";
  sendPage(res, "application/json", JSON.stringify({ error }), 404);
}

/** A path segment decoded; one that does not decode matches nothing (a NUL never names a mount). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "\0";
  }
}
