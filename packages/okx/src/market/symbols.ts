import {
  BadRequestError,
  type FmzSymbol,
  type InstrumentSymbol,
  NotSupportedError,
  type RangeSymbol,
} from "@fmz-gateway/core";
import type { OkxOptions } from "../options";

/** The OKX instrument types this adapter trades. */
export type InstType = "SPOT" | "SWAP";

export interface ResolvedInstrument {
  readonly instId: string;
  readonly instType: InstType;
}

/**
 * FMZ symbol → OKX instId: `BTC_USDT` ↔ `BTC-USDT`, `BTC_USDT.swap` ↔ `BTC-USDT-SWAP`,
 * `BTC_USD.swap` ↔ `BTC-USD-SWAP` (inverse). A pair without a contract follows the mount's `market`, so on
 * a swap mount `BTC_USDT` is the perpetual. Dated futures (`.quarter` …) are not offered by this adapter.
 */
export function resolveSymbol(
  symbol: InstrumentSymbol,
  market: OkxOptions["market"],
  method: string,
): ResolvedInstrument {
  const contract = symbol.contract ?? (market === "swap" ? "swap" : undefined);
  const pair = `${symbol.base}-${symbol.quote}`;
  if (contract === undefined) return { instId: pair, instType: "SPOT" };
  if (contract === "swap") return { instId: `${pair}-SWAP`, instType: "SWAP" };
  throw new NotSupportedError(
    method,
    `for dated futures (${symbol.text}): the OKX adapter trades spot and perpetual swaps`,
  );
}

/** OKX instId → FMZ symbol: `BTC-USDT` → `BTC_USDT`, `BTC-USDT-SWAP` → `BTC_USDT.swap`. */
export function fmzSymbolOf(instId: string): string {
  const parts = instId.split("-");
  if (parts.length === 3 && parts[2] === "SWAP") return `${parts[0]}_${parts[1]}.swap`;
  if (parts.length === 2) return `${parts[0]}_${parts[1]}`;
  // Anything else (a dated future `BTC-USD-250328`, an option) keeps OKX's id, which is still unambiguous.
  return instId;
}

export function instTypeOf(instId: string): InstType {
  return instId.endsWith("-SWAP") ? "SWAP" : "SPOT";
}

/** Every swap settled in one quote currency: `USDT.swap` → instIds ending in `-USDT-SWAP`. */
export interface RangeFilter {
  readonly instType: InstType;
  matches(instId: string): boolean;
}

export function resolveRange(range: RangeSymbol, method: string): RangeFilter {
  if (range.market !== "swap") {
    throw new NotSupportedError(
      method,
      `for dated futures (${range.text}): the OKX adapter trades spot and perpetual swaps`,
    );
  }
  const suffix = `-${range.quote}-SWAP`;
  return { instType: "SWAP", matches: (instId) => instId.endsWith(suffix) };
}

/** An instrument or a range, as `orders`, `historyorders` and `positions` accept. */
export type Target =
  | { readonly kind: "instrument"; readonly inst: ResolvedInstrument; readonly text: string }
  | { readonly kind: "range"; readonly filter: RangeFilter; readonly text: string };

export function resolveTarget(symbol: FmzSymbol, market: OkxOptions["market"], method: string): Target {
  return symbol.kind === "range"
    ? { kind: "range", filter: resolveRange(symbol, method), text: symbol.text }
    : { kind: "instrument", inst: resolveSymbol(symbol, market, method), text: symbol.text };
}

/** Refuses an order id whose instrument part is not an OKX instId (`BTC-USDT`, `BTC-USDT-SWAP`). */
export function checkInstId(instId: string): string {
  if (!/^[A-Z0-9]{1,20}-[A-Z0-9]{1,20}(-[A-Z0-9]{1,10})?$/.test(instId)) {
    throw new BadRequestError(`invalid order id: "${instId}" is not an OKX instrument (e.g. BTC-USDT)`);
  }
  return instId;
}
