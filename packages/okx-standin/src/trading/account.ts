// One account per API key: balances, positions (net or long/short mode), leverage and the orders it owns.
// Amounts are BigInts scaled by 10^18 (see decimal.ts).

import { parseDecimal } from "../decimal";
import type { Instrument } from "../instruments";
import type { PosMode } from "../types";
import type { Order } from "./order";

export interface Balance {
  /** cashBal: what the account owns, before anything is frozen. */
  cash: bigint;
  /** ordFrozen: held by resting orders (quote or base for spot, margin for swaps). */
  ordFrozen: bigint;
}

export type MarginMode = "cross" | "isolated";
/** `net` in net mode; `long` / `short` in long/short mode (one position per side). */
export type PosSide = "net" | "long" | "short";

/**
 * A position in contracts: `pos` > 0 is long, < 0 short. In long/short mode a `short` position holds a
 * negative `pos` here too (the PnL maths needs the sign); the wire shows it positive, as OKX does.
 */
export interface Position {
  inst: Instrument;
  mgnMode: MarginMode;
  posSide: PosSide;
  posId: string;
  pos: bigint;
  avgPx: bigint;
  /** Initial margin held for the position, in the settlement currency. */
  margin: bigint;
  lever: bigint;
  realizedPnl: bigint;
  tradeId: string;
  cTime: number;
  uTime: number;
}

export const DEFAULT_LEVER = 10n * 10n ** 18n;

// Completed orders are kept for the history endpoints; past this many per account the oldest completed ones
// are dropped, so a long benchmark does not grow memory without bound.
const MAX_ORDERS_PER_ACCOUNT = 200_000;

export class Account {
  readonly balances = new Map<string, Balance>();
  readonly positions = new Map<string, Position>();
  readonly leverage = new Map<string, bigint>();
  /** Every order, oldest first. */
  orders: Order[] = [];
  readonly byOrdId = new Map<string, Order>();
  /** The latest order carrying each clOrdId (OKX looks clOrdIds up that way). */
  readonly byClOrdId = new Map<string, Order>();
  /** clOrdIds of live orders, which must be unique (51016). */
  readonly liveClOrdIds = new Map<string, Order>();
  uTime: number;

  constructor(
    readonly apiKey: string,
    readonly demo: boolean,
    readonly uid: string,
    initialBalances: Readonly<Record<string, string>>,
    now: number,
    public posMode: PosMode = "net_mode",
  ) {
    this.uTime = now;
    for (const [ccy, amount] of Object.entries(initialBalances)) {
      this.balances.set(ccy, { cash: parseDecimal(amount) ?? 0n, ordFrozen: 0n });
    }
  }

  bal(ccy: string): Balance {
    let b = this.balances.get(ccy);
    if (b === undefined) {
      b = { cash: 0n, ordFrozen: 0n };
      this.balances.set(ccy, b);
    }
    return b;
  }

  /** Margin held by open positions settled in ccy. */
  positionMargin(ccy: string): bigint {
    let sum = 0n;
    for (const p of this.positions.values()) if (p.inst.settleCcy === ccy) sum += p.margin;
    return sum;
  }

  /** availBal = cashBal − frozen by orders − position margin. */
  available(ccy: string): bigint {
    const b = this.balances.get(ccy);
    if (b === undefined) return 0n;
    return b.cash - b.ordFrozen - this.positionMargin(ccy);
  }

  /** Leverage per instrument and margin mode; isolated long/short positions may have one per side. */
  lever(instId: string, mgnMode: MarginMode, posSide: PosSide = "net"): bigint {
    return (
      this.leverage.get(instId + "|" + mgnMode + "|" + posSide) ??
      this.leverage.get(instId + "|" + mgnMode) ??
      DEFAULT_LEVER
    );
  }

  position(instId: string, mgnMode: MarginMode, posSide: PosSide = "net"): Position | undefined {
    return this.positions.get(positionKey(instId, mgnMode, posSide));
  }

  /** Whether any contract position or live contract order exists (set-position-mode refuses then). */
  hasContractExposure(): boolean {
    if (this.positions.size > 0) return true;
    return this.orders.some(
      (o) => o.inst.instType !== "SPOT" && (o.state === "live" || o.state === "partially_filled"),
    );
  }

  addOrder(o: Order): void {
    this.orders.push(o);
    this.byOrdId.set(o.ordId, o);
    if (o.clOrdId !== "") this.byClOrdId.set(o.clOrdId, o);
    if (this.orders.length > MAX_ORDERS_PER_ACCOUNT) this.prune();
  }

  private prune(): void {
    const dropTarget = Math.floor(MAX_ORDERS_PER_ACCOUNT / 5);
    let dropped = 0;
    this.orders = this.orders.filter((o) => {
      if (dropped >= dropTarget || o.state === "live" || o.state === "partially_filled") return true;
      dropped++;
      this.byOrdId.delete(o.ordId);
      if (o.clOrdId !== "" && this.byClOrdId.get(o.clOrdId) === o) this.byClOrdId.delete(o.clOrdId);
      return false;
    });
  }
}

export function positionKey(instId: string, mgnMode: MarginMode, posSide: PosSide): string {
  return instId + "|" + mgnMode + "|" + posSide;
}
