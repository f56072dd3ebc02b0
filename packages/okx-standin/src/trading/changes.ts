// What the engine (and the few handlers that change an account outside it) tell the websocket's private
// side. Each public engine operation collects its changes and flushes them once it is done, synchronously,
// so every push leaves before the REST state can change again (as ticker pushes leave inside setTicker()).

import type { Account, Position } from "./account";
import type { Order } from "./order";

/** "T": the order took liquidity when placed; "M": it rested and was filled later. */
export type ExecType = "T" | "M";

/** The fill one order update reports (the orders channel's per-update fill fields). */
export interface FillInfo {
  px: bigint;
  sz: bigint;
  tradeId: string;
  time: number;
  execType: ExecType;
}

export interface OrderUpdate {
  /** A copy of the order as it was at this update (a later update of the same order does not alter it). */
  order: Order;
  fill: FillInfo | undefined;
}

/** Why an account changed; balance_and_position names it in its `eventType`. */
export type ChangeCause = "order" | "filled" | "transferred" | "set_leverage";

export interface AccountChange {
  account: Account;
  /** The change's time on the stand-in's clock (ms). */
  time: number;
  cause: ChangeCause;
  /** Every order update, in the order they happened; an order placed and filled at once has two. */
  orders: OrderUpdate[];
  /** Positions that changed, each once; a closed one has `pos` 0n and is no longer in the account. */
  positions: Position[];
  trades: { instId: string; tradeId: string }[];
}

export type ChangeListener = (change: AccountChange) => void;

export class ChangeFeed {
  private readonly listeners: ChangeListener[] = [];
  private readonly pending = new Map<Account, AccountChange>();
  /** Whether anyone wants an account's changes; copying orders for nobody would only cost time. */
  wanted: (acct: Account) => boolean = () => false;

  listen(fn: ChangeListener): void {
    this.listeners.push(fn);
  }

  private entry(acct: Account, time: number, cause: ChangeCause): AccountChange | undefined {
    if (!this.wanted(acct)) return undefined;
    let c = this.pending.get(acct);
    if (c === undefined) {
      c = { account: acct, time, cause, orders: [], positions: [], trades: [] };
      this.pending.set(acct, c);
    }
    c.time = time;
    // A fill outranks whatever else the same operation did.
    if (c.cause !== "filled") c.cause = cause;
    return c;
  }

  order(o: Order, time: number, fill?: FillInfo): void {
    const c = this.entry(o.account, time, fill === undefined ? "order" : "filled");
    if (c === undefined) return;
    c.orders.push({ order: { ...o }, fill });
    if (fill !== undefined) c.trades.push({ instId: o.inst.instId, tradeId: fill.tradeId });
  }

  position(acct: Account, p: Position, time: number, cause: ChangeCause): void {
    const c = this.entry(acct, time, cause);
    if (c === undefined) return;
    const i = c.positions.findIndex((q) => q === p);
    if (i >= 0) c.positions.splice(i, 1);
    c.positions.push(p);
  }

  /** A change made outside the engine (setBalance, set-leverage): recorded and flushed at once. */
  touch(acct: Account, time: number, cause: ChangeCause, positions: Position[] = []): void {
    if (this.entry(acct, time, cause) === undefined) return;
    for (const p of positions) this.position(acct, p, time, cause);
    this.flush();
  }

  /** Hands every collected change to the listeners; called at the end of each public operation. */
  flush(): void {
    if (this.pending.size === 0) return;
    const changes = [...this.pending.values()];
    this.pending.clear();
    for (const c of changes) for (const fn of this.listeners) fn(c);
  }
}
