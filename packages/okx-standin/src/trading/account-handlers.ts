// Private account endpoints: balance, positions, set-leverage, account config, and the asset currency list
// ccxt's loadMarkets() asks for when it holds credentials.

import { abs, div, formatDecimal, formatTruncated, mul, parseDecimalField } from "../decimal";
import { INSTRUMENTS_BY_ID } from "../instruments";
import type { Handler } from "../http/context";
import { jsonBody, str } from "../http/params";
import { emptyParam, ok, okxError, paramError, TOO_MANY_REQUESTS } from "../http/reply";
import type { StandinState } from "../state";
import type { Account, MarginMode, Position, PosSide } from "./account";
import { pnlFor } from "./engine";
import { isRecord } from "./validate";
import { accountOf } from "./session";

const ONE = 10n ** 18n;
// Maintenance margin rate used for the positions' `mmr` field: 0.4 %.
const MMR_RATE = 4n * 10n ** 15n;

function lastOf(st: StandinState, p: Position): bigint {
  return st.market.get(p.inst.instId)?.last ?? p.avgPx;
}

function uplOf(st: StandinState, p: Position): bigint {
  return pnlFor(p.inst, p.pos > 0n ? 1n : -1n, abs(p.pos), p.avgPx, lastOf(st, p));
}

function settledUpl(st: StandinState, acct: Account, ccy: string): bigint {
  let sum = 0n;
  for (const p of acct.positions.values()) if (p.inst.settleCcy === ccy) sum += uplOf(st, p);
  return sum;
}

/**
 * One `details` row of GET /account/balance, shared with the websocket `account` channel so both agree to
 * the digit; undefined when OKX leaves the currency out. `zero` builds the row of a currency that has just
 * gone to nothing (the channel's last word on it), with every amount "0".
 */
export function balanceRow(
  st: StandinState,
  acct: Account,
  ccy: string,
  zero = false,
): Record<string, unknown> | undefined {
  const b = zero ? { cash: 0n, ordFrozen: 0n } : acct.balances.get(ccy);
  if (b === undefined) return undefined;
  const upl = zero ? 0n : settledUpl(st, acct, ccy);
  const eq = b.cash + upl;
  // "The currency details will not be returned when cashBal and eq is both 0."
  if (b.cash === 0n && eq === 0n && !zero) return undefined;
  const frozen = zero ? 0n : b.ordFrozen + acct.positionMargin(ccy);
  const eqUsd = formatDecimal(mul(eq, st.market.usdPrice(ccy)));
  // ccxt reads total = eq and free = availEq, so availEq + frozenBal = eq keeps its numbers consistent.
  return {
    autoLendStatus: "off",
    autoLendMtAmt: "0",
    availBal: formatDecimal(b.cash - frozen),
    availEq: formatDecimal(eq - frozen),
    borrowFroz: "",
    cashBal: formatDecimal(b.cash),
    ccy,
    crossLiab: "",
    colRes: "0",
    collateralEnabled: false,
    collateralRestrict: false,
    colBorrAutoConversion: "0",
    disEq: eqUsd,
    eq: formatDecimal(eq),
    eqUsd,
    smtSyncEq: "0",
    spotCopyTradingEq: "0",
    fixedBal: "0",
    frozenBal: formatDecimal(frozen),
    imr: "",
    interest: "",
    isoEq: "0",
    isoLiab: "",
    isoUpl: "0",
    liab: "",
    maxLoan: "",
    mgnRatio: "",
    mmr: "",
    notionalLever: "",
    ordFrozen: formatDecimal(b.ordFrozen),
    rewardBal: "0",
    spotInUseAmt: "",
    clSpotInUseAmt: "",
    maxSpotInUse: "",
    spotIsoBal: "0",
    stgyEq: "0",
    twap: "0",
    uTime: String(acct.uTime),
    upl: formatDecimal(upl),
    uplLiab: "",
    spotBal: "",
    openAvgPx: "",
    accAvgPx: "",
    spotUpl: "",
    spotUplRatio: "",
    totalPnl: "",
    totalPnlRatio: "",
  };
}

