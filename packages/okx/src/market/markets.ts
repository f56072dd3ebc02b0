import { type Market, type ResultOf, stepPlaces, toNumber } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { Instrument } from "./instruments";

/**
 * `markets`: every live instrument of the mount's market (spot pairs, or perpetual swaps), from the cached
 * `public/instruments` list, keyed by FMZ symbol. Sizes are base currency on spot and contracts on swaps.
 * OKX publishes no minimum notional, so `minNotional` is 0.
 */
export async function getMarkets(call: OkxCall): Promise<ResultOf<"getMarkets">> {
  const instType = call.options.market === "swap" ? "SWAP" : "SPOT";
  const markets: Record<string, Market> = {};
  for (const inst of (await call.instruments.list(call, instType)).values()) {
    if (inst.live) markets[inst.symbol] = toMarket(inst);
  }
  return markets;
}

export function toMarket(inst: Instrument): Market {
  return {
    symbol: inst.symbol,
    baseAsset: inst.base,
    quoteAsset: inst.quote,
    tickSize: toNumber(inst.tickSz),
    amountSize: toNumber(inst.lotSz),
    pricePrecision: stepPlaces(inst.tickSz),
    amountPrecision: stepPlaces(inst.lotSz),
    minQty: toNumber(inst.minSz),
    maxQty: toNumber(inst.maxLmtSz),
    minNotional: 0,
    maxNotional: toNumber(inst.maxLmtAmt),
    ctVal: toNumber(inst.ctVal),
    ctValCcy: inst.ctValCcy,
  };
}
