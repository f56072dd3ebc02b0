import { type Balance, privateOrRest, toNumber } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxBalance, OkxBalanceDetail } from "../okx-types";
import { balanceFields } from "../private/okx-records";

/**
 * GET /api/v5/account/balance (reference §4.10), one entry per currency of the trading account. `free` is
 * `availBal` (what an order can use; `availEq` in margin modes that leave `availBal` empty); `frozen` is
 * `frozenBal`, falling back to `ordFrozen`. OKX omits currencies whose balance and equity are both 0.
 */
export function getBalances(call: OkxCall, method: "getAccount" | "getAssets"): Promise<Balance[]> {
  return privateOrRest(call.privateSession(), {
    ctx: call.ctx,
    method,
    kind: "balances",
    // Held in the order of the REST snapshot (new currencies after), as a REST answer lists them.
    answer: (s) => s.balances.values().map(toBalance),
    rest: () => restBalances(call),
  });
}

async function restBalances(call: OkxCall): Promise<Balance[]> {
  const rows = await call.privateGet<OkxBalance>("/api/v5/account/balance", {});
  const out: Balance[] = [];
  for (const account of rows) for (const d of account.details ?? []) out.push(toBalance(d));
  return out;
}

function toBalance(d: OkxBalanceDetail): Balance {
  const { free, frozen } = balanceFields(d);
  return { currency: d.ccy, free: toNumber(free), frozen: toNumber(frozen) };
}
