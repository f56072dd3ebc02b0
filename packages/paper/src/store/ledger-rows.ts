import { Dec } from "@fmz-gateway/core";
import type Database from "better-sqlite3";
import type { LedgerKind, LedgerRow } from "./rows";

/**
 * The ledger: one row for every change of an account's balance of one currency (free + frozen), with
 * the balance after it. Money from outside (initial balances, deposits, resets), every fill (its trade,
 * realised profit and fee as one change), funding and liquidations. Moving money between free and
 * frozen (an order's reserve, a position's margin) changes no balance and makes no row. So for every
 * account and currency, the changes add up to the balance, and each row's `balance` is the sum so far.
 */
export interface LedgerEntry {
  account: number;
  currency: string;
  /** The change of the balance, fees included. */
  amount: Dec;
  kind: LedgerKind;
  symbol: string | null;
  time: number;
  size?: Dec;
  price?: Dec;
  fee?: Dec;
  pnl?: Dec;
  orderId?: number | null;
}

export function insertLedger(db: Database.Database, e: LedgerEntry, balance: Dec): void {
  db.prepare(
    "INSERT INTO ledger (account, currency, amount, kind, symbol, time, balance, size, price, fee, pnl, order_id) " +
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(
    e.account,
    e.currency,
    e.amount.toFixed(),
    e.kind,
    e.symbol,
    e.time,
    balance.toFixed(),
    e.size?.toFixed() ?? null,
    e.price?.toFixed() ?? null,
    e.fee?.toFixed() ?? null,
    e.pnl?.toFixed() ?? null,
    e.orderId ?? null,
  );
}

/** At most this many rows per `/paper/ledger` answer. */
export const MAX_LEDGER_ROWS = 1_000;

/** An account's ledger, oldest first: rows at or after `since` (ms), at most `limit`. */
export function readLedger(
  db: Database.Database,
  account: number,
  since: number,
  limit: number,
): LedgerRow[] {
  return db
    .prepare("SELECT * FROM ledger WHERE account = ? AND time >= ? ORDER BY id LIMIT ?")
    .all(account, since, Math.min(limit, MAX_LEDGER_ROWS)) as LedgerRow[];
}

/**
 * A database from before the ledger kept fills: its rows get their running balance, and where the
 * balance differs from what they add up to (the fills and fees it did not record), one `carried` row
 * per account and currency makes up the difference, so the ledger adds up from then on.
 */
export function carryOldLedger(db: Database.Database): void {
  const rows = db.prepare("SELECT id, account, currency, amount FROM ledger ORDER BY id").all() as Array<{
    id: number;
    account: number;
    currency: string;
    amount: string;
  }>;
  const sums = new Map<string, Dec>();
  const setBalance = db.prepare("UPDATE ledger SET balance = ? WHERE id = ?");
  for (const r of rows) {
    const key = `${r.account}\u0000${r.currency}`;
    const sum = (sums.get(key) ?? new Dec(0)).plus(r.amount);
    sums.set(key, sum);
    setBalance.run(sum.toFixed(), r.id);
  }
  const balances = db.prepare("SELECT account, currency, free, frozen FROM balances").all() as Array<{
    account: number;
    currency: string;
    free: string;
    frozen: string;
  }>;
  const now = Date.now();
  for (const b of balances) {
    const total = new Dec(b.free).plus(b.frozen);
    const difference = total.minus(sums.get(`${b.account}\u0000${b.currency}`) ?? 0);
    if (difference.isZero()) continue;
    insertLedger(
      db,
      {
        account: b.account,
        currency: b.currency,
        amount: difference,
        kind: "carried",
        symbol: null,
        time: now,
      },
      total,
    );
  }
}
