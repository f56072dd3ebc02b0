import {
  type Funding,
  NotSupportedError,
  type ParamsOf,
  type ResultOf,
  toNumber,
  wireName,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxFundingRate } from "../okx-types";
import { fmzSymbolOf, resolveTarget } from "./symbols";

/** OKX's usual funding interval, for the rare reply that lacks one of the two times. */
export const DEFAULT_FUNDING_INTERVAL_MS = 8 * 3_600_000;

/**
 * GET /api/v5/public/funding-rate (reference §4.9) for one swap, or with `instId=ANY` for a range
 * (`USDT.swap`), filtered to that settlement currency. `time` is the next settlement (`fundingTime`);
 * the interval is `nextFundingTime - fundingTime`, as OKX tells users to derive it.
 */
export async function getFundings(
  call: OkxCall,
  p: ParamsOf<"getFundings">,
): Promise<ResultOf<"getFundings">> {
  const method = wireName("getFundings");
  const target = resolveTarget(p.symbol, call.options.market, method);
  if (target.kind === "instrument" && target.inst.instType !== "SWAP") {
    throw new NotSupportedError(method, `on spot (${p.symbol.text}): funding rates exist for swaps`);
  }
  const instId = target.kind === "instrument" ? target.inst.instId : "ANY";
  const rows = await call.publicGet<OkxFundingRate>("/api/v5/public/funding-rate", { instId }, instId);
  return rows
    .filter((r) => (target.kind === "instrument" ? r.instId === instId : target.filter.matches(r.instId)))
    .map((r) => toFunding(r, target.kind === "instrument" ? target.text : fmzSymbolOf(r.instId)));
}

function toFunding(r: OkxFundingRate, symbol: string): Funding {
  const time = toNumber(r.fundingTime);
  const next = toNumber(r.nextFundingTime);
  return {
    symbol,
    rate: toNumber(r.fundingRate),
    interval: time > 0 && next > time ? next - time : DEFAULT_FUNDING_INTERVAL_MS,
    time,
  };
}
