import {
  BadRequestError,
  type ContractType,
  type FmzSymbol,
  type InstrumentSymbol,
  NotSupportedError,
  type RangeSymbol,
} from "@fmz-gateway/core";
import type { OkxOptions } from "../options";

/** The OKX instrument types this adapter trades. */
export type InstType = "SPOT" | "SWAP" | "FUTURES";

/** FMZ's names for dated futures, which are OKX's `alias` values too (reference §4.8). */
export type FuturesAlias = Exclude<ContractType, "swap">;

export interface ResolvedInstrument {
  readonly instId: string;
  readonly instType: InstType;
}

/** A symbol as far as it can be resolved without OKX's list: a fixed instId, or a dated-futures alias. */
export type SymbolRequest =
  | { readonly kind: "fixed"; readonly inst: ResolvedInstrument }
  | {
      readonly kind: "futures";
      readonly family: string;
      readonly alias: FuturesAlias;
      readonly text: string;
    };

/**
 * FMZ symbol → OKX instrument: `BTC_USDT` ↔ `BTC-USDT`, `BTC_USDT.swap` ↔ `BTC-USDT-SWAP`,
 * `BTC_USD.swap` ↔ `BTC-USD-SWAP` (inverse), `BTC_USDT.quarter` → the BTC-USDT FUTURES contract OKX lists
 * for that alias (resolved against the list, see market/futures.ts). A pair without a contract follows the
 * mount's `market`: the perpetual on a swap mount, the nearest quarter (`.quarter`) on a futures mount.
 */
export function classifySymbol(symbol: InstrumentSymbol, market: OkxOptions["market"]): SymbolRequest {
  const contract =
    symbol.contract ?? (market === "swap" ? "swap" : market === "futures" ? "quarter" : undefined);
  const pair = `${symbol.base}-${symbol.quote}`;
  if (contract === undefined) return { kind: "fixed", inst: { instId: pair, instType: "SPOT" } };
  if (contract === "swap") return { kind: "fixed", inst: { instId: `${pair}-SWAP`, instType: "SWAP" } };
  return {
    kind: "futures",
    family: pair,
    alias: contract,
    text: `${symbol.base}_${symbol.quote}.${contract}`,
  };
}

/**
 * The synchronous part of `classifySymbol`, for spot and swaps. A dated future needs OKX's list: callers
 * that may see one use `resolveInstrument` (market/futures.ts).
 */
export function resolveSymbol(
  symbol: InstrumentSymbol,
  market: OkxOptions["market"],
  method: string,
): ResolvedInstrument {
  const req = classifySymbol(symbol, market);
  if (req.kind === "fixed") return req.inst;
  // Only reached where dated futures have no meaning (funding rates exist for perpetual swaps only).
  throw new NotSupportedError(method, `for dated futures (${req.text})`);
}

/** A dated future's instId: `BTC-USD-250328` (family, then the delivery date as YYMMDD). */
export const FUTURES_ID = /^([A-Z0-9]+)-([A-Z0-9]+)-(\d{6})$/;

/**
 * OKX instId → FMZ symbol: `BTC-USDT` → `BTC_USDT`, `BTC-USDT-SWAP` → `BTC_USDT.swap`. A dated future's
 * FMZ name (`.quarter`) depends on today's list, so it is the instrument cache's to give (`symbolOf`);
 * here it keeps OKX's id, which is still unambiguous.
 */
export function fmzSymbolOf(instId: string): string {
  const parts = instId.split("-");
  if (parts.length === 3 && parts[2] === "SWAP") return `${parts[0]}_${parts[1]}.swap`;
  if (parts.length === 2) return `${parts[0]}_${parts[1]}`;
  return instId;
}

export function instTypeOf(instId: string): InstType {
  if (instId.endsWith("-SWAP")) return "SWAP";
  return FUTURES_ID.test(instId) ? "FUTURES" : "SPOT";
}

/** Every contract of one market settled in one quote: `USDT.swap` → `-USDT-SWAP`, `USD.futures` → `-USD-YYMMDD`. */
export interface RangeFilter {
  readonly instType: InstType;
  matches(instId: string): boolean;
}

export function resolveRange(range: RangeSymbol, _method: string): RangeFilter {
  if (range.market === "futures") {
    return {
      instType: "FUTURES",
      matches: (instId) => FUTURES_ID.exec(instId)?.[2] === range.quote,
    };
  }
  const suffix = `-${range.quote}-SWAP`;
  return { instType: "SWAP", matches: (instId) => instId.endsWith(suffix) };
}

/** An instrument or a range, as `orders`, `historyorders` and `positions` accept. */
export type Target =
  | { readonly kind: "instrument"; readonly inst: ResolvedInstrument; readonly text: string }
  | { readonly kind: "range"; readonly filter: RangeFilter; readonly text: string };

/** Spot and swaps only; `resolveTargetAsync` (market/futures.ts) covers dated futures too. */
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
