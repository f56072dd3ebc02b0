// The HTTP front: record, inject faults, route, authenticate, answer. Kept lean because the benchmark uses
// the stand-in as its floor: GETs without a body are handled synchronously, and no work is done for
// features (faults, rate limits) that are not in use.

import type { IncomingMessage, ServerResponse } from "node:http";
import { checkSignature } from "./auth/sign-check";
import { faultBody } from "./faults";
import type { RequestContext } from "./http/context";
import { authError, METHOD_NOT_ALLOWED, NOT_FOUND, okxError, type Reply } from "./http/reply";
import { KNOWN_PATHS, ROUTES } from "./routes";
import type { StandinState } from "./state";
import type { RecordedRequest } from "./types";

const EMPTY = Buffer.alloc(0);
// Bodies larger than this are not OKX requests (a batch of 20 orders is a few KB).
const MAX_BODY = 1 << 20;
// Replies a `slow` fault holds back, and for how long (ms).
const slowReplies = new WeakMap<ServerResponse, number>();

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function createRequestHandler(
  st: StandinState,
  hung: Set<ServerResponse>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const now = st.now(); // the stand-in's clock (clockOffsetMs), not the host's
    const method = req.method ?? "GET";
    const hasBody =
      req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody) {
      guarded(st, hung, req, res, method, now, EMPTY);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY) {
        send(res, req, undefined, false, okxError("50002"));
        return;
      }
      guarded(
        st,
        hung,
        req,
        res,
        method,
        now,
        chunks.length === 1 ? (chunks[0] ?? EMPTY) : Buffer.concat(chunks),
      );
    });
  };
}

/** A bug in the stand-in must neither crash the test process nor look like a hang to the client. */
function guarded(
  st: StandinState,
  hung: Set<ServerResponse>,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  now: number,
  body: Buffer,
): void {
  try {
    handle(st, hung, req, res, method, now, body);
  } catch (err) {
    console.error("okx-standin: request failed", err);
    if (!res.headersSent) send(res, req, undefined, false, okxError("50026"));
    else res.destroy();
  }
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  record: RecordedRequest | undefined,
  drop: boolean,
  reply: Reply,
  contentType = "application/json",
): void {
  if (drop) {
    // drop-after-accept: the work is done, the answer never leaves.
    req.socket.destroy();
    return;
  }
  const delayMs = slowReplies.get(res);
  if (delayMs !== undefined) {
    slowReplies.delete(res);
    const timer = setTimeout(() => send(res, req, record, false, reply, contentType), delayMs);
    res.on("close", () => clearTimeout(timer));
    return;
  }
  if (record !== undefined) record.status = reply.status;
  res.writeHead(reply.status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(reply.body),
  });
  res.end(reply.body);
}

function handle(
  st: StandinState,
  hung: Set<ServerResponse>,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  now: number,
  body: Buffer,
): void {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? "" : target.slice(q + 1);
  const bodyText = body.length === 0 ? "" : body.toString("utf8");
  // Only non-secret headers are recorded: never OK-ACCESS-SIGN or OK-ACCESS-PASSPHRASE.
  const record: RecordedRequest = {
    method,
    path,
    query: rawQuery,
    body: bodyText,
    apiKey: firstHeader(req.headers["ok-access-key"]),
    simulated: firstHeader(req.headers["x-simulated-trading"]),
    receivedAt: now,
  };
  st.record(record);

  let drop = false;
  const fault = st.faults.take(method, path);
  if (fault !== undefined) {
    record.fault = fault.kind;
    if (fault.kind === "hang") {
      // Never answered; close() destroys the socket.
      hung.add(res);
      res.on("close", () => hung.delete(res));
      return;
    }
    if (fault.kind === "reset") {
      // The connection dies before the request is handled: nothing was done.
      req.socket.destroy();
      return;
    }
    if (fault.kind === "drop-after-accept") drop = true;
    else if (fault.kind === "slow") {
      // Handled now (an order is placed at once), answered late; close() ends the wait.
      slowReplies.set(res, fault.delayMs ?? 1000);
      hung.add(res);
      res.on("close", () => hung.delete(res));
    } else {
      const f = faultBody(fault.kind, path, method, bodyText, fault.code, fault.msg, now);
      send(res, req, record, false, f, f.contentType);
      return;
    }
  }

  const route = ROUTES.get(method + " " + path);
  if (route === undefined) {
    send(res, req, record, drop, KNOWN_PATHS.has(path) ? METHOD_NOT_ALLOWED : NOT_FOUND);
    return;
  }
  const ctx: RequestContext = {
    method,
    path,
    query: new URLSearchParams(rawQuery),
    body,
    ip: req.socket.remoteAddress ?? "",
    now,
    key: undefined,
  };
  if (route.private) {
    const auth = checkSignature(
      st.credentials,
      { method, target, body, headers: req.headers, now },
      st.timeWindowMs,
    );
    if (!auth.ok) {
      send(res, req, record, drop, authError(auth.code));
      return;
    }
    ctx.key = auth.key;
  }
  send(res, req, record, drop, route.handler(ctx, st));
}
