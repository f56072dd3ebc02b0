import {
  Dec,
  NotSupportedError,
  type ParamsOf,
  type Position,
  type ResultOf,
  toNumber,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxPosition } from "../okx-types";
import { fmzSymbolOf, resolveTarget } from "../market/symbols";

/**
 * GET /api/v5/account/positions (reference §4.11) for one swap or every swap of a range, `[]` when flat.
 * FMZ wants one entry per side: `amount` in contracts (always positive), `type` 0 long / 1 short. In OKX's
 * net mode the side is the sign of `pos`; in long/short mode it is `posSide`.
 */
export async function getPositions(
  call: OkxCall,
  p: ParamsOf<"getPositions">,
): Promise<ResultOf<"getPositions">> {
  const target = resolveTarget(p.symbol, call.options.market, "positions");
  if (target.kind === "instrument" && target.inst.instType !== "SWAP") {
    throw new NotSupportedError("positions", `on spot (${p.symbol.text}): positions exist for swaps`);
  }
  const query =
    target.kind === "instrument"
      ? { instType: "SWAP", instId: target.inst.instId }
      : { instType: target.filter.instType };
  const rows = await call.privateGet<OkxPosition>("/api/v5/account/positions", query);
  const out: Position[] = [];
  for (const row of rows) {
    const matches =
      target.kind === "instrument" ? row.instId === target.inst.instId : target.filter.matches(row.instId);
    if (!matches) continue;
    const pos = new Dec(row.pos || "0");
    if (pos.isZero()) continue;
    out.push(toPosition(row, pos, target.kind === "instrument" ? target.text : fmzSymbolOf(row.instId)));
  }
  return out;
}

function toPosition(row: OkxPosition, pos: Dec, symbol: string): Position {
  const short = row.posSide === "short" || (row.posSide !== "long" && pos.isNegative());
  const amount = pos.abs();
  // availPos is what can still be closed; the rest is held by pending close orders.
  const avail = row.availPos ? new Dec(row.availPos).abs() : amount;
  const frozen = Dec.max(amount.minus(avail), 0);
  return {
    symbol,
    margin_level: toNumber(row.lever),
    amount: toNumber(amount.toFixed()),
    frozen_amount: toNumber(frozen.toFixed()),
    price: toNumber(row.avgPx),
    profit: toNumber(row.upl),
    type: short ? 1 : 0,
    contract_type: "swap",
    // Isolated positions carry `margin`; cross ones only their initial margin requirement `imr`.
    margin: toNumber(row.margin || row.imr),
  };
}
