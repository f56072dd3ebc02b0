/** Balances: `accounts` and `assets`. */
import { type Balance, Dec, type ParamsOf, type ResultOf, wireName } from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import { type Bridge, type Ctx, num } from "../bridge";

/** Every currency the exchange reported, free and frozen (ccxt's `used`). */
export function toBalances(b: ccxt.Balances): Balance[] {
  const out: Balance[] = [];
  const skip = new Set(["info", "free", "used", "total", "debt", "timestamp", "datetime"]);
  for (const [currency, value] of Object.entries(b)) {
    if (skip.has(currency) || !value || typeof value !== "object") continue;
    const acc = value as ccxt.BalanceAccount;
    const free = num(acc.free);
    const used = num(acc.used);
    // Where the exchange states no free amount, it is what is not in use; exactly (0.3 - 0.1 is 0.2).
    const derived = () => Dec.max(new Dec(num(acc.total)).minus(used), 0).toNumber();
    out.push({ currency, free: free || (acc.free === undefined ? derived() : 0), frozen: used });
  }
  return out.sort((x, y) => x.currency.localeCompare(y.currency));
}

async function balances(b: Bridge, ctx: Ctx, wire: string): Promise<Balance[]> {
  const ex = await b.privateExchange(ctx);
  b.require(ex, "fetchBalance", wire);
  // The mount's market type, always: some exchanges' ccxt code ignores `defaultType` (HashKey) and
  // would answer the spot wallet on a swap mount.
  const bal = await b.run(ctx, wire, () => ex.fetchBalance({ type: b.options.market }));
  ctx.setRaw(bal.info);
  return toBalances(bal);
}

export function getAccount(b: Bridge, ctx: Ctx, _p: ParamsOf<"getAccount">): Promise<ResultOf<"getAccount">> {
  return balances(b, ctx, wireName("getAccount"));
}

export function getAssets(b: Bridge, ctx: Ctx, _p: ParamsOf<"getAssets">): Promise<ResultOf<"getAssets">> {
  return balances(b, ctx, wireName("getAssets"));
}
