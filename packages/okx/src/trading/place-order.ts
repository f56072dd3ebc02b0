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
import { isPositionSideError, type PosMode } from "../account/position-mode";
import { resolveInstrument } from "../market/futures";
import type { Instrument } from "../market/instruments";
import { EXCHANGE, OkxUnclearReplyError, outcomeUnknown } from "../rest/okx-client";
import { buildOrderBody } from "./order-request";

/** OKX's "Contract expired." (reference §2.4): the dated future was delivered. */
const CONTRACT_EXPIRED = "51027";

/** OKX's "Order does not exist." (reference §4.15). */
const ORDER_NOT_FOUND = "51603";
/**
 * When to ask OKX about an order whose reply was lost: at once, then twice more in case OKX was still
 * processing it. Every wait stays inside the call's deadline.
 */
const LOOKUP_DELAYS_MS = [0, 300, 1_000];
/**
 * A lookup that failed (no answer, a 5xx, garbage: not one that found nothing) says nothing about the
 * order, and a strategy told "unknown" may well place it again. So failed lookups go on, this often, for
 * up to LOOKUP_PERSIST_MS after the reply was lost, inside the call's deadline.
 */
const LOOKUP_RETRY_MS = 500;
const LOOKUP_PERSIST_MS = 10_000;

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
  call.auth(); // a missing passphrase fails before anything is sent
  const resolved = await resolveInstrument(call, p.symbol, "trade");
  const inst = await call.instruments.get(call, resolved);
  const contract = inst.instType !== "SPOT";
  const clOrdId = newClientOrderId("fmz", 32);
  let posMode: PosMode = contract ? await call.positionModes.get(call) : "net_mode";

  let rows: OkxItemResult[];
  for (let attempt = 0; ; attempt++) {
    const body = buildOrderBody(inst, p, call.options.marginMode, clOrdId, posMode);
    try {
      rows = await call.privatePost<OkxItemResult>("/api/v5/trade/order", body, inst.instId);
      break;
    } catch (err) {
      if (outcomeUnknown(err)) return { id: await recoverLostOrder(call, inst.instId, clOrdId, err) };
      if (!(err instanceof ExchangeError)) throw err;
      if (err.code === CONTRACT_EXPIRED) throw expired(call, inst, p.symbol.text, err);
      if (!contract || !isPositionSideError(err.code, err.message)) throw err;
      // OKX refused the position side, so nothing was placed: the mode may have changed on OKX's site.
      // Read it again; when it did change, the order goes once more in the right form, else it fails.
      call.positionModes.forget(call);
      const now = await call.positionModes.get(call);
      if (attempt > 0 || now === posMode) throw sideMismatch(err, posMode, body.side, body.posSide);
      call.ctx.logger.warn(
        `OKX account position mode is now ${now} (was ${posMode}); placing the order in it`,
      );
      posMode = now;
    }
  }
  const ordId = rows[0]?.ordId;
  if (!ordId) {
    const err = new OkxUnclearReplyError(EXCHANGE, "no-ordId", "OKX accepted the order but sent no ordId");
    return { id: await recoverLostOrder(call, inst.instId, clOrdId, err) };
  }
  call.ctx.setRaw(rows[0]);
  return { id: packOrderId(inst.instId, ordId) };
}

/** 51027 on an alias we resolved: the list was stale. Forget it, so the next call finds the new contract. */
function expired(call: OkxCall, inst: Instrument, text: string, err: ExchangeError): ExchangeError {
  call.instruments.forget(call, "FUTURES");
  const when = inst.expTime ? ` at ${new Date(inst.expTime).toISOString()}` : "";
  return new ExchangeError(
    EXCHANGE,
    err.code,
    `${reasonOf(err)} ${text} was ${inst.instId}, delivered${when}; nothing was placed. The next call resolves ${text} again`,
    err.httpStatus,
  );
}

function sideMismatch(
  err: ExchangeError,
  mode: PosMode,
  side: string,
  posSide: string | undefined,
): ExchangeError {
  return new ExchangeError(
    EXCHANGE,
    err.code,
    `${reasonOf(err)} (account in ${mode}; sent side ${side}${posSide ? `, posSide ${posSide}` : ", no posSide"})`,
    err.httpStatus,
  );
}

/** OKX's own message of an ExchangeError, without our `OKX <code>: ` prefix. */
function reasonOf(err: ExchangeError): string {
  const prefix = `${err.exchange} ${err.code}: `;
  return (err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message).trim();
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
  const giveUpAt = Math.min(call.ctx.deadline - 250, Date.now() + LOOKUP_PERSIST_MS);
  for (let i = 0; i < LOOKUP_DELAYS_MS.length || lookupError !== undefined; i++) {
    const delay = LOOKUP_DELAYS_MS[i] ?? LOOKUP_RETRY_MS;
    if (delay > 0) {
      if (Date.now() + delay >= giveUpAt || call.ctx.signal.aborted) break;
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
