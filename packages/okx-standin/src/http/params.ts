// Parsing of query parameters and JSON bodies, with OKX's error codes for bad input.

import type { RequestContext } from "./context";
import { okxError, paramError, type Reply } from "./reply";

export function isReply(v: unknown): v is Reply {
  return typeof v === "object" && v !== null && "status" in v && "body" in v;
}

/** `limit`: default when absent; clamped to the endpoint's maximum; 51000 when not a positive integer. */
export function limitParam(q: URLSearchParams, def: number, max: number, name = "limit"): number | Reply {
  const raw = q.get(name);
  if (raw === null || raw === "") return def;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return paramError(name);
  return Math.min(Number(raw), max);
}

/** An integer cursor (ms timestamp or ordId); undefined when absent. */
export function integerParam(q: URLSearchParams, name: string): number | undefined | Reply {
  const raw = q.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^\d{1,16}$/.test(raw)) return paramError(name);
  return Number(raw);
}

export function bigIntParam(q: URLSearchParams, name: string): bigint | undefined | Reply {
  const raw = q.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^\d{1,30}$/.test(raw)) return paramError(name);
  return BigInt(raw);
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; reply: Reply };

/** Parses a POST body: 50000 when empty, 50002 when not JSON. */
export function jsonBody(ctx: RequestContext): BodyResult {
  if (ctx.body.length === 0) return { ok: false, reply: okxError("50000") };
  try {
    return { ok: true, value: JSON.parse(ctx.body.toString("utf8")) as unknown };
  } catch {
    return { ok: false, reply: okxError("50002") };
  }
}

export function str(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return "";
}
