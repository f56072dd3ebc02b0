// Verifies OKX's request signature exactly as OKX does (reference §1):
//   sign = base64(HMAC-SHA256(secret as UTF-8, timestamp + METHOD + requestPath?query + body))
// The request-target and body are used byte-for-byte as received, never re-serialized, because ccxt
// URL-encodes the query while python-okx does not, and python-okx's JSON has spaces that ccxt's lacks.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { CredentialStore, KeyEntry } from "./credentials";

export type AuthResult = { ok: true; key: KeyEntry } | { ok: false; code: string };

// OKX documents millisecond ISO-8601 UTC ("2020-12-08T09:08:57.715Z"); anything else is 50112.
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function parseOkxTimestamp(text: string): number | undefined {
  if (!ISO_MS.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export function computeSignature(secret: string | Buffer, prehash: string | Buffer): string {
  return createHmac("sha256", secret).update(prehash).digest("base64");
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  // timingSafeEqual needs equal lengths; a length mismatch is already a failure.
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface SignedRequest {
  method: string;
  /** Raw request-target: path plus "?query" exactly as received. */
  target: string;
  body: Buffer;
  headers: IncomingHttpHeaders;
  now: number;
}

/**
 * The order of checks is not documented by OKX; this one reports the most specific problem first:
 * missing headers, unknown key, bad timestamp, expired timestamp, wrong environment, passphrase, signature.
 */
export function checkSignature(store: CredentialStore, r: SignedRequest, windowMs: number): AuthResult {
  const h = r.headers;
  const apiKey = header(h, "ok-access-key");
  const sign = header(h, "ok-access-sign");
  const timestamp = header(h, "ok-access-timestamp");
  const passphrase = header(h, "ok-access-passphrase");
  if (!apiKey) return { ok: false, code: "50103" };
  if (!sign) return { ok: false, code: "50106" };
  if (!timestamp) return { ok: false, code: "50107" };
  if (!passphrase) return { ok: false, code: "50104" };

  const key = store.get(apiKey);
  if (!key) return { ok: false, code: "50111" };

  const ts = parseOkxTimestamp(timestamp);
  if (ts === undefined) return { ok: false, code: "50112" };
  if (Math.abs(r.now - ts) > windowMs) return { ok: false, code: "50102" };

  // Demo keys work only with `x-simulated-trading: 1`; live keys only without it ("0" counts as live,
  // which is what python-okx sends on live traffic).
  const demoRequested = header(h, "x-simulated-trading") === "1";
  if (demoRequested !== key.demo) return { ok: false, code: "50101" };

  if (!constantTimeEqual(Buffer.from(passphrase, "utf8"), key.passphrase))
    return { ok: false, code: "50105" };

  const hmac = createHmac("sha256", key.secret);
  hmac.update(timestamp + r.method.toUpperCase() + r.target, "utf8");
  if (r.body.length > 0) hmac.update(r.body);
  const expected = Buffer.from(hmac.digest("base64"), "utf8");
  if (!constantTimeEqual(Buffer.from(sign, "utf8"), expected)) return { ok: false, code: "50113" };

  return { ok: true, key };
}
