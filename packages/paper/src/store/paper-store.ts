import { Dec } from "@fmz-gateway/core";
import type { Db } from "./database";
import type { BalanceRow, FillRow, OrderRow, PositionRow } from "./rows";

const OPEN = "status IN ('submitted', 'partial-filled')";

/**
 * The rows of one paper mount (accounts are keyed by mount and Access Key, so mounts may share a file).
 * Methods are synchronous (better-sqlite3); callers group them in `tx` so each state change commits
 * as one transaction before its reply leaves.
 */
export class PaperStore {
  constructor(
    readonly db: Db,
    private readonly mount: string,
  ) {}

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  findAccount(key: string): number | undefined {
    const row = this.db.prepare("SELECT id FROM accounts WHERE mount = ? AND key = ?").get(this.mount, key) as
      | { id: number }
      | undefined;
    return row?.id;
  }

  createAccount(key: string, initial: Record<string, string>, now: number): number {
    const id = Number(
      this.db.prepare("INSERT INTO accounts (mount, key, created_at) VALUES (?, ?, ?)").run(this.mount, key, now)
        .lastInsertRowid,
    );
    this.fund(id, initial, "initial", now);
    return id;
  }

  /** Credits amounts to free and records them in the ledger (initial balances, deposits). */
  fund(account: number, amounts: Record<string, string>, kind: string, now: number): void {
    for (const [currency, amount] of Object.entries(amounts)) {
      this.adjust(account, currency, new Dec(amount), new Dec(0));
      this.ledger(account, currency, new Dec(amount), kind, null, now);
    }
  }

  ledger(account: number, currency: string, amount: Dec, kind: string, symbol: string | null, now: number): void {
    this.db
      .prepare("INSERT INTO ledger (account, currency, amount, kind, symbol, time) VALUES (?, ?, ?, ?, ?, ?)")
      .run(account, currency, amount.toFixed(), kind, symbol, now);
  }

  /** Forgets an account's orders, fills, positions and ledger, and gives it `initial` again. */
  reset(account: number, initial: Record<string, string>, now: number): void {
    for (const table of ["balances", "ledger", "orders", "fills", "positions", "leverage"]) {
      this.db.prepare(`DELETE FROM ${table} WHERE account = ?`).run(account);
    }
    this.fund(account, initial, "initial", now);
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

  insertOrder(o: Omit<OrderRow, "id">): number {
    return Number(
      this.db
        .prepare(
          "INSERT INTO orders (account, symbol, side, kind, price, amount, deal, quote, status, frozen, frozen_ccy, offset, created_at, updated_at, book_mark, trade_mark) " +
            "VALUES (@account, @symbol, @side, @kind, @price, @amount, @deal, @quote, @status, @frozen, @frozen_ccy, @offset, @created_at, @updated_at, @book_mark, @trade_mark)",
        )
        .run(o).lastInsertRowid,
    );
  }

  updateOrder(o: OrderRow): void {
    this.db
      .prepare(
        "UPDATE orders SET price = @price, deal = @deal, quote = @quote, status = @status, frozen = @frozen, " +
          "updated_at = @updated_at, book_mark = @book_mark, trade_mark = @trade_mark WHERE id = @id",
      )
      .run(o);
  }

  order(account: number, id: number): OrderRow | undefined {
    return this.db.prepare("SELECT * FROM orders WHERE account = ? AND id = ?").get(account, id) as
      | OrderRow
      | undefined;
  }

  openOrders(account: number): OrderRow[] {
    return this.db.prepare(`SELECT * FROM orders WHERE account = ? AND ${OPEN} ORDER BY id`).all(account) as OrderRow[];
  }

  /** Every open order of this mount on one instrument, oldest first (the matching order). */
  openOrdersOn(symbol: string): OrderRow[] {
    return this.db
      .prepare(
        `SELECT o.* FROM orders o JOIN accounts a ON a.id = o.account WHERE a.mount = ? AND o.symbol = ? AND ${OPEN} ORDER BY o.id`,
      )
      .all(this.mount, symbol) as OrderRow[];
  }

  finishedOrders(account: number, since: number, limit: number): OrderRow[] {
    return this.db
      .prepare(
        `SELECT * FROM orders WHERE account = ? AND NOT ${OPEN} AND created_at >= ? ORDER BY id DESC LIMIT ?`,
      )
      .all(account, since, limit) as OrderRow[];
  }

  /** Instruments this mount must watch: with an order resting or a position open. */
  watchedSymbols(): string[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT o.symbol FROM orders o JOIN accounts a ON a.id = o.account WHERE a.mount = ? AND ${OPEN} ` +
          "UNION SELECT DISTINCT p.symbol FROM positions p JOIN accounts a ON a.id = p.account WHERE a.mount = ?",
      )
      .all(this.mount, this.mount) as Array<{ symbol: string }>;
    return rows.map((r) => r.symbol);
  }

  insertFill(f: FillRow): void {
    this.db
      .prepare(
        "INSERT INTO fills (order_id, account, symbol, side, price, amount, fee, fee_ccy, pnl, liquidity, time) " +
          "VALUES (@order_id, @account, @symbol, @side, @price, @amount, @fee, @fee_ccy, @pnl, @liquidity, @time)",
      )
      .run(f);
  }

  position(account: number, symbol: string): PositionRow | undefined {
    return this.db.prepare("SELECT * FROM positions WHERE account = ? AND symbol = ?").get(account, symbol) as
      | PositionRow
      | undefined;
  }

  positions(account: number): PositionRow[] {
    return this.db.prepare("SELECT * FROM positions WHERE account = ? ORDER BY symbol").all(account) as PositionRow[];
  }

  positionsOn(symbol: string): PositionRow[] {
    return this.db
      .prepare("SELECT p.* FROM positions p JOIN accounts a ON a.id = p.account WHERE a.mount = ? AND p.symbol = ?")
      .all(this.mount, symbol) as PositionRow[];
  }

  /** Writes a position, or removes it when flat. */
  putPosition(p: PositionRow): void {
    if (new Dec(p.qty).isZero()) {
      this.db.prepare("DELETE FROM positions WHERE account = ? AND symbol = ?").run(p.account, p.symbol);
      return;
    }
    this.db
      .prepare(
        "INSERT INTO positions (account, symbol, qty, entry, margin, funding_time, funding_rate) VALUES (@account, @symbol, @qty, @entry, @margin, @funding_time, @funding_rate) " +
          "ON CONFLICT (account, symbol) DO UPDATE SET qty = excluded.qty, entry = excluded.entry, margin = excluded.margin, funding_time = excluded.funding_time, funding_rate = excluded.funding_rate",
      )
      .run(p);
  }

  leverage(account: number, symbol: string): number | undefined {
    const row = this.db.prepare("SELECT level FROM leverage WHERE account = ? AND symbol = ?").get(account, symbol) as
      | { level: number }
      | undefined;
    return row?.level;
  }

  setLeverage(account: number, symbol: string, level: number): void {
    this.db
      .prepare(
        "INSERT INTO leverage (account, symbol, level) VALUES (?, ?, ?) ON CONFLICT (account, symbol) DO UPDATE SET level = excluded.level",
      )
      .run(account, symbol, level);
  }
}
