import { createHmac } from "node:crypto";

/**
 * DEMOEX's request signature: HMAC-SHA256 over `timestamp + METHOD + path?query + body`, hex. The path and
 * body are the exact bytes sent (the caller signs the text it then sends), or the exchange's check fails.
 */
export function signRequest(
  secret: string,
  timestamp: string,
  method: string,
  pathWithQuery: string,
  body: string,
): string {
  return createHmac("sha256", secret).update(`${timestamp}${method}${pathWithQuery}${body}`).digest("hex");
}
