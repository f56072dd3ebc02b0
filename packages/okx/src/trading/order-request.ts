import { BadRequestError, Dec, type ParamsOf, roundToStep, toPlain } from "@fmz-gateway/core";
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
 * FMZ's order → OKX's (reference §4.13), exactly:
 * - contracts (swaps and dated futures) in long/short mode name the side (reference §4.13 posSide): `buy`
 *   opens long (buy, long), `sell` opens short (sell, short), `closebuy` closes long (sell, long),
 *   `closesell` closes short (buy, short); in net mode `closebuy`/`closesell` are reduce-only instead,
 *   since OKX takes reduceOnly only in net mode;
 * - price rounded to the tick size (nearest), amount down to the lot size; below `minSz` is an error that
 *   names the minimum, never a silent zero; trailing zeros dropped (`0.3`, not `0.30000000`);
 * - spot: `tdMode` cash; a market buy spends quote currency (`tgtCcy` quote_ccy, `sz` in USDT, rounded
 *   down to the quote's precision, which OKX gives as the tick size's places), a market sell sells base;
 * - swaps: `tdMode` = the mount's margin mode, `sz` in contracts; `closebuy` is a reduce-only sell and
 *   `closesell` a reduce-only buy (OKX net mode).
 */
export function buildOrderBody(
  inst: Instrument,
  p: ParamsOf<"createOrder">,
  marginMode: OkxOptions["marginMode"],
  clOrdId: string,
  posMode: PosMode = "net_mode",
): OkxOrderBody {
  const swap = inst.instType !== "SPOT";
  const closing = p.side === "closebuy" || p.side === "closesell";
  if (closing && !swap) {
    throw new BadRequestError(`trade: ${p.side} closes a contract position; ${p.symbol.text} is a spot pair`);
  }
  const side = p.side === "buy" || p.side === "closesell" ? "buy" : "sell";
  const quoteBuy = !swap && p.orderType === "market" && side === "buy";
  const body: OkxOrderBody = {
    instId: inst.instId,
    tdMode: swap ? marginMode : "cash",
    clOrdId,
    side,
    ordType: p.orderType,
    ...(p.orderType === "limit" ? { px: roundPrice(inst, p.price ?? "0") } : {}),
    sz: quoteBuy ? roundQuoteAmount(inst, p.amount) : roundAmount(inst, p.amount),
  };
  // OKX defaults tgtCcy to quote for a market buy and base for a market sell; saying so costs nothing.
  if (!swap && p.orderType === "market") body.tgtCcy = quoteBuy ? "quote_ccy" : "base_ccy";
  if (swap && posMode === "long_short_mode") {
    body.posSide = p.side === "buy" || p.side === "closebuy" ? "long" : "short";
  } else if (closing) body.reduceOnly = true;
  return body;
}

export function roundPrice(inst: Instrument, price: string): string {
  const px = toPlain(roundToStep(price, inst.tickSz, "nearest"));
  if (new Dec(px).lte(0)) {
    throw new BadRequestError(
      `trade: price ${price} rounds to 0 at ${inst.instId}'s tick size ${inst.tickSz}`,
    );
  }
  return px;
}

export function roundAmount(inst: Instrument, amount: string): string {
  const sz = toPlain(roundToStep(amount, inst.lotSz, "down"));
  if (new Dec(sz).lt(inst.minSz)) {
    const unit = inst.instType === "SPOT" ? inst.base : "contracts";
    throw new BadRequestError(
      `trade: amount ${amount} is below the minimum order size of ${inst.instId}: ${toPlain(inst.minSz)} ${unit} (lot size ${toPlain(inst.lotSz)})`,
    );
  }
  return sz;
}

function roundQuoteAmount(inst: Instrument, amount: string): string {
  const places = new Dec(inst.tickSz).decimalPlaces();
  const sz = new Dec(amount).toDecimalPlaces(places, Dec.ROUND_DOWN);
  if (sz.lte(0)) {
    throw new BadRequestError(
      `trade: a market buy of ${amount} ${inst.quote} rounds to 0 at ${places} decimal places`,
    );
  }
  return sz.toFixed();
}
