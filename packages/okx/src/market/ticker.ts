import {
  ExchangeError,
  type ParamsOf,
  type ResultOf,
  type Ticker,
  streamOrRest,
  toNumber,
  wireName,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxTicker } from "../okx-types";
import { EXCHANGE } from "../rest/okx-client";
import { CHANNELS, marketScope } from "../streams/okx-streams";
import { futuresSymbols, resolveInstrument } from "./futures";
import { mountInstType } from "./markets";
import { fmzSymbolOf, instTypeOf } from "./symbols";

/** GET /api/v5/market/ticker (reference §4.2). */
export async function getTicker(call: OkxCall, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
  const { instId } = await resolveInstrument(call, p.symbol, wireName("getTicker"));
  const fromRow = (row: OkxTicker): Ticker => {
    call.ctx.setRaw(row);
    return toTicker(row, p.symbol.text);
  };
  const rest = async () =>
    fromRow(
      firstRow(await call.publicGet<OkxTicker>("/api/v5/market/ticker", { instId }), `ticker for ${instId}`),
    );
  return streamOrRest(call.streams?.cache, {
    ctx: call.ctx,
    method: "getTicker",
    channel: CHANNELS.ticker,
    key: instId,
    scope: marketScope(call),
    answer: fromRow,
    rest,
  });
}

/** GET /api/v5/market/tickers for the mount's market (reference §4.3). */
export async function getTickers(call: OkxCall): Promise<ResultOf<"getTickers">> {
  const instType = mountInstType(call);
  const rows = await call.publicGet<OkxTicker>("/api/v5/market/tickers", { instType });
  if (instType !== "FUTURES") return rows.map((row) => toTicker(row, fmzSymbolOf(row.instId)));
  // Dated futures by today's FMZ name (`BTC_USD.quarter`); a contract no name fits is left out.
  const names = futuresSymbols(await call.instruments.list(call, "FUTURES"), call.client.clock.now());
  return rows.flatMap((row) => {
    const symbol = names.get(row.instId);
    return symbol ? [toTicker(row, symbol)] : [];
  });
}

/**
 * `vol` is in the base currency on both markets: `vol24h` on spot, `volCcy24h` on swaps (where `vol24h`
 * counts contracts).
 */
export function toTicker(t: OkxTicker, symbol: string): Ticker {
  const contract = instTypeOf(t.instId) !== "SPOT";
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
