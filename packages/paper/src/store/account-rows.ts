import { Dec, shownKey } from "@fmz-gateway/core";
import type { KeyHasher } from "./account-key";
import type { Db } from "./database";
import { type LedgerEntry, insertLedger, readLedger } from "./ledger-rows";
import type { BalanceRow, LedgerRow } from "./rows";

/**
 * Accounts, balances and the ledger of one paper mount (accounts are keyed by mount and a keyed hash
 * of the Access Key, never the key itself, so mounts may share a file and the file holds no key).
 * Methods are synchronous (better-sqlite3); callers group them in `tx` so each state change commits
 * as one transaction before its reply leaves.
 */
export class AccountRows {
  constructor(
    readonly db: Db,
    protected readonly mount: string,
    private readonly hashKey: KeyHasher,
  ) {}

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  findAccount(key: string): number | undefined {
    const row = this.db
      .prepare("SELECT id, label FROM accounts WHERE mount = ? AND key_hash = ?")
      .get(this.mount, this.hashKey(key)) as { id: number; label: string | null } | undefined;
    // Accounts made before labels were kept get theirs the first time their key is seen again.
    if (row && row.label === null) {
      this.db.prepare("UPDATE accounts SET label = ? WHERE id = ?").run(shownKey(key), row.id);
    }
    return row?.id;
  }

  createAccount(key: string, initial: Record<string, string>, now: number): number {
    const id = Number(
      this.db
        .prepare("INSERT INTO accounts (mount, key_hash, label, created_at) VALUES (?, ?, ?, ?)")
        .run(this.mount, this.hashKey(key), shownKey(key), now).lastInsertRowid,
    );
    this.fund(id, initial, "initial", now);
    return id;
  }

  /** How an account is shown in log lines and pages: its label, or its number where none is known yet. */
  label(account: number): string {
    const row = this.db.prepare("SELECT label FROM accounts WHERE id = ?").get(account) as
      { label: string | null } | undefined;
    return row?.label ?? `account #${account}`;
  }

  /** This mount's accounts, oldest first, each with its shown name (`key:` + 8 hex; null until seen again). */
  accounts(): Array<{ id: number; label: string | null; created_at: number }> {
    return this.db
      .prepare("SELECT id, label, created_at FROM accounts WHERE mount = ? ORDER BY id")
      .all(this.mount) as Array<{ id: number; label: string | null; created_at: number }>;
  }
  /** Credits amounts to free and records them in the ledger (initial balances, deposits). */
  fund(account: number, amounts: Record<string, string>, kind: "initial" | "deposit", now: number): void {
    for (const [currency, amount] of Object.entries(amounts)) {
      this.adjust(account, currency, new Dec(amount), new Dec(0));
      this.book({ account, currency, amount: new Dec(amount), kind, symbol: null, time: now });
    }
  }

  /** Records a change of a balance, after it was made (the row keeps the balance it left). */
  book(e: LedgerEntry): void {
    const b = this.balance(e.account, e.currency);
    insertLedger(this.db, e, b.free.plus(b.frozen));
  }

  /** An account's ledger, oldest first (see ledger-rows.ts). */
  ledgerRows(account: number, since: number, limit: number): LedgerRow[] {
    return readLedger(this.db, account, since, limit);
  }

  /**
   * Forgets an account's orders, fills, positions and leverage, and gives it `initial` again. The ledger
   * stays: a `reset` row per currency says by how much each balance moved to get there.
   */
  reset(account: number, initial: Record<string, string>, now: number): void {
    const before = new Map(this.balances(account).map((b) => [b.currency, new Dec(b.free).plus(b.frozen)]));
    for (const table of ["balances", "orders", "fills", "positions", "leverage"]) {
      this.db.prepare(`DELETE FROM ${table} WHERE account = ?`).run(account);
    }
    const currencies = new Set([...Object.keys(initial), ...before.keys()]);
    for (const currency of currencies) {
      const target = new Dec(Object.hasOwn(initial, currency) ? initial[currency] : 0);
      const was = before.get(currency) ?? new Dec(0);
      if (!Object.hasOwn(initial, currency) && was.isZero()) continue;
      this.adjust(account, currency, target, new Dec(0));
      this.book({ account, currency, amount: target.minus(was), kind: "reset", symbol: null, time: now });
    }
  }

  balances(account: number): BalanceRow[] {
    return this.db
      .prepare("SELECT currency, free, frozen FROM balances WHERE account = ? ORDER BY currency")
      .all(account) as BalanceRow[];
  }

  balance(account: number, currency: string): { free: Dec; frozen: Dec } {
    const row = this.db
      .prepare("SELECT free, frozen FROM balances WHERE account = ? AND currency = ?")
      .get(account, currency) as BalanceRow | undefined;
    return { free: new Dec(row?.free ?? 0), frozen: new Dec(row?.frozen ?? 0) };
  }

  /** Adds to free and frozen (negative to take away). */
  adjust(account: number, currency: string, dFree: Dec, dFrozen: Dec): void {
    if (dFree.isZero() && dFrozen.isZero()) return;
    const b = this.balance(account, currency);
    this.db
      .prepare(
        "INSERT INTO balances (account, currency, free, frozen) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (account, currency) DO UPDATE SET free = excluded.free, frozen = excluded.frozen",
      )
      .run(account, currency, b.free.plus(dFree).toFixed(), b.frozen.plus(dFrozen).toFixed());
  }
}
