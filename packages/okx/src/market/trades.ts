import {
  type ParamsOf,
  type ResultOf,
  type Trade,
  streamOrRest,
  toNumber,
  wireName,
} from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxTrade } from "../okx-types";
import { CHANNELS, TRADES_KEPT, marketScope } from "../streams/okx-streams";
import { resolveInstrument } from "./futures";

/** GET /api/v5/market/trades: OKX's latest 100 public trades (reference §4.5), oldest first. */
export async function getTrades(call: OkxCall, p: ParamsOf<"getTrades">): Promise<ResultOf<"getTrades">> {
  const { instId } = await resolveInstrument(call, p.symbol, wireName("getTrades"));
  const rest = async () =>
    toTrades(await call.publicGet<OkxTrade>("/api/v5/market/trades", { instId, limit: String(TRADES_KEPT) }));
  return streamOrRest(call.streams?.cache, {
    ctx: call.ctx,
    method: "getTrades",
    channel: CHANNELS.trades,
    key: instId,
    scope: marketScope(call),
    answer: toTrades,
    rest,
  });
}

/** OKX's rows (newest first, from REST or the `trades` stream) → FMZ trades, oldest first. */
function toTrades(rows: readonly OkxTrade[]): Trade[] {
  // OKX lists newest first; reversed before the (stable) sort so trades within one millisecond keep order.
  return [...rows]
    .reverse()
    .map((t): Trade => ({
      id: t.tradeId,
      time: toNumber(t.ts),
      price: toNumber(t.px),
      amount: toNumber(t.sz),
      type: t.side === "sell" ? "sell" : "buy",
    }))
    .sort((a, b) => a.time - b.time);
}
