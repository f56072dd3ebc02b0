import { type Market, type ResultOf, stepPlaces, toNumber } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import { futuresSymbols } from "./futures";
import type { Instrument } from "./instruments";
import type { InstType } from "./symbols";

/** The instrument type a mount's `markets` and `tickers` cover. */
export function mountInstType(call: OkxCall): InstType {
  const market = call.options.market;
  return market === "swap" ? "SWAP" : market === "futures" ? "FUTURES" : "SPOT";
}

/**
 * `markets`: every live instrument of the mount's market (spot pairs, perpetual swaps or dated futures),
 * from the cached `public/instruments` list, keyed by FMZ symbol (`BTC_USD.quarter` for the contract that
 * is the quarter today). Sizes are base currency on spot and contracts on contracts, whose value is
 * `ctVal` `ctValCcy` (0.01 BTC linear, 100 USD coin-margined). OKX publishes no minimum notional, so
 * `minNotional` is 0.
 */
export async function getMarkets(call: OkxCall): Promise<ResultOf<"getMarkets">> {
  const instType = mountInstType(call);
  const list = await call.instruments.list(call, instType);
  const markets: Record<string, Market> = {};
  if (instType === "FUTURES") {
    for (const [instId, symbol] of futuresSymbols(list, call.client.clock.now())) {
      const inst = list.get(instId);
      if (inst) markets[symbol] = toMarket(inst, symbol);
    }
    return markets;
  }
  for (const inst of list.values()) {
    if (inst.live) markets[inst.symbol] = toMarket(inst);
  }
  return markets;
}

export function toMarket(inst: Instrument, symbol = inst.symbol): Market {
  const market: Market = {
    symbol,
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
  // Contracts only: OKX's `lever` on spot is margin trading's, which FMZ's spot orders never use.
  if (inst.lever && Number(inst.lever) > 0) market.maxLeverage = toNumber(inst.lever);
  return market;
}
