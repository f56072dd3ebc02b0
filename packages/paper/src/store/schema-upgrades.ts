import type Database from "better-sqlite3";
import { carryOldLedger } from "./ledger-rows";

/** One row per position: the net one, or each side of long/short mode (`side`). */
export const POSITIONS_TABLE = `(
  account INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL DEFAULT 'net', qty TEXT NOT NULL,
  entry TEXT NOT NULL, margin TEXT NOT NULL, funding_time INTEGER NOT NULL, funding_rate TEXT NOT NULL,
  PRIMARY KEY (account, symbol, side))`;

/**
 * Columns added after the first release, added in place to a database written by an earlier version
 * (`CREATE TABLE IF NOT EXISTS` leaves an existing table as it was). Each is nullable or has a default,
 * so old rows read as they meant: an account without a label yet, an order that was no liquidation.
 */
const ADDED_COLUMNS: ReadonlyArray<readonly [table: string, column: string, definition: string]> = [
  ["accounts", "label", "TEXT"],
  ["orders", "pos_side", "TEXT"],
  ["orders", "liquidation", "INTEGER NOT NULL DEFAULT 0"],
  ["ledger", "balance", "TEXT"],
  ["ledger", "size", "TEXT"],
  ["ledger", "price", "TEXT"],
  ["ledger", "fee", "TEXT"],
  ["ledger", "pnl", "TEXT"],
  ["ledger", "order_id", "INTEGER"],
];

/** Brings a database written by an earlier version to the current shape, in one transaction. */
export function upgradeSchema(db: Database.Database): void {
  db.transaction(() => {
    const ledgerHadBalances = hasColumn(db, "ledger", "balance");
    const ordersHadSides = hasColumn(db, "orders", "pos_side");
    for (const [table, column, definition] of ADDED_COLUMNS) {
      if (!hasColumn(db, table, column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    if (!hasColumn(db, "positions", "side")) {
      // The key grows a column, which SQLite cannot alter: the table is rebuilt, every position net.
      db.exec(`CREATE TABLE positions_sided ${POSITIONS_TABLE};
        INSERT INTO positions_sided (account, symbol, side, qty, entry, margin, funding_time, funding_rate)
          SELECT account, symbol, 'net', qty, entry, margin, funding_time, funding_rate FROM positions;
        DROP TABLE positions; ALTER TABLE positions_sided RENAME TO positions;`);
    }
    // Every contract order before long/short mode traded the one net position.
    if (!ordersHadSides) db.exec("UPDATE orders SET pos_side = 'net' WHERE symbol LIKE '%.%'");
    if (!ledgerHadBalances) carryOldLedger(db);
  }).immediate();
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
  return columns.some((c) => c.name === column);
}
