import express, { type ErrorRequestHandler, type Express, type Request, type Response } from "express";
import type { Dispatcher } from "./dispatch";
import type { Mount } from "./mounts";

export interface AppOptions {
  dispatcher: Dispatcher;
  mounts: ReadonlyMap<string, Mount>;
  startedAt: number;
  /** Largest accepted request body; default 1 MB. */
  bodyLimit?: string;
  /** Counts calls in progress, so shutdown can wait for them. */
  inflight: { count: number };
}

/**
 * The Express host: `POST /:exName` is an FMZ call, `GET /health` reports the mounts. Every answer is
 * JSON with HTTP 200, errors included (the docker shows the `error` text; an HTTP error would hide it).
 */
export function createApp(opts: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.get("/health", (_req, res) => {
    res.json({
      status: "ok",
      uptimeSeconds: Math.round((Date.now() - opts.startedAt) / 1000),
      mounts: [...opts.mounts.values()].map((m) => ({ name: m.name, adapter: m.adapterName })),
    });
  });

  // The docker may omit or vary Content-Type; every POST body is read as JSON.
  app.post(
    "/:exName",
    express.json({ limit: opts.bodyLimit ?? "1mb", type: () => true, strict: false }),
    (req, res) => handleCall(opts, req, res),
  );

  app.get("/:exName", (req, res) => {
    res.json({
      error: `use POST /${req.params.exName} with a JSON body {access_key, secret_key, method, params}`,
    });
  });

  app.use((req, res) => {
    res.json({ error: `no route for ${req.method} ${req.path}: FMZ calls are POST /<exchange name>` });
  });

  app.use(bodyErrors);
  return app;
}

async function handleCall(opts: AppOptions, req: Request<{ exName: string }>, res: Response): Promise<void> {
  opts.inflight.count++;
  const gone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  try {
    const reply = await opts.dispatcher.dispatch(
      req.params.exName,
      req.body,
      req.get("Http-Method") ?? undefined,
      gone.signal,
    );
    if (!res.headersSent) res.json(reply);
  } finally {
    opts.inflight.count--;
  }
}

/**
 * body-parser's failures (bad JSON, oversize body) as protocol errors, never an HTML 4xx/5xx page.
 * The JSON parser's message quotes the body around the fault, which may be a key or a secret (the
 * body never parsed, so we cannot scrub it); only the position is passed on.
 */
const bodyErrors: ErrorRequestHandler = (err: { type?: string; message?: string }, _req, res, _next) => {
  const position = /position (\d+)/.exec(err.message ?? "")?.[1];
  const error =
    err.type === "entity.parse.failed"
      ? `invalid JSON in request body${position ? ` at position ${position}` : ""}`
      : err.type === "entity.too.large"
        ? "request body too large (limit 1 MB)"
        : err.type === "encoding.unsupported" || err.type === "charset.unsupported"
          ? "unsupported request encoding"
          : "bad request: unreadable body";
  if (!res.headersSent) res.json({ error });
};
