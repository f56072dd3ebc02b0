// The order record and its OKX wire form (the field set of GET /trade/order, reference §4.15).

import { div, formatDecimal } from "../decimal";
import type { Instrument } from "../instruments";
import type { OrderState, StandinOrder } from "../types";
import type { Account } from "./account";

export type Side = "buy" | "sell";

export interface Order {
  account: Account;
  inst: Instrument;
  ordId: string;
  ordIdNum: bigint;
  clOrdId: string;
  tag: string;
  side: Side;
  ordType: string;
  tdMode: string;
  posSide: string;
  /** sz as the client meant it: base, quote (spot market, tgtCcy=quote_ccy) or contracts. */
  sz: bigint;
  px: bigint | undefined;
  /** tgtCcy as reported back: the effective one for spot market orders, the sent one otherwise. */
  tgtCcy: string;
  reduceOnly: boolean;
  state: OrderState;
  accFill: bigint;
  /** Σ fill size × fill price, for avgPx. */
  fillValue: bigint;
  fillPx: bigint | undefined;
  fillSz: bigint;
  fillTime: number | undefined;
  tradeId: string;
  /** OKX's cancelSource code ("1" canceled by the user, "31" post-only that would take…); "" until canceled. */
  cancelSource: string;
  /** Funds held while the order rests, in frozenCcy. */
  frozen: bigint;
  frozenCcy: string;
  lever: string;
  pnl: bigint;
  cTime: number;
  uTime: number;
}

export function isLive(o: Order): boolean {
  return o.state === "live" || o.state === "partially_filled";
}

function avgPx(o: Order): string {
  return o.accFill === 0n ? "" : formatDecimal(div(o.fillValue, o.accFill));
}

function feeCcy(o: Order): string {
  if (o.inst.instType !== "SPOT") return o.inst.settleCcy;
  return o.side === "buy" ? o.inst.baseCcy : o.inst.quoteCcy;
}

function rebateCcy(o: Order): string {
  if (o.inst.instType !== "SPOT") return o.inst.settleCcy;
  return o.side === "buy" ? o.inst.quoteCcy : o.inst.baseCcy;
}

/** Full order object as OKX's order endpoints return it. The stand-in charges no fees. */
export function orderWire(o: Order): Record<string, unknown> {
  return {
    accFillSz: formatDecimal(o.accFill),
    algoClOrdId: "",
    algoId: "",
    attachAlgoClOrdId: "",
    attachAlgoOrds: [],
    avgPx: avgPx(o),
    cTime: String(o.cTime),
    cancelSource: o.cancelSource,
    cancelSourceReason: "",
    category: "normal",
    ccy: "",
    clOrdId: o.clOrdId,
    fee: "0",
    feeCcy: feeCcy(o),
    fillPx: o.fillPx === undefined ? "" : formatDecimal(o.fillPx),
    fillSz: formatDecimal(o.fillSz),
    fillTime: o.fillTime === undefined ? "" : String(o.fillTime),
    instId: o.inst.instId,
    instType: o.inst.instType,
    isTpLimit: "false",
    lever: o.lever,
    linkedAlgoOrd: { algoId: "" },
    ordId: o.ordId,
    ordType: o.ordType,
    pnl: formatDecimal(o.pnl),
    posSide: o.posSide,
    px: o.px === undefined ? "" : formatDecimal(o.px),
    pxType: "",
    pxUsd: "",
    pxVol: "",
    quickMgnType: "",
    rebate: "0",
    rebateCcy: rebateCcy(o),
    reduceOnly: o.reduceOnly ? "true" : "false",
    side: o.side,
    slOrdPx: "",
    slTriggerPx: "",
    slTriggerPxType: "",
    source: "",
    state: o.state,
    stpId: "",
    stpMode: "cancel_maker",
    sz: formatDecimal(o.sz),
    tag: o.tag,
    tdMode: o.tdMode,
    tgtCcy: o.tgtCcy,
    tpOrdPx: "",
    tpTriggerPx: "",
    tpTriggerPxType: "",
    tradeId: o.tradeId,
    tradeQuoteCcy: o.inst.instType === "SPOT" ? o.inst.quoteCcy : "",
    uTime: String(o.uTime),
  };
}

export function orderSnapshot(o: Order): StandinOrder {
  return {
    apiKey: o.account.apiKey,
    demo: o.account.demo,
    ordId: o.ordId,
    clOrdId: o.clOrdId,
    tag: o.tag,
    instId: o.inst.instId,
    instType: o.inst.instType,
    side: o.side,
    ordType: o.ordType,
    tdMode: o.tdMode,
    posSide: o.posSide,
    sz: formatDecimal(o.sz),
    px: o.px === undefined ? "" : formatDecimal(o.px),
    tgtCcy: o.tgtCcy,
    reduceOnly: o.reduceOnly,
    state: o.state,
    accFillSz: formatDecimal(o.accFill),
    avgPx: avgPx(o),
    fillPx: o.fillPx === undefined ? "" : formatDecimal(o.fillPx),
    fillSz: formatDecimal(o.fillSz),
    lever: o.lever,
    pnl: formatDecimal(o.pnl),
    cTime: String(o.cTime),
    uTime: String(o.uTime),
  };
}
