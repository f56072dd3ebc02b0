import { Dec } from "@fmz-gateway/core";
import type { Statement } from "better-sqlite3";
import { AccountRows } from "./account-rows";
import type { FillRow, OrderRow, PositionRow, PositionSide } from "./rows";

/** The condition on `orders` that an order is still open (it may fill). */
export const OPEN = "status IN ('submitted', 'partial-filled')";

/**
 * The rows of one paper mount: its accounts and balances (`AccountRows`), and its orders, fills,
 * positions and leverage settings. Every query is scoped to the mount.
 */
export class PaperStore extends AccountRows {
  insertOrder(o: Omit<OrderRow, "id">): number {
    this.watched = undefined;
    return Number(
      this.db
        .prepare(
          "INSERT INTO orders (account, symbol, side, kind, price, amount, deal, quote, status, frozen, frozen_ccy, offset, created_at, updated_at, book_mark, trade_mark, pos_side, liquidation) " +
            "VALUES (@account, @symbol, @side, @kind, @price, @amount, @deal, @quote, @status, @frozen, @frozen_ccy, @offset, @created_at, @updated_at, @book_mark, @trade_mark, @pos_side, @liquidation)",
        )
        .run(o).lastInsertRowid,
    );
  }

  updateOrder(o: OrderRow): void {
    this.watched = undefined;
    this.db
      .prepare(
        "UPDATE orders SET price = @price, deal = @deal, quote = @quote, status = @status, frozen = @frozen, " +
          "offset = @offset, updated_at = @updated_at, book_mark = @book_mark, trade_mark = @trade_mark WHERE id = @id",
      )
      .run(o);
  }

  order(account: number, id: number): OrderRow | undefined {
    return this.db.prepare("SELECT * FROM orders WHERE account = ? AND id = ?").get(account, id) as
      OrderRow | undefined;
  }

  openOrders(account: number): OrderRow[] {
    return this.db
      .prepare(`SELECT * FROM orders WHERE account = ? AND ${OPEN} ORDER BY id`)
      .all(account) as OrderRow[];
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
    // Every public call on the mount asks (the ticker path), so the answer is kept until a write to
    // orders or positions (insertOrder, updateOrder, putPosition, reset) forgets it. Inside a
    // transaction it is read fresh and not kept: a rollback would leave a kept answer wrong.
    if (this.watched && !this.db.inTransaction) return [...this.watched];
    this.watchedQuery ??= this.db.prepare(
      `SELECT DISTINCT o.symbol FROM orders o JOIN accounts a ON a.id = o.account WHERE a.mount = ? AND ${OPEN} ` +
        "UNION SELECT DISTINCT p.symbol FROM positions p JOIN accounts a ON a.id = p.account WHERE a.mount = ?",
    );
    const rows = this.watchedQuery.all(this.mount, this.mount) as Array<{ symbol: string }>;
    const symbols = rows.map((r) => r.symbol);
    if (!this.db.inTransaction) this.watched = symbols;
    return [...symbols];
  }

  private watchedQuery?: Statement<[string, string]>;
  private watched?: string[];

  override reset(account: number, initial: Record<string, string>, now: number): void {
    this.watched = undefined;
    super.reset(account, initial, now);
  }

  insertFill(f: FillRow): void {
    this.db
      .prepare(
        "INSERT INTO fills (order_id, account, symbol, side, price, amount, fee, fee_ccy, pnl, liquidity, time) " +
          "VALUES (@order_id, @account, @symbol, @side, @price, @amount, @fee, @fee_ccy, @pnl, @liquidity, @time)",
      )
      .run(f);
  }

  position(account: number, symbol: string, side: PositionSide): PositionRow | undefined {
    return this.db
      .prepare("SELECT * FROM positions WHERE account = ? AND symbol = ? AND side = ?")
      .get(account, symbol, side) as PositionRow | undefined;
  }

  positions(account: number): PositionRow[] {
    return this.db
      .prepare("SELECT * FROM positions WHERE account = ? ORDER BY symbol, side")
      .all(account) as PositionRow[];
  }

  /** Every position of this mount on one instrument (both sides in long/short mode). */
  positionsOn(symbol: string): PositionRow[] {
    return this.db
      .prepare(
        "SELECT p.* FROM positions p JOIN accounts a ON a.id = p.account WHERE a.mount = ? AND p.symbol = ?",
      )
      .all(this.mount, symbol) as PositionRow[];
  }

  /** Writes a position, or removes it when flat. */
  putPosition(p: PositionRow): void {
    this.watched = undefined;
    if (new Dec(p.qty).isZero()) {
      this.db
        .prepare("DELETE FROM positions WHERE account = ? AND symbol = ? AND side = ?")
        .run(p.account, p.symbol, p.side);
      return;
    }
    this.db
      .prepare(
        "INSERT INTO positions (account, symbol, side, qty, entry, margin, funding_time, funding_rate) VALUES (@account, @symbol, @side, @qty, @entry, @margin, @funding_time, @funding_rate) " +
          "ON CONFLICT (account, symbol, side) DO UPDATE SET qty = excluded.qty, entry = excluded.entry, margin = excluded.margin, funding_time = excluded.funding_time, funding_rate = excluded.funding_rate",
      )
      .run(p);
  }

  /**
   * The open closing (reduce-only) orders on one position, oldest first: what they have yet to fill is
   * the position's `frozen_amount`, which no further close may take.
   */
  pendingCloses(account: number, symbol: string, side: PositionSide): OrderRow[] {
    return this.db
      .prepare(
        `SELECT * FROM orders WHERE account = ? AND symbol = ? AND pos_side = ? AND offset = 'close' AND side IN ('closebuy', 'closesell') AND ${OPEN} ORDER BY id`,
      )
      .all(account, symbol, side) as OrderRow[];
  }

  /** Open orders that would add to a position of this instrument (their reserve used its leverage). */
  pendingOpens(account: number, symbol: string): OrderRow[] {
    return this.db
      .prepare(
        `SELECT * FROM orders WHERE account = ? AND symbol = ? AND side IN ('buy', 'sell') AND ${OPEN} ORDER BY id`,
      )
      .all(account, symbol) as OrderRow[];
  }

  leverage(account: number, symbol: string): number | undefined {
    const row = this.db
      .prepare("SELECT level FROM leverage WHERE account = ? AND symbol = ?")
      .get(account, symbol) as { level: number } | undefined;
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
