import { Dec, type PrivateTraits } from "@fmz-gateway/core";
import type { OkxBalanceDetail, OkxOrder, OkxPosition } from "../okx-types";

/** What an OKX private stream holds: the rows of OKX's own REST answers and pushes, untranslated. */
export interface OkxPrivateRecords {
  orders: OkxOrder;
  balances: OkxBalanceDetail;
  positions: OkxPosition;
}

/** OKX's decimal strings compared by value: `"1.50"` is `"1.5"`, and `""` (nothing yet) is 0. */
function num(text: string | undefined): string {
  if (text === undefined || text === "") return "0";
  try {
    return new Dec(text).toFixed();
  } catch {
    return text;
  }
}

function ms(text: string | undefined): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

const FINISHED = new Set(["filled", "canceled", "mmp_canceled"]);

/** `free` and `frozen` as `getBalances` reads them (account/balances.ts): what reconciliation compares. */
export function balanceFields(d: OkxBalanceDetail): { free: string; frozen: string } {
  const pick = (...v: (string | undefined)[]) => v.find((x) => x !== undefined && x !== "") ?? "0";
  return { free: pick(d.availBal, d.availEq), frozen: pick(d.frozenBal, d.ordFrozen) };
}

/**
 * How the core facility reads OKX's rows. Fingerprints hold what the FMZ answers are built from, minus
 * what moves with the market alone (a position's `upl`, a cross position's `imr`): OKX pushes those only
 * every few seconds, so comparing them would report differences no push ever missed.
 */
export const OKX_PRIVATE_TRAITS: PrivateTraits<OkxPrivateRecords> = {
  orders: {
    key: (o) => o.ordId,
    time: (o) => ms(o.uTime),
    closed: (o) => FINISHED.has(o.state),
    filled: (o) => num(o.accFillSz) !== "0",
    fingerprint: (o) =>
      `${o.state} filled ${num(o.accFillSz)} at ${num(o.avgPx)} of ${num(o.sz)} px ${num(o.px)}`,
  },
  balances: {
    key: (b) => b.ccy,
    time: (b) => ms(b.uTime),
    closed: (b) => [b.availBal, b.frozenBal, b.ordFrozen, b.cashBal, b.eq].every((v) => num(v) === "0"),
    fingerprint: (b) => {
      const f = balanceFields(b);
      return `free ${num(f.free)} frozen ${num(f.frozen)}`;
    },
  },
  positions: {
    key: (p) => `${p.instId}|${p.mgnMode ?? ""}|${p.posSide ?? "net"}`,
    time: (p) => ms(p.uTime),
    closed: (p) => num(p.pos) === "0",
    fingerprint: (p) =>
      `${p.posSide ?? "net"} ${num(p.pos)} (closable ${num(p.availPos)}) at ${num(p.avgPx)} ${p.mgnMode ?? ""} ` +
      `${num(p.lever)}x${p.mgnMode === "isolated" ? ` margin ${num(p.margin)}` : ""}`,
  },
};
