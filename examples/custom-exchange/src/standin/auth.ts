import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { DEMO_ERRORS } from "../api-types";
import { unauthorized } from "./errors";
import type { DemoAccount } from "./ledger";

/** How far a request's X-DEMO-TS may be from the stand-in's clock. */
export const RECV_WINDOW_MS = 5_000;

/**
 * DEMOEX's signature check, written independently of the adapter's signer (as a real exchange's would
 * be): HMAC-SHA256 over `timestamp + METHOD + path?query + body`, hex, with the key's secret. Answers the
 * account or throws DEMOEX's own error; never says what the right signature would have been.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  method: string,
  pathWithQuery: string,
  body: string,
  findAccount: (key: string) => DemoAccount | undefined,
  now = Date.now(),
): DemoAccount {
  const key = header(headers, "x-demo-key");
  const ts = header(headers, "x-demo-ts");
  const sign = header(headers, "x-demo-sign");
  if (!key || !ts || !sign) {
    throw unauthorized(DEMO_ERRORS.missingAuth, "missing X-DEMO-KEY, X-DEMO-TS or X-DEMO-SIGN");
  }
  const account = findAccount(key);
  if (!account) throw unauthorized(DEMO_ERRORS.invalidKey, "invalid API key");
  if (!/^\d{13}$/.test(ts) || Math.abs(now - Number(ts)) > RECV_WINDOW_MS) {
    throw unauthorized(
      DEMO_ERRORS.timestampExpired,
      `timestamp outside the ${RECV_WINDOW_MS} ms receive window`,
    );
  }
  const expected = createHmac("sha256", account.secret)
    .update(`${ts}${method}${pathWithQuery}${body}`)
    .digest();
  const given = Buffer.from(sign, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthorized(DEMO_ERRORS.invalidSignature, "invalid signature");
  }
  if (account.passphrase !== undefined && header(headers, "x-demo-passphrase") !== account.passphrase) {
    throw unauthorized(DEMO_ERRORS.invalidPassphrase, "invalid passphrase");
  }
  return account;
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}
