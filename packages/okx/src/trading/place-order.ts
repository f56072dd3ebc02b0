import {
  ExchangeError,
  type LookupAnswer,
  newClientOrderId,
  packOrderId,
  type ParamsOf,
  placeOnce,
  type ResultOf,
  wireName,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxItemResult, OkxOrder } from "../okx-types";
import { isPositionSideError, type PosMode } from "../account/position-mode";
import { resolveInstrument } from "../market/futures";
import type { Instrument } from "../market/instruments";
import { EXCHANGE } from "../rest/okx-client";
import { buildOrderBody } from "./order-request";

const ORDER_PATH = "/api/v5/trade/order";

/** OKX's "Contract expired." (reference §2.4): the dated future was delivered. */
const CONTRACT_EXPIRED = "51027";

/** OKX's "Order does not exist." (reference §4.15). */
const ORDER_NOT_FOUND = "51603";

/**
 * `trade`: POST /api/v5/trade/order under core's placement policy (`placeOnce`): sent exactly once with a
 * fresh `clOrdId`, and when OKX's reply is unclear (timeout, dropped connection, 5xx, an unreadable body,
 * one of OKX's "check the result" codes, no ordId) the order is looked up by that client id. The one
 * resend is OKX refusing the position side (51000 posSide, 51010): a refusal proves nothing was placed,
 * and when the account's mode has changed since it was read, the order goes once more in the new form.
 */
export async function createOrder(
  call: OkxCall,
  p: ParamsOf<"createOrder">,
): Promise<ResultOf<"createOrder">> {
  call.auth(); // a missing passphrase fails before anything is sent
  const method = wireName("createOrder");
  const resolved = await resolveInstrument(call, p.symbol, method);
  const inst = await call.instruments.get(call, resolved);
  const contract = inst.instType !== "SPOT";
  const clOrdId = newClientOrderId("fmz", 32);
  let posMode: PosMode = contract ? await call.positionModes.get(call) : "net_mode";

  for (let attempt = 0; ; attempt++) {
    const body = buildOrderBody(inst, p, call.options.marginMode, clOrdId, posMode);
    try {
      const placed = await placeOnce({
        exchange: EXCHANGE,
        method,
        clientOrderId: clOrdId,
        send: async () => {
          const rows = await call.privatePost<OkxItemResult>(ORDER_PATH, body, inst.instId);
          if (rows[0]) call.ctx.setRaw(rows[0]);
          return rows[0]?.ordId;
        },
        lookup: (signal) => lookUp(call, inst.instId, clOrdId, signal),
        deadline: call.ctx.deadline,
        signal: call.ctx.signal,
        logger: call.ctx.logger,
      });
      return { id: packOrderId(inst.instId, placed.orderId) };
    } catch (err) {
      // OKX's own refusals only: the policy's outcomes and everything else pass as they are.
      if (!(err instanceof ExchangeError)) throw err;
      if (err.code === CONTRACT_EXPIRED) throw expired(call, inst, p.symbol.text, err);
      if (!contract || !isPositionSideError(err.code, err.exchangeMessage)) throw err;
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
}

/**
 * GET /api/v5/trade/order by clOrdId, under the policy's signal (which ends a hanging look-up inside the
 * call's deadline). OKX's 51603 "Order does not exist" is an answer: nothing was placed.
 */
async function lookUp(
  call: OkxCall,
  instId: string,
  clOrdId: string,
  signal: AbortSignal,
): Promise<LookupAnswer> {
  try {
    const rows = await call.client.call<OkxOrder>({
      method: "GET",
      path: ORDER_PATH,
      query: { instId, clOrdId },
      auth: call.auth(),
      demo: call.demo,
      signal,
      deadline: call.ctx.deadline,
      rateScope: instId,
    });
    const found = rows.find((o) => o.clOrdId === clOrdId && o.ordId);
    return found ? { found: found.ordId } : { absent: true };
  } catch (err) {
    if (err instanceof ExchangeError && err.code === ORDER_NOT_FOUND) return { absent: true };
    throw err;
  }
}

/** 51027 on an alias we resolved: the list was stale. Forget it, so the next call finds the new contract. */
function expired(call: OkxCall, inst: Instrument, text: string, err: ExchangeError): ExchangeError {
  call.instruments.forget(call, "FUTURES");
  const when = inst.expTime ? ` at ${new Date(inst.expTime).toISOString()}` : "";
  return new ExchangeError(
    EXCHANGE,
    err.code,
    `${err.exchangeMessage} ${text} was ${inst.instId}, delivered${when}; nothing was placed. The next call resolves ${text} again`,
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
    `${err.exchangeMessage} (account in ${mode}; sent side ${side}${posSide ? `, posSide ${posSide}` : ", no posSide"})`,
    err.httpStatus,
  );
}
