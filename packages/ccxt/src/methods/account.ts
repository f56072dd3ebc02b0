/** Balances: `accounts` and `assets`. */
import { type Balance, Dec, type ParamsOf, type ResultOf, privateOrRest, wireName } from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import { type Bridge, type Ctx, num } from "../bridge";
import { type BalanceFields, type CcxtBalanceRecord, balanceRecords } from "../private/ccxt-records";

/** One currency, free and frozen (ccxt's `used`). */
export function toBalance(currency: string, acc: BalanceFields): Balance {
  const free = num(acc.free);
  const used = num(acc.used);
  // Where the exchange states no free amount, it is what is not in use; exactly (0.3 - 0.1 is 0.2).
  const derived = () => Dec.max(new Dec(num(acc.total)).minus(used), 0).toNumber();
  return { currency, free: free || (acc.free === undefined ? derived() : 0), frozen: used };
}

/** The currencies' balances in the order both paths answer them: by currency code. */
function toBalanceList(records: readonly CcxtBalanceRecord[]): Balance[] {
  return records.map((r) => toBalance(r.currency, r)).sort((x, y) => x.currency.localeCompare(y.currency));
}

/** Every currency the exchange reported, free and frozen (ccxt's `used`). */
export function toBalances(b: ccxt.Balances): Balance[] {
  return toBalanceList(balanceRecords(b));
}

/**
 * From the account's private stream when it is live and shows every write through the gateway, else by
 * `fetchBalance`: the same mapping either way.
 */
function balances(b: Bridge, ctx: Ctx, method: "getAccount" | "getAssets"): Promise<Balance[]> {
  const wire = wireName(method);
  return privateOrRest(b.privateAccount(ctx)?.session, {
    ctx,
    method,
    kind: "balances",
    answer: (s) => toBalanceList(s.balances.values()),
    rest: async () => {
      const ex = await b.privateExchange(ctx);
      b.require(ex, "fetchBalance", wire);
      // The mount's market type, always: some exchanges' ccxt code ignores `defaultType` (HashKey) and
      // would answer the spot wallet on a swap mount.
      const bal = await b.run(ctx, wire, () => ex.fetchBalance({ type: b.options.market }));
      ctx.setRaw(bal.info);
      return toBalances(bal);
    },
  });
}

export function getAccount(b: Bridge, ctx: Ctx, _p: ParamsOf<"getAccount">): Promise<ResultOf<"getAccount">> {
  return balances(b, ctx, "getAccount");
}

export function getAssets(b: Bridge, ctx: Ctx, _p: ParamsOf<"getAssets">): Promise<ResultOf<"getAssets">> {
  return balances(b, ctx, "getAssets");
}
