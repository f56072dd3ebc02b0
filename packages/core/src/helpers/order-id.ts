import { randomBytes } from "node:crypto";
import { BadRequestError } from "../errors/gateway-errors";

/**
 * FMZ hands the order id the plugin made back to `order` and `cancel`, and most exchanges need the
 * instrument to look an order up. So the id carries both: `ETH-USDT,1547130415509278720`.
 */
export function packOrderId(instrument: string, orderId: string): string {
  return `${instrument},${orderId}`;
}

export interface UnpackedOrderId {
  readonly instrument: string;
  readonly orderId: string;
}

/**
 * The longest order id accepted. Ids the adapters make are far shorter (an instrument of a few dozen
 * characters, an exchange id of up to 64); a longer one cannot be ours, and refusing it before any
 * look-up keeps a hostile id out of the exchange request and out of the error text.
 */
export const MAX_ORDER_ID_LENGTH = 200;

/**
 * Splits an FMZ order id into its instrument and the exchange's id. Only the shape is checked here: the
 * instrument is the caller's text, so whoever looks it up must treat it as such (a `Map`, or
 * `Object.hasOwn` on a plain object: `__proto__` and `constructor` are valid-looking instruments).
 */
export function unpackOrderId(id: unknown): UnpackedOrderId {
  const text = typeof id === "number" ? String(id) : typeof id === "string" ? id.trim() : "";
  if (text.length > MAX_ORDER_ID_LENGTH) {
    throw new BadRequestError(
      `invalid order id ${JSON.stringify(text.slice(0, 40))}… (${text.length} characters): at most ${MAX_ORDER_ID_LENGTH}, as returned by trade`,
    );
  }
  const comma = text.lastIndexOf(",");
  if (comma <= 0 || comma === text.length - 1) {
    throw new BadRequestError(
      `invalid order id ${JSON.stringify(id)}: expected INSTRUMENT,ORDERID as returned by trade`,
    );
  }
  return { instrument: text.slice(0, comma), orderId: text.slice(comma + 1) };
}

let sequence = 0;

/**
 * A client order id unique across processes and restarts: a prefix, the time, a per-process counter and
 * random bits, letters and digits only (OKX allows 1-32 alphanumerics; most exchanges accept that).
 * It is what lets us find an order whose reply was lost instead of sending it again.
 */
export function newClientOrderId(prefix = "fmz", maxLength = 32): string {
  sequence = (sequence + 1) % 1296;
  const id =
    prefix +
    Date.now().toString(36) +
    sequence.toString(36).padStart(2, "0") +
    randomBytes(8).toString("hex");
  return id.slice(0, maxLength);
}
