// The websocket login (reference okx-ws.md §2.9, §11.2):
//   sign = Base64(HMAC-SHA256(secret, timestamp + "GET" + "/users/self/verify")), timestamp in Unix seconds.
// OKX does not document the order of its checks; this one reports the timestamp first (a millisecond
// timestamp gets 60006, as python-okx#64 saw live), then the key, the passphrase and the signature.
// Demo and live keys are both accepted: the stand-in cannot tell OKX's demo host from the live one.

import { createHmac } from "node:crypto";
import { constantTimeEqual } from "../../auth/sign-check";
import type { CredentialStore, KeyEntry } from "../../auth/credentials";
import { ERROR_TEXT } from "../events";

export const LOGIN_PREHASH_TAIL = "GET/users/self/verify";

export type LoginResult = { ok: true; key: KeyEntry } | { ok: false; code: string; msg: string };

const SECONDS = /^\d+(\.\d+)?$/;

const fail = (code: string, msg: string): LoginResult => ({ ok: false, code, msg });

/** The text the client signed: a string as sent, a JSON number (python-okx sends one) as JS prints it. */
function timestampText(ts: unknown): string | undefined {
  if (typeof ts === "string") return SECONDS.test(ts) ? ts : undefined;
  if (typeof ts === "number" && Number.isFinite(ts) && ts >= 0) return String(ts);
  return undefined;
}

/** The API key a login request names, for the per-key attempt counter ("" when it names none). */
export function loginApiKey(args: unknown[]): string {
  const a = args[0];
  const k = typeof a === "object" && a !== null ? (a as Record<string, unknown>).apiKey : undefined;
  return typeof k === "string" ? k : "";
}

export function checkLogin(
  store: CredentialStore,
  arg: unknown,
  nowMs: number,
  windowMs: number,
): LoginResult {
  if (typeof arg !== "object" || arg === null) return fail("60013", ERROR_TEXT.invalidArgs());
  const { apiKey, passphrase, timestamp, sign } = arg as Record<string, unknown>;
  const ts = timestampText(timestamp);
  if (ts === undefined) return fail("60004", ERROR_TEXT.invalidTimestamp());
  if (Math.abs(nowMs - Number(ts) * 1000) > windowMs) return fail("60006", ERROR_TEXT.timestampExpired());
  const key = typeof apiKey === "string" ? store.get(apiKey) : undefined;
  if (key === undefined) return fail("60005", ERROR_TEXT.invalidApiKey());
  if (typeof passphrase !== "string" || !constantTimeEqual(Buffer.from(passphrase, "utf8"), key.passphrase))
    return fail("60024", ERROR_TEXT.wrongPassphrase());
  const expected = createHmac("sha256", key.secret)
    .update(ts + LOGIN_PREHASH_TAIL, "utf8")
    .digest("base64");
  if (
    typeof sign !== "string" ||
    !constantTimeEqual(Buffer.from(sign, "utf8"), Buffer.from(expected, "utf8"))
  )
    return fail("60007", ERROR_TEXT.invalidSign());
  return { ok: true, key };
}
