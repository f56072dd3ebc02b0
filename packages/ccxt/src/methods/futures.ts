/** Positions, leverage and funding rates. */
import {
  type Funding,
  type ParamsOf,
  type Position,
  type ResultOf,
  privateOrRest,
  wireName,
} from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import { type Bridge, type Ctx, num } from "../bridge";
import type { CcxtExchange, CcxtMarket } from "../ccxt-lib";
import type { PositionFields } from "../private/ccxt-records";
import { contractTypeOf, displaySymbol, matchesSymbol, rangeParams } from "../symbols";

/** One position (a unified one, or a private stream's copy of one) as FMZ shows it. */
export function toPosition(markets: Record<string, CcxtMarket>, m: CcxtMarket, p: PositionFields): Position {
  return {
    symbol: displaySymbol(markets, m),
    margin_level: num(p.leverage),
    amount: Math.abs(num(p.contracts)),
    frozen_amount: 0,
    price: num(p.entryPrice),
    profit: num(p.unrealizedPnl),
    type: p.side === "short" ? 1 : 0,
    contract_type: contractTypeOf(markets, m) ?? "swap",
    margin: num(p.initialMargin ?? p.collateral),
  };
}

export async function getPositions(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getPositions">,
): Promise<ResultOf<"getPositions">> {
  const method = wireName("getPositions");
  const ex = await b.privateExchange(ctx);
  b.require(ex, "fetchPositions", method);
  const markets = b.markets(ex);
  const m = p.symbol.kind === "instrument" ? b.contractMarket(ex, p.symbol, method) : undefined;
  const params = m ? {} : rangeParams(p.symbol);
  /** The open positions of the symbol asked among `rows` (a REST answer, or what the stream holds). */
  const positionsOf = (rows: readonly PositionFields[]): Position[] => {
    const out: Position[] = [];
    for (const pos of rows) {
      const pm = b.marketOfSymbol(ex, pos.symbol ?? undefined) ?? m;
      if (!pm || num(pos.contracts) === 0) continue;
      if (m ? pm.symbol !== m.symbol : !matchesSymbol(markets, pm, p.symbol, b.symbolContext)) continue;
      out.push(toPosition(markets, pm, pos));
    }
    return out;
  };
  return privateOrRest(b.privateAccount(ctx)?.session, {
    ctx,
    method: "getPositions",
    kind: "positions",
    answer: (s) => positionsOf(s.positions.values()),
    rest: async () =>
      positionsOf(await b.run(ctx, method, () => ex.fetchPositions(m ? [m.symbol] : undefined, params))),
  });
}

export async function setMarginLevel(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"setMarginLevel">,
): Promise<ResultOf<"setMarginLevel">> {
  const method = wireName("setMarginLevel");
  const ex = await b.privateExchange(ctx);
  b.require(ex, "setLeverage", method);
  const m = b.contractMarket(ex, p.symbol, method);
  await b.run(ctx, method, () => ex.setLeverage(p.marginLevel, m.symbol));
  return true;
}

/** Milliseconds between fundings: ccxt's `interval` (`8h`), else the gap between the two timestamps. */
function intervalMs(ex: CcxtExchange, r: ccxt.FundingRate): number {
  if (typeof r.interval === "string" && r.interval !== "") {
    try {
      return ex.parseTimeframe(r.interval) * 1000;
    } catch {
      // not a timeframe ccxt can read: fall back below
    }
  }
  const a = r.fundingTimestamp;
  const c = r.nextFundingTimestamp;
  return typeof a === "number" && typeof c === "number" && c > a ? c - a : 0;
}

function toFunding(ex: CcxtExchange, symbol: string, r: ccxt.FundingRate): Funding {
  return {
    symbol,
    rate: num(r.fundingRate),
    interval: intervalMs(ex, r),
    time: num(r.fundingTimestamp ?? r.nextFundingTimestamp),
  };
}

export async function getFundings(
  b: Bridge,
  ctx: Ctx,
  p: ParamsOf<"getFundings">,
): Promise<ResultOf<"getFundings">> {
  const method = wireName("getFundings");
  const ex = await b.publicExchange(ctx);
  const markets = b.markets(ex);
  if (p.symbol.kind === "instrument") {
    b.require(ex, "fetchFundingRate", method);
    const m = b.contractMarket(ex, p.symbol, method);
    const r = await b.run(ctx, method, () => ex.fetchFundingRate(m.symbol));
    return [toFunding(ex, displaySymbol(markets, m), r)];
  }
  b.require(ex, "fetchFundingRates", method);
  const rates = await b.run(ctx, method, () => ex.fetchFundingRates(undefined, rangeParams(p.symbol)));
  const out: Funding[] = [];
  for (const r of Object.values(rates)) {
    const m = b.marketOfSymbol(ex, r.symbol);
    if (m && matchesSymbol(markets, m, p.symbol, b.symbolContext))
      out.push(toFunding(ex, displaySymbol(markets, m), r));
  }
  return out;
}
