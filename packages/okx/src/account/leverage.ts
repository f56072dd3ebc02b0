import { Dec, NotSupportedError, type ParamsOf, type ResultOf, wireName } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import { resolveInstrument } from "../market/futures";

/**
 * POST /api/v5/account/set-leverage (reference §4.12) in the mount's margin mode, for a swap or a dated
 * future. `lever` goes as a decimal string built from the strategy's number (never a JSON number). OKX
 * needs `posSide` only for isolated margin in long/short mode, where each side has its own leverage: FMZ's
 * SetMarginLevel means the instrument, so both sides are set (long first; if short then fails, OKX's
 * error says so and the call can simply be repeated).
 */
export async function setMarginLevel(
  call: OkxCall,
  p: ParamsOf<"setMarginLevel">,
): Promise<ResultOf<"setMarginLevel">> {
  const method = wireName("setMarginLevel");
  const { instId, instType } = await resolveInstrument(call, p.symbol, method);
  if (instType === "SPOT") {
    throw new NotSupportedError(method, `on spot (${p.symbol.text}): leverage is set on contracts`);
  }
  const lever = new Dec(String(p.marginLevel)).toFixed();
  const mgnMode = call.options.marginMode;
  const perSide = mgnMode === "isolated" && (await call.positionModes.get(call)) === "long_short_mode";
  for (const posSide of perSide ? ["long", "short"] : [undefined]) {
    await call.privatePost("/api/v5/account/set-leverage", {
      instId,
      lever,
      mgnMode,
      ...(posSide ? { posSide } : {}),
    });
  }
  return true;
}
