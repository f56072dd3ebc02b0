import {
  BadRequestError,
  Dec,
  type ParamsOf,
  readOrderIntent,
  roundToStep,
  toPlain,
  wireName,
} from "@fmz-gateway/core";
import type { PosMode } from "../account/position-mode";
import type { Instrument } from "../market/instruments";
import type { OkxOptions } from "../options";

/** The body of POST /api/v5/trade/order: every value a string (or the reduce-only flag), never a float. */
export interface OkxOrderBody {
  instId: string;
  tdMode: string;
  clOrdId: string;
  side: "buy" | "sell";
  /** Long/short mode only: which side the order opens or closes. */
  posSide?: "long" | "short";
  ordType: "limit" | "market";
  px?: string;
  sz: string;
  tgtCcy?: "base_ccy" | "quote_ccy";
  reduceOnly?: boolean;
}

/**
 * FMZ's order (read by core's `readOrderIntent`: side, reduce-only, the position, the size unit) → OKX's
 * (reference §4.13), exactly:
 * - contracts (swaps and dated futures) in long/short mode name the position (reference §4.13 posSide):
 *   `buy` opens long (buy, long), `sell` opens short (sell, short), `closebuy` closes long (sell, long),
 *   `closesell` closes short (buy, short); in net mode `closebuy`/`closesell` are reduce-only instead,
 *   since OKX takes reduceOnly only in net mode;
 * - price rounded to the tick size (nearest), amount down to the lot size; below `minSz` is an error that
 *   names the minimum, never a silent zero; trailing zeros dropped (`0.3`, not `0.30000000`);
 * - spot: `tdMode` cash; a market buy spends quote currency (`tgtCcy` quote_ccy, `sz` in USDT, rounded
 *   down to the quote's precision, which OKX gives as the tick size's places), a market sell sells base;
 * - contracts: `tdMode` = the mount's margin mode, `sz` in contracts.
 */
export function buildOrderBody(
  inst: Instrument,
  p: ParamsOf<"createOrder">,
  marginMode: OkxOptions["marginMode"],
  clOrdId: string,
  posMode: PosMode = "net_mode",
): OkxOrderBody {
  const contract = inst.instType !== "SPOT";
  const intent = readOrderIntent(p, contract ? "contract" : "spot");
  const body: OkxOrderBody = {
    instId: inst.instId,
    tdMode: contract ? marginMode : "cash",
    clOrdId,
    side: intent.side,
    ordType: intent.orderType,
    ...(intent.orderType === "limit" ? { px: roundPrice(inst, intent.price) } : {}),
    sz:
      intent.sizeUnit === "quote" ? roundQuoteAmount(inst, intent.amount) : roundAmount(inst, intent.amount),
  };
  // OKX defaults tgtCcy to quote for a market buy and base for a market sell; saying so costs nothing.
  if (!contract && intent.orderType === "market") {
    body.tgtCcy = intent.sizeUnit === "quote" ? "quote_ccy" : "base_ccy";
  }
  if (contract && posMode === "long_short_mode") body.posSide = intent.position;
  else if (intent.reduceOnly) body.reduceOnly = true;
  return body;
}

export function roundPrice(inst: Instrument, price: string): string {
  const px = toPlain(roundToStep(price, inst.tickSz, "nearest"));
  if (new Dec(px).lte(0)) {
    throw new BadRequestError(
      `${wireName("createOrder")}: price ${price} rounds to 0 at ${inst.instId}'s tick size ${inst.tickSz}`,
    );
  }
  return px;
}

export function roundAmount(inst: Instrument, amount: string): string {
  const sz = toPlain(roundToStep(amount, inst.lotSz, "down"));
  if (new Dec(sz).lt(inst.minSz)) {
    const unit = inst.instType === "SPOT" ? inst.base : "contracts";
    throw new BadRequestError(
      `${wireName("createOrder")}: amount ${amount} is below the minimum order size of ${inst.instId}: ${toPlain(inst.minSz)} ${unit} (lot size ${toPlain(inst.lotSz)})`,
    );
  }
  return sz;
}

function roundQuoteAmount(inst: Instrument, amount: string): string {
  const places = new Dec(inst.tickSz).decimalPlaces();
  const sz = new Dec(amount).toDecimalPlaces(places, Dec.ROUND_DOWN);
  if (sz.lte(0)) {
    throw new BadRequestError(
      `${wireName("createOrder")}: a market buy of ${amount} ${inst.quote} rounds to 0 at ${places} decimal places`,
    );
  }
  return sz.toFixed();
}
