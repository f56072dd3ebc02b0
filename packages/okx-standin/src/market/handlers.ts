// Public endpoints: system time, instruments, funding rate, tickers, books, trades, candles.
// Limits are per IP (reference §3); instruments is per IP + instType and funding-rate per IP + instId.

import { formatDecimal } from "../decimal";
import {
  INST_TYPES,
  INSTRUMENTS,
  INSTRUMENTS_BY_ID,
  INSTRUMENTS_RESPONSE,
  type Instrument,
  futuresRows,
  tradingBlock,
} from "../instruments";
import type { Handler, RequestContext } from "../http/context";
import { integerParam, isReply, limitParam } from "../http/params";
import { emptyParam, okRaw, okxError, paramError, TOO_MANY_REQUESTS, type Reply } from "../http/reply";
import { BARS } from "./bars";
import { MAX_BOOK_DEPTH, bookJson } from "./books";
import { CANDLES_DEFAULT_LIMIT, CANDLES_MAX_LIMIT, HISTORY_BARS, RECENT_BARS, candleRows } from "./candles";
import { stringSeed, hash } from "./prng";
import { MAX_TRADES, tradesJson } from "./trades";

export const publicTime: Handler = (ctx, st) => {
  if (!st.limiter.take("public/time", ctx.ip, ctx.now)) return TOO_MANY_REQUESTS;
  return okRaw(`[{"ts":"${ctx.now}"}]`);
};

export const instruments: Handler = (ctx, st) => {
  const instType = ctx.query.get("instType");
  if (!instType) return emptyParam("instType");
  if (!INST_TYPES.has(instType)) return paramError("instType");
  if (!st.limiter.take("public/instruments", ctx.ip + "|" + instType, ctx.now)) return TOO_MANY_REQUESTS;
  // ccxt still sends `uly`; the current docs name it instFamily. Both filter the same way.
  const family = ctx.query.get("instFamily") || ctx.query.get("uly") || "";
  const instId = ctx.query.get("instId") || "";
  if (instType === "OPTION" && family === "") return emptyParam("instFamily");
  if (instType === "FUTURES") {
    // The listed dated futures and their aliases depend on the stand-in's clock.
    const listed = futuresRows(ctx.now).filter(
      (r) => (family === "" || r.inst.instFamily === family) && (instId === "" || r.inst.instId === instId),
    );
    if (instId !== "" && listed.length === 0) return okxError("51001");
    return okRaw("[" + listed.map((r) => r.json).join(",") + "]");
  }
  if (family === "" && instId === "") return { status: 200, body: INSTRUMENTS_RESPONSE.get(instType) ?? "" };
  const rows = INSTRUMENTS.filter(
    (i) =>
      i.instType === instType &&
      (family === "" || i.instFamily === family) &&
      (instId === "" || i.instId === instId),
  );
  if (instId !== "" && rows.length === 0) return okxError("51001");
  return okRaw("[" + rows.map((i) => i.json).join(",") + "]");
};

function requireInstrument(ctx: RequestContext): Instrument | Reply {
  const instId = ctx.query.get("instId");
  if (!instId) return emptyParam("instId");
  const inst = INSTRUMENTS_BY_ID.get(instId);
  // A dated future exists only while it is listed (settled or not yet listed: unknown).
  if (inst === undefined || tradingBlock(inst, ctx.now) !== undefined) return okxError("51001");
  return inst;
}

function isInstrument(v: Instrument | Reply): v is Instrument {
  return "instId" in v;
}

const EIGHT_HOURS = 8 * 3_600_000;

function fundingRow(
  inst: Instrument,
  now: number,
  set: { time: number; rate: string } | undefined,
): Record<string, string> {
  // Funding settles every 8 h (00:00, 08:00, 16:00 UTC); fundingTime is the coming settlement and
  // nextFundingTime the one after, so their difference tells clients the interval, as OKX advises.
  // A test may set the coming one instead (setFunding), rather than wait for the schedule.
  const period = Math.floor(now / EIGHT_HOURS);
  const fundingTime = set?.time ?? (period + 1) * EIGHT_HOURS;
  const seed = stringSeed(inst.instId);
  // Rates in millionths, between −0.00005 and 0.00015: deterministic per settlement period.
  const rate = (p: number): string => formatDecimal(BigInt((hash(seed, p) % 201) - 50) * 10n ** 12n);
  return {
    formulaType: "noRate",
    fundingRate: set?.rate ?? rate(period + 1),
    fundingTime: String(fundingTime),
    impactValue: "",
    instId: inst.instId,
    instType: "SWAP",
    interestRate: "",
    maxFundingRate: "0.00375",
    method: "current_period",
    minFundingRate: "-0.00375",
    nextFundingRate: "",
    nextFundingTime: String(fundingTime + EIGHT_HOURS),
    premium: rate(period + 7),
    settFundingRate: rate(period),
    settState: "settled",
    ts: String(now),
  };
}

