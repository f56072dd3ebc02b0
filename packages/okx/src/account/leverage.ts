import { Dec, NotSupportedError, type ParamsOf, type ResultOf } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import { resolveSymbol } from "../market/symbols";

/**
 * POST /api/v5/account/set-leverage (reference §4.12) in the mount's margin mode. `lever` goes as a
 * decimal string built from the strategy's number (never a JSON number). In net mode OKX needs no
 * `posSide`; a long/short-mode isolated account would need one per side, which FMZ cannot express.
 */
export async function setMarginLevel(
  call: OkxCall,
  p: ParamsOf<"setMarginLevel">,
): Promise<ResultOf<"setMarginLevel">> {
  const { instId, instType } = resolveSymbol(p.symbol, call.options.market, "marginlevel");
  if (instType !== "SWAP") {
    throw new NotSupportedError("marginlevel", `on spot (${p.symbol.text}): leverage is set on swaps`);
  }
  const lever = new Dec(String(p.marginLevel)).toFixed();
  await call.privatePost("/api/v5/account/set-leverage", {
    instId,
    lever,
    mgnMode: call.options.marginMode,
  });
  return true;
}
