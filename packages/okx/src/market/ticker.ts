import { ExchangeError, type ParamsOf, type ResultOf, type Ticker, toNumber } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxTicker } from "../okx-types";
import { EXCHANGE } from "../rest/okx-client";
import { fmzSymbolOf, instTypeOf, resolveSymbol } from "./symbols";

/** GET /api/v5/market/ticker (reference §4.2). */
export async function getTicker(call: OkxCall, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
  const { instId } = resolveSymbol(p.symbol, call.options.market, "ticker");
  const rows = await call.publicGet<OkxTicker>("/api/v5/market/ticker", { instId });
  const row = firstRow(rows, `ticker for ${instId}`);
  call.ctx.setRaw(row);
  return toTicker(row, p.symbol.text);
}

/** GET /api/v5/market/tickers for the mount's market (reference §4.3). */
export async function getTickers(call: OkxCall): Promise<ResultOf<"getTickers">> {
  const instType = call.options.market === "swap" ? "SWAP" : "SPOT";
  const rows = await call.publicGet<OkxTicker>("/api/v5/market/tickers", { instType });
  return rows.map((row) => toTicker(row, fmzSymbolOf(row.instId)));
}

/**
 * `vol` is in the base currency on both markets: `vol24h` on spot, `volCcy24h` on swaps (where `vol24h`
 * counts contracts).
 */
export function toTicker(t: OkxTicker, symbol: string): Ticker {
  const contract = instTypeOf(t.instId) === "SWAP";
  return {
    symbol,
    buy: toNumber(t.bidPx),
    sell: toNumber(t.askPx),
    high: toNumber(t.high24h),
    low: toNumber(t.low24h),
    open: toNumber(t.open24h),
    last: toNumber(t.last),
    vol: toNumber(contract ? t.volCcy24h : t.vol24h),
    time: toNumber(t.ts),
  };
}

/** The single object a lookup endpoint returns; its absence is OKX's failure, said plainly. */
export function firstRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new ExchangeError(EXCHANGE, "no-data", `OKX returned no ${what}`);
  return row;
}
