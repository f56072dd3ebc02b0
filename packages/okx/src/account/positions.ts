import {
  Dec,
  NotSupportedError,
  type ParamsOf,
  type Position,
  privateOrRest,
  type ResultOf,
  toNumber,
  wireName,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxPosition } from "../okx-types";
import { contractTypeFor, resolveTargetAsync, symbolOf } from "../market/futures";
import type { Target } from "../market/symbols";
import { inTarget } from "../trading/orders";

/**
 * GET /api/v5/account/positions (reference §4.11) for one contract (swap or dated future) or every
 * contract of a range (`USDT.swap`, `USD.futures`), `[]` when flat. FMZ wants one entry per side: `amount`
 * in contracts (always positive), `type` 0 long / 1 short. In OKX's net mode the side is the sign of
 * `pos`; in long/short mode each side is its own row, told apart by `posSide`, and is reported as its own
 * position. `margin` and `profit` are in the settlement currency: USDT, or the coin on coin-margined
 * (inverse) contracts.
 */
export async function getPositions(
  call: OkxCall,
  p: ParamsOf<"getPositions">,
): Promise<ResultOf<"getPositions">> {
  const method = wireName("getPositions");
  const target = await resolveTargetAsync(call, p.symbol, method);
  if (target.kind === "instrument" && target.inst.instType === "SPOT") {
    throw new NotSupportedError(method, `on spot (${p.symbol.text}): positions exist for contracts`);
  }
  return privateOrRest(call.privateSession(), {
    ctx: call.ctx,
    method: "getPositions",
    kind: "positions",
    answer: (s) => positionsOf(call, target, s.positions.values()),
    rest: async () => {
      const query =
        target.kind === "instrument"
          ? { instType: target.inst.instType, instId: target.inst.instId }
          : { instType: target.filter.instType };
      const rows = await call.privateGet<OkxPosition>("/api/v5/account/positions", query);
      return positionsOf(call, target, rows);
    },
  });
}

/** The target's open positions among `rows` (a REST answer, or what the private stream holds). */
function positionsOf(call: OkxCall, target: Target, rows: readonly OkxPosition[]): Position[] {
  const out: Position[] = [];
  for (const row of rows) {
    if (!inTarget(row.instId, target)) continue;
    const pos = new Dec(row.pos || "0");
    if (pos.isZero()) continue;
    const symbol = target.kind === "instrument" ? target.text : symbolOf(call, row.instId);
    out.push(toPosition(row, pos, symbol, contractTypeFor(call, row.instId)));
  }
  return out;
}

function toPosition(row: OkxPosition, pos: Dec, symbol: string, contractType: string): Position {
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
    contract_type: contractType,
    // Isolated positions carry `margin`; cross ones only their initial margin requirement `imr`.
    margin: toNumber(row.margin || row.imr),
  };
}