/**
 * GET /account/balance `data[0]`: totalEq over the `wanted` currencies, with the given `details` rows (REST
 * passes every wanted currency's row; the `account` channel only the rows that changed).
 */
export function balanceData(
  st: StandinState,
  acct: Account,
  wanted: readonly string[],
  details: Record<string, unknown>[],
): Record<string, unknown> {
  let totalEq = 0n;
  for (const ccy of wanted) {
    const cash = acct.balances.get(ccy)?.cash ?? 0n;
    totalEq += mul(cash + settledUpl(st, acct, ccy), st.market.usdPrice(ccy));
  }
  return {
    adjEq: "",
    availEq: "",
    borrowFroz: "",
    details,
    imr: "",
    isoEq: "0",
    mgnRatio: "",
    mmr: "",
    notionalUsd: "",
    notionalUsdForBorrow: "",
    notionalUsdForFutures: "",
    notionalUsdForOption: "",
    notionalUsdForSwap: "",
    ordFroz: "",
    totalEq: formatDecimal(totalEq),
    uTime: String(acct.uTime),
    upl: "",
  };
}

export const balance: Handler = (ctx, st) => {
  const acct = accountOf(ctx, st);
  if (!st.limiter.take("account/balance", acct.apiKey, ctx.now)) return TOO_MANY_REQUESTS;
  const filter = ctx.query.get("ccy");
  const wanted = filter ? filter.split(",") : [...acct.balances.keys()];
  if (wanted.length > 20) return paramError("ccy");
  const details: Record<string, unknown>[] = [];
  for (const ccy of wanted) {
    const d = balanceRow(st, acct, ccy);
    if (d !== undefined) details.push(d);
  }
  return ok([balanceData(st, acct, wanted, details)]);
};

/** One row of GET /account/positions, shared with the websocket `positions` channel. */
export function positionWire(st: StandinState, p: Position): Record<string, unknown> {
  const last = lastOf(st, p);
  const upl = uplOf(st, p);
  const held = abs(p.pos);
  const face = mul(held, p.inst.ctValU);
  const notionalUsd = p.inst.ctType === "inverse" ? face : mul(face, last);
  const value = p.inst.ctType === "inverse" ? div(face, last) : mul(face, last);
  const ratio = p.margin === 0n ? "0" : formatTruncated(div(upl, p.margin), 16);
  const margin = formatDecimal(p.margin);
  return {
    adl: "1",
    availPos: formatDecimal(held),
    avgPx: formatDecimal(p.avgPx),
    baseBal: "",
    baseBorrowed: "",
    baseInterest: "",
    bePx: "",
    bizRefId: "",
    bizRefType: "",
    cTime: String(p.cTime),
    ccy: p.inst.settleCcy,
    clSpotInUseAmt: "",
    closeOrderAlgo: [],
    deltaBS: "",
    deltaPA: "",
    fee: "0",
    fundingFee: "0",
    gammaBS: "",
    gammaPA: "",
    idxPx: formatDecimal(last),
    // OKX fills imr for cross positions and margin for isolated ones.
    imr: p.mgnMode === "cross" ? margin : "",
    instId: p.inst.instId,
    instType: p.inst.instType,
    interest: "",
    last: formatDecimal(last),
    lever: formatDecimal(p.lever),
    liab: "",
    liabCcy: "",
    liqPenalty: "0",
    liqPx: "",
    margin: p.mgnMode === "isolated" ? margin : "",
    markPx: formatDecimal(last),
    maxSpotInUseAmt: "",
    mgnMode: p.mgnMode,
    mgnRatio: "",
    mmr: formatTruncated(mul(value, MMR_RATE), 8),
    notionalUsd: formatTruncated(notionalUsd, 8),
    optVal: "",
    pendingCloseOrdLiabVal: "",
    pnl: formatDecimal(p.realizedPnl),
    // Long/short mode: `pos` is positive on both sides, posSide tells them apart.
    pos: formatDecimal(p.posSide === "net" ? p.pos : held),
    posCcy: "",
    posId: p.posId,
    posSide: p.posSide,
    quoteBal: "",
    quoteBorrowed: "",
    quoteInterest: "",
    realizedPnl: formatDecimal(p.realizedPnl),
    spotInUseAmt: "",
    spotInUseCcy: "",
    thetaBS: "",
    thetaPA: "",
    tradeId: p.tradeId,
    uTime: String(p.uTime),
    upl: formatDecimal(upl),
    uplLastPx: formatDecimal(upl),
    uplRatio: ratio,
    uplRatioLastPx: ratio,
    usdPx: "",
    vegaBS: "",
    vegaPA: "",
    nonSettleAvgPx: "",
    settledPnl: "",
  };
}

