import {
  ExchangeError,
  NetworkError,
  newClientOrderId,
  packOrderId,
  type ParamsOf,
  type ResultOf,
  TimeoutError,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxItemResult, OkxOrder } from "../okx-types";
import { resolveSymbol } from "../market/symbols";
import { EXCHANGE, OkxUnclearReplyError, outcomeUnknown } from "../rest/okx-client";
import { buildOrderBody } from "./order-request";

/** OKX's "Order does not exist." (reference §4.15). */
const ORDER_NOT_FOUND = "51603";
/**
 * When to ask OKX about an order whose reply was lost: at once, then twice more in case OKX was still
 * processing it. Every wait stays inside the call's deadline.
 */
const LOOKUP_DELAYS_MS = [0, 300, 1_000];

/**
 * `trade`: POST /api/v5/trade/order, sent exactly once, never retried. Every order carries a fresh
 * `clOrdId`, so when OKX's reply is lost (timeout, dropped connection, 5xx or an unreadable body after the
 * request went out) we ask OKX for that client id: if the order exists the strategy gets its id, as if
 * the reply had arrived; if OKX has no such order, a clear error says none was placed.
 */
export async function createOrder(
  call: OkxCall,
  p: ParamsOf<"createOrder">,
): Promise<ResultOf<"createOrder">> {
  const resolved = resolveSymbol(p.symbol, call.options.market, "trade");
  call.auth(); // a missing passphrase fails before anything is sent
  const inst = await call.instruments.get(call, resolved);
  const clOrdId = newClientOrderId("fmz", 32);
  const body = buildOrderBody(inst, p, call.options.marginMode, clOrdId);

  let rows: OkxItemResult[];
  try {
    rows = await call.privatePost<OkxItemResult>("/api/v5/trade/order", body, inst.instId);
  } catch (err) {
    if (!outcomeUnknown(err)) throw err;
    return { id: await recoverLostOrder(call, inst.instId, clOrdId, err) };
  }
  const ordId = rows[0]?.ordId;
  if (!ordId) {
    const err = new OkxUnclearReplyError(EXCHANGE, "no-ordId", "OKX accepted the order but sent no ordId");
    return { id: await recoverLostOrder(call, inst.instId, clOrdId, err) };
  }
  call.ctx.setRaw(rows[0]);
  return { id: packOrderId(inst.instId, ordId) };
}

/** Finds the order by its client id after a lost reply; returns the packed id or throws a clear error. */
async function recoverLostOrder(
  call: OkxCall,
  instId: string,
  clOrdId: string,
  cause: unknown,
): Promise<string> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  call.ctx.logger.warn(`OKX order reply lost (${reason}); looking the order up by clOrdId ${clOrdId}`);
  let notFound = false;
  let lookupError: unknown;
  for (const delay of LOOKUP_DELAYS_MS) {
    if (delay > 0) {
      if (Date.now() + delay >= call.ctx.deadline - 250 || call.ctx.signal.aborted) break;
      await new Promise((r) => setTimeout(r, delay));
    }
    try {
      const rows = await call.privateGet<OkxOrder>("/api/v5/trade/order", { instId, clOrdId }, instId);
      const found = rows.find((o) => o.clOrdId === clOrdId && o.ordId);
      if (found) {
        call.ctx.logger.warn(`OKX order ${clOrdId} found after a lost reply: ordId ${found.ordId}`);
        return packOrderId(instId, found.ordId);
      }
      notFound = true;
      lookupError = undefined;
    } catch (err) {
      if (err instanceof ExchangeError && err.code === ORDER_NOT_FOUND) {
        notFound = true;
        lookupError = undefined;
      } else {
        lookupError = err;
      }
    }
  }
  if (notFound && lookupError === undefined) {
    throw sameKind(cause, `${reason}; order not placed: OKX has no order with client id ${clOrdId}`);
  }
  const why = lookupError instanceof Error ? lookupError.message : "no answer in time";
  throw sameKind(
    cause,
    `${reason}; the order's state is unknown: looking up client id ${clOrdId} failed (${why}). Check open orders before placing it again`,
  );
}

/** An error of the same class as the original failure (timeout, network, exchange), with a longer text. */
function sameKind(cause: unknown, message: string): Error {
  if (cause instanceof ExchangeError) {
    const prefix = `${cause.exchange} ${cause.code}: `;
    const text = message.startsWith(prefix) ? message.slice(prefix.length) : message;
    return new ExchangeError(cause.exchange, cause.code, text, cause.httpStatus);
  }
  if (cause instanceof TimeoutError) return new TimeoutError(message);
  return new NetworkError(message);
}
