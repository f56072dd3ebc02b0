import type { IncomingMessage } from "node:http";
import { bodyShapeRefusal } from "./body-shape";

export type BodyResult = { ok: true; value: unknown } | { ok: false; error: string; tooLarge?: boolean };

/**
 * Reads a request body as JSON, whatever its Content-Type (the docker's varies), up to `limit` bytes.
 * Lighter than body-parser on the hot path, and its errors never quote the body: a malformed body may
 * hold a key or a secret that we cannot scrub, since it never parsed.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8");
      if (text.trim() === "") return resolve({ ok: true, value: {} });
      let value: unknown;
      try {
        value = JSON.parse(text) as unknown;
      } catch (err) {
        const position = /position (\d+)/.exec((err as Error).message)?.[1];
        resolve({
          ok: false,
          error: `invalid JSON in request body${position ? ` at position ${position}` : ""}`,
        });
        return;
      }
      const refusal = bodyShapeRefusal(value);
      resolve(refusal ? { ok: false, error: refusal } : { ok: true, value });
    });
    req.on("error", () => {
      if (done) return;
      done = true;
      resolve({ ok: false, error: "bad request: the request body could not be read" });
    });
  });
}

function tooLarge(limit: number): BodyResult {
  const size = limit % (1024 * 1024) === 0 ? `${limit / (1024 * 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return { ok: false, error: `request body too large (limit ${size})`, tooLarge: true };
}
