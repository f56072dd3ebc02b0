import { createHmac } from "node:crypto";

/**
 * OKX's request signature: base64(HMAC-SHA256(secret as UTF-8, timestamp + METHOD + requestPath + body)).
 * `requestPath` includes the query string exactly as sent and `body` is the exact JSON text sent, so the
 * caller signs the very strings it then puts on the wire (reference §1.2).
 */
export function signRequest(
  secret: string,
  timestamp: string,
  method: string,
  requestPath: string,
  body: string,
): string {
  return createHmac("sha256", secret)
    .update(timestamp + method.toUpperCase() + requestPath + body, "utf8")
    .digest("base64");
}

/** OKX wants an ISO 8601 UTC timestamp with milliseconds (`2020-12-08T09:08:57.715Z`); 30 s skew at most. */
export function okxTimestamp(now: number = Date.now()): string {
  return new Date(now).toISOString();
}
