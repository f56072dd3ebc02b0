import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type ErrorRequestHandler, type Express } from "express";
import { addObserveRoutes } from "../observe/observe-routes";
import type { Observer } from "../observe/observer";
import type { Dispatcher } from "./dispatch";
import type { Mount } from "./mounts";
import { readJsonBody } from "./read-body";

export interface AppOptions {
  dispatcher: Dispatcher;
  mounts: ReadonlyMap<string, Mount>;
  startedAt: number;
  /** Largest accepted request body in bytes; default 1 MB. */
  bodyLimit?: number;
  /** Counts calls in progress, so shutdown can wait for them. */
  inflight: { count: number };
  /** Serves the status page (`GET /`, `/status.json`) and `GET /metrics` when given. */
  observer?: Observer;
}

const ONE_MB = 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The host: `POST /:exName` is an FMZ call, `GET /health` reports the mounts. Every answer is JSON
 * with HTTP 200, errors included (the docker shows the `error` text; an HTTP error would hide it).
 *
 * An FMZ call to a plain `/<name>` path is served before Express: its router, request decoration and
 * per-request closures were about a sixth of a call's CPU and a third of what a call allocated, and
 * the call uses none of them. Everything else (the pages, `/health`, odd paths, other methods) is
 * Express's, and so are calls to paths the fast test leaves to it, with the same answers.
 */
export function createApp(opts: AppOptions): Handler {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  // First, so a call Express does route passes the fewest router layers.
  app.post("/:exName", (req, res) => handleCall(opts, req.params.exName, req, res));

  addHealthRoute(app, opts);
  if (opts.observer) addObserveRoutes(app, opts.observer);

  app.get("/:exName", (req, res) => {
    sendJson(res, {
      error: `use POST /${req.params.exName} with a JSON body {access_key, secret_key, method, params}`,
    });
  });

  app.use((req, res) => {
    sendJson(res, { error: `no route for ${req.method} ${req.path}: FMZ calls are POST /<exchange name>` });
  });

  app.use(lastResort);
  return (req, res) => {
    const exName = req.method === "POST" ? plainMountPath(req.url ?? "") : undefined;
    if (exName === undefined) return void app(req, res);
    let name: string;
    try {
      name = decodeURIComponent(exName);
    } catch {
      return answerFailure(new URIError("bad percent-encoding"), res);
    }
    handleCall(opts, name, req, res).catch((err: unknown) => answerFailure(err, res));
  };
}

/**
 * The mount name of `/<name>`, `/<name>/` or either with a query string, still percent-encoded;
 * undefined for any other path (Express routes it). What Express's `/:exName` would capture.
 */
function plainMountPath(url: string): string | undefined {
  const m = PLAIN_MOUNT_PATH.exec(url);
  return m ? m[1] : undefined;
}
const PLAIN_MOUNT_PATH = /^\/([^/?#]+)\/?(?:\?[^#]*)?$/;

/**
 * The status listener's app: the page, `/status.json`, `/metrics` and `/health`, and no FMZ calls, on a
 * port a browser opens (the API's 6666 is on the browsers' blocked-port list).
 */
export function createStatusApp(
  opts: Pick<AppOptions, "mounts" | "startedAt"> & { observer: Observer },
): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  addHealthRoute(app, opts);
  addObserveRoutes(app, opts.observer);
  app.use((req, res) => {
    sendJson(
      res,
      {
        error: `no route for ${req.method} ${req.path}: this port serves the status page; FMZ calls go to the API port`,
      },
      404,
    );
  });
  app.use(lastResort);
  return app;
}

function addHealthRoute(app: Express, opts: Pick<AppOptions, "mounts" | "startedAt">): void {
  app.get("/health", (_req, res) => {
    sendJson(res, {
      status: "ok",
      uptimeSeconds: Math.round((Date.now() - opts.startedAt) / 1000),
      mounts: [...opts.mounts.values()].map((m) => ({ name: m.name, adapter: m.adapterName })),
    });
  });
}

async function handleCall(
  opts: AppOptions,
  exName: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  opts.inflight.count++;
  try {
    const body = await readJsonBody(req, opts.bodyLimit ?? ONE_MB);
    if (!body.ok) {
      // An oversize body is not read to its end; the connection closes after the answer.
      if (body.tooLarge) res.setHeader("Connection", "close");
      return sendJson(res, { error: body.error });
    }
    let onGone: (() => void) | undefined;
    // `on`, not `once`: a response closes once, and `once` wraps the listener in another per call.
    res.on("close", () => {
      if (!res.writableFinished) onGone?.();
    });
    const reply = await opts.dispatcher.dispatch(
      exName,
      body.value,
      req.headers["http-method"] as string | undefined,
      (listener) => (onGone = listener),
    );
    if (!res.headersSent) sendJson(res, reply);
  } finally {
    opts.inflight.count--;
  }
}

/**
 * JSON with HTTP 200 (or `status`), written in one piece (cheaper than res.json's content negotiation).
 * `nosniff`: a browser never reads a reply that quotes caller text as HTML or script.
 */
function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  const body = JSON.stringify(value);
  // Names and values in one flat list: Node takes it as it is, with no object's keys to walk.
  res.writeHead(status, [
    "Content-Type",
    "application/json; charset=utf-8",
    "Content-Length",
    String(Buffer.byteLength(body)),
    "X-Content-Type-Options",
    "nosniff",
  ]);
  res.end(body);
}

/**
 * Anything that escapes a handler still answers JSON, never Express's HTML error page. A request Express
 * refused itself (a path such as `/SIM%ZZ` that does not decode) is the caller's mistake: HTTP 400.
 */
const lastResort: ErrorRequestHandler = (err: unknown, _req, res, _next) => answerFailure(err, res);

function answerFailure(err: unknown, res: ServerResponse): void {
  if (res.headersSent) return;
  if ((err as { status?: number }).status === 400 || err instanceof URIError) {
    return sendJson(res, { error: "bad request: the path is not valid percent-encoding" }, 400);
  }
  sendJson(res, { error: "internal error: the gateway could not handle this request" });
}
