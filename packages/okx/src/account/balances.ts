import { type Balance, toNumber } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxBalance, OkxBalanceDetail } from "../okx-types";

/**
 * GET /api/v5/account/balance (reference §4.10), one entry per currency of the trading account. `free` is
 * `availBal` (what an order can use; `availEq` in margin modes that leave `availBal` empty); `frozen` is
 * `frozenBal`, falling back to `ordFrozen`. OKX omits currencies whose balance and equity are both 0.
 */
export async function getBalances(call: OkxCall): Promise<Balance[]> {
  const rows = await call.privateGet<OkxBalance>("/api/v5/account/balance", {});
  const out: Balance[] = [];
  for (const account of rows) for (const d of account.details ?? []) out.push(toBalance(d));
  return out;
}

function toBalance(d: OkxBalanceDetail): Balance {
  return {
    currency: d.ccy,
    free: toNumber(pick(d.availBal, d.availEq)),
    frozen: toNumber(pick(d.frozenBal, d.ordFrozen)),
  };
}

function pick(...values: (string | undefined)[]): string {
  for (const v of values) if (v !== undefined && v !== "") return v;
  return "0";
}