export const positions: Handler = (ctx, st) => {
  const acct = accountOf(ctx, st);
  if (!st.limiter.take("account/positions", acct.apiKey, ctx.now)) return TOO_MANY_REQUESTS;
  const instType = ctx.query.get("instType") ?? "";
  if (instType !== "" && !["MARGIN", "SWAP", "FUTURES", "OPTION"].includes(instType))
    return paramError("instType");
  const instIdFilter = ctx.query.get("instId");
  const ids = instIdFilter ? new Set(instIdFilter.split(",")) : undefined;
  if (ids !== undefined && ids.size > 10) return paramError("instId");
  const rows = positionRows(
    st,
    acct,
    (p) => (instType === "" || instType === p.inst.instType) && (ids === undefined || ids.has(p.inst.instId)),
  );
  return ok(rows);
};

/** The account's open positions that `keep` selects, as GET /account/positions lists them. */
export function positionRows(
  st: StandinState,
  acct: Account,
  keep: (p: Position) => boolean,
): Record<string, unknown>[] {
  // "Return in reverse chronological order using ctime."
  return [...acct.positions.values()]
    .filter(keep)
    .sort((a, b) => b.cTime - a.cTime)
    .map((p) => positionWire(st, p));
}

export const setLeverage: Handler = (ctx, st) => {
  const acct = accountOf(ctx, st);
  if (!st.limiter.take("account/set-leverage", acct.apiKey, ctx.now)) return TOO_MANY_REQUESTS;
  const body = jsonBody(ctx);
  if (!body.ok) return body.reply;
  if (!isRecord(body.value)) return okxError("50002");
  const raw = body.value;
  if (raw.lever === undefined || raw.lever === "") return emptyParam("lever");
  if (!raw.mgnMode) return emptyParam("mgnMode");
  const mgnMode = raw.mgnMode;
  if (mgnMode !== "cross" && mgnMode !== "isolated") return paramError("mgnMode");
  const instId = str(raw.instId);
  if (instId === "") return emptyParam("instId");
  const inst = INSTRUMENTS_BY_ID.get(instId);
  if (inst === undefined) return okxError("51001");
  // ccxt sends lever as a JSON number; OKX documents a string. Both are accepted.
  const lever = parseDecimalField(raw.lever);
  if (lever === undefined || lever < ONE) return paramError("lever");
  if (lever > BigInt(inst.maxLever) * ONE) return okxError("59102");
  const posSide = str(raw.posSide);
  // "posSide is only required when margin mode is isolated in long/short position mode" (§4.12): there
  // each side has its own leverage; otherwise one leverage covers the instrument.
  const hedged = acct.posMode === "long_short_mode";
  const perSide = hedged && mgnMode === "isolated";
  if (perSide ? posSide !== "long" && posSide !== "short" : !["", "net", "long", "short"].includes(posSide))
    return paramError("posSide");
  if (!hedged && posSide !== "" && posSide !== "net") return paramError("posSide");
  if (perSide) acct.leverage.set(instId + "|" + mgnMode + "|" + posSide, lever);
  else {
    acct.leverage.set(instId + "|" + mgnMode, lever);
    for (const side of ["long", "short"]) acct.leverage.delete(instId + "|" + mgnMode + "|" + side);
  }
  // An open position's margin follows the new leverage (entry notional / lever).
  const sides: PosSide[] = perSide ? [posSide as PosSide] : hedged ? ["long", "short"] : ["net"];
  const changed: Position[] = [];
  for (const side of sides) {
    const pos = acct.position(instId, mgnMode as MarginMode, side);
    if (pos === undefined) continue;
    changed.push(pos);
    const face = mul(abs(pos.pos), inst.ctValU);
    const notional = inst.ctType === "inverse" ? div(face, pos.avgPx) : mul(face, pos.avgPx);
    pos.lever = lever;
    pos.margin = div(notional, lever);
    pos.uTime = ctx.now;
  }
  acct.uTime = ctx.now;
  // The positions channel (and the margin the account channel shows) follow the new leverage at once.
  st.engine.changes.touch(acct, ctx.now, "set_leverage", changed);
  return ok([{ lever: formatDecimal(lever), mgnMode, instId, posSide }]);
};