export const fundingRate: Handler = (ctx, st) => {
  const instId = ctx.query.get("instId");
  if (!instId) return emptyParam("instId");
  if (!st.limiter.take("public/funding-rate", ctx.ip + "|" + instId, ctx.now)) return TOO_MANY_REQUESTS;
  const swaps = INSTRUMENTS.filter((i) => i.instType === "SWAP" && (instId === "ANY" || i.instId === instId));
  if (swaps.length === 0) return okxError("51001");
  return okRaw(JSON.stringify(swaps.map((i) => fundingRow(i, ctx.now, st.funding.get(i.instId)))));
};

export const ticker: Handler = (ctx, st) => {
  if (!st.limiter.take("market/ticker", ctx.ip, ctx.now)) return TOO_MANY_REQUESTS;
  const inst = requireInstrument(ctx);
  if (!isInstrument(inst)) return inst;
  const t = st.market.get(inst.instId);
  if (t === undefined) return okxError("51001");
  return okRaw("[" + st.market.tickerJson(t, ctx.now) + "]");
};

export const tickers: Handler = (ctx, st) => {
  if (!st.limiter.take("market/tickers", ctx.ip, ctx.now)) return TOO_MANY_REQUESTS;
  const instType = ctx.query.get("instType");
  if (!instType) return emptyParam("instType");
  if (instType !== "SPOT" && instType !== "SWAP" && instType !== "FUTURES" && instType !== "OPTION") {
    return paramError("instType");
  }
  const family = ctx.query.get("instFamily") || ctx.query.get("uly") || "";
  const rows = st.market
    .all()
    .filter(
      (t) =>
        t.inst.instType === instType &&
        (family === "" || t.inst.instFamily === family) &&
        tradingBlock(t.inst, ctx.now) === undefined,
    )
    .map((t) => st.market.tickerJson(t, ctx.now));
  return okRaw("[" + rows.join(",") + "]");
};

export const books: Handler = (ctx, st) => {
  if (!st.limiter.take("market/books", ctx.ip, ctx.now)) return TOO_MANY_REQUESTS;
  const inst = requireInstrument(ctx);
  if (!isInstrument(inst)) return inst;
  // Depth per side: default 1, at most 400 (deeper books live at /market/books-full on OKX).
  const depth = limitParam(ctx.query, 1, MAX_BOOK_DEPTH, "sz");
  if (isReply(depth)) return depth;
  const t = st.market.get(inst.instId);
  if (t === undefined) return okxError("51001");
  return { status: 200, body: bookJson(t, depth, ctx.now) };
};

export const trades: Handler = (ctx, st) => {
  if (!st.limiter.take("market/trades", ctx.ip, ctx.now)) return TOO_MANY_REQUESTS;
  const inst = requireInstrument(ctx);
  if (!isInstrument(inst)) return inst;
  const limit = limitParam(ctx.query, 100, MAX_TRADES);
  if (isReply(limit)) return limit;
  const t = st.market.get(inst.instId);
  if (t === undefined) return okxError("51001");
  return { status: 200, body: tradesJson(t, limit, ctx.now) };
};

function candlesHandler(history: boolean): Handler {
  return (ctx, st) => {
    if (!st.limiter.take(history ? "market/history-candles" : "market/candles", ctx.ip, ctx.now)) {
      return TOO_MANY_REQUESTS;
    }
    const inst = requireInstrument(ctx);
    if (!isInstrument(inst)) return inst;
    const cal = BARS.get(ctx.query.get("bar") || "1m");
    if (cal === undefined || (cal.historyOnly && !history)) return paramError("bar");
    const after = integerParam(ctx.query, "after");
    if (isReply(after)) return after;
    const before = integerParam(ctx.query, "before");
    if (isReply(before)) return before;
    const limit = limitParam(ctx.query, CANDLES_DEFAULT_LIMIT, CANDLES_MAX_LIMIT);
    if (isReply(limit)) return limit;
    const rows = candleRows({
      inst,
      cal,
      after,
      before,
      limit,
      depth: history ? HISTORY_BARS : RECENT_BARS,
      now: ctx.now,
    });
    return okRaw("[" + rows.join(",") + "]");
  };
}

export const candles = candlesHandler(false);
export const historyCandles = candlesHandler(true);
