// The private channels' data frames (reference okx-ws.md §11.3). Rows reuse the REST builders (orderWire,
// balanceRow, positionWire) so a push and the REST answer at the same moment agree to the digit.

import { formatDecimal, mul } from "../../decimal";
import type { StandinState } from "../../state";
import type { Position } from "../../trading/account";
import { positionWire } from "../../trading/account-handlers";
import type { FillInfo, OrderUpdate } from "../../trading/changes";
import { orderWire, type Order } from "../../trading/order";

/** The fill's value in USD: spot and linear contracts by their quote currency's USD price, inverse by face. */
function notionalUsd(st: StandinState, o: Order, f: FillInfo): string {
  const inst = o.inst;
  if (inst.ctType === "inverse") return formatDecimal(mul(f.sz, inst.ctValU));
  const base = inst.instType === "SPOT" ? f.sz : mul(f.sz, inst.ctValU);
  return formatDecimal(mul(mul(base, f.px), st.market.usdPrice(inst.quoteCcy)));
}

/**
 * An `orders` row: the REST order object, with the fields that describe this update only (fillPx, fillSz,
 * tradeId, fillTime, execType…) blank unless the update is a fill.
 */
export function orderRow(st: StandinState, u: OrderUpdate): Record<string, unknown> {
  const o = u.order;
  const f = u.fill;
  const row = orderWire(o);
  return {
    ...row,
    fillPx: f === undefined ? "" : formatDecimal(f.px),
    fillSz: f === undefined ? "0" : formatDecimal(f.sz),
    tradeId: f === undefined ? "" : f.tradeId,
    fillTime: f === undefined ? "" : String(f.time),
    fillFee: "0",
    fillFeeCcy: row.feeCcy,
    execType: f === undefined ? "" : f.execType,
    fillNotionalUsd: f === undefined ? "" : notionalUsd(st, o, f),
    msg: "",
    code: "0",
    amendResult: "",
    reqId: "",
    cancelSource: o.cancelSource,
  };
}

export function dataFrame(argJson: string, rows: unknown[]): string {
  return `{"arg":${argJson},"data":${JSON.stringify(rows)}}`;
}

/** account / positions: `eventType` on top; only snapshots carry curPage and lastPage (§11.3). */
export function eventFrame(argJson: string, snapshot: boolean, rows: unknown[]): string {
  const head = snapshot ? `"eventType":"snapshot","curPage":1,"lastPage":true` : `"eventType":"event_update"`;
  return `{"arg":${argJson},${head},"data":${JSON.stringify(rows)}}`;
}

/** A balance_and_position `posData` row. */
export function bpPosition(st: StandinState, p: Position): Record<string, unknown> {
  const w = positionWire(st, p);
  return {
    posId: w.posId,
    tradeId: w.tradeId,
    instId: w.instId,
    instType: w.instType,
    mgnMode: w.mgnMode,
    posSide: w.posSide,
    pos: w.pos,
    ccy: w.ccy,
    posCcy: w.posCcy,
    avgPx: w.avgPx,
    uTime: w.uTime,
  };
}