export const accountConfig: Handler = (ctx, st) => {
  const acct = accountOf(ctx, st);
  return ok([
    {
      acctLv: "2",
      acctStpMode: "cancel_maker",
      autoLoan: false,
      ctIsoMode: "automatic",
      enableSpotBorrow: false,
      greeksType: "PA",
      ip: "",
      kycLv: "2",
      label: "okx-standin",
      level: "Lv1",
      levelTmp: "",
      liquidationGear: "-1",
      mainUid: acct.uid,
      mgnIsoMode: "automatic",
      opAuth: "0",
      perm: "read_only,trade",
      posMode: acct.posMode,
      roleType: "0",
      spotBorrowAutoRepay: false,
      spotOffsetType: "",
      spotRoleType: "0",
      spotTraderInsts: [],
      traderInsts: [],
      type: "0",
      uid: acct.uid,
    },
  ]);
};

/**
 * POST /api/v5/account/set-position-mode `{"posMode":"long_short_mode"|"net_mode"}` (OKX docs, Trading
 * Account → Set position mode; ccxt setPositionMode). OKX refuses the switch while the account holds any
 * contract position or open contract order: 59000 "Settings failed. Close any open positions or orders
 * before modifying settings." (reference §2.4).
 */
export const setPositionMode: Handler = (ctx, st) => {
  const acct = accountOf(ctx, st);
  if (!st.limiter.take("account/set-position-mode", acct.apiKey, ctx.now)) return TOO_MANY_REQUESTS;
  const body = jsonBody(ctx);
  if (!body.ok) return body.reply;
  if (!isRecord(body.value)) return okxError("50002");
  const posMode = body.value.posMode;
  if (posMode === undefined || posMode === "") return emptyParam("posMode");
  if (posMode !== "net_mode" && posMode !== "long_short_mode") return paramError("posMode");
  if (posMode !== acct.posMode && acct.hasContractExposure()) return okxError("59000");
  acct.posMode = posMode;
  acct.uTime = ctx.now;
  return ok([{ posMode }]);
};

const CURRENCIES: [ccy: string, name: string, chain: string, wdTickSz: string][] = [
  ["BTC", "Bitcoin", "BTC-Bitcoin", "8"],
  ["ETH", "Ethereum", "ETH-ERC20", "8"],
  ["LTC", "Litecoin", "LTC-Litecoin", "8"],
  ["USDT", "Tether", "USDT-TRC20", "6"],
];

const CURRENCIES_BODY = JSON.stringify(
  CURRENCIES.map(([ccy, name, chain, wdTickSz]) => ({
    canDep: true,
    canInternal: true,
    canWd: true,
    ccy,
    chain,
    logoLink: "",
    mainNet: true,
    maxFee: "",
    maxWd: "100000000",
    minFee: "0",
    minWd: "0.0001",
    name,
    usedWdQuota: "0",
    wdQuota: "10000000",
    wdTickSz,
  })),
);

export const assetCurrencies: Handler = () => ({
  status: 200,
  body: `{"code":"0","msg":"","data":${CURRENCIES_BODY}}`,
});
