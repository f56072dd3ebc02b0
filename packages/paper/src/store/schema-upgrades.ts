import type Database from "better-sqlite3";

/**
 * Columns added after the first release, added in place to a database written by an earlier version
 * (`CREATE TABLE IF NOT EXISTS` leaves an existing table as it was). Each is nullable or has a default,
 * so old rows read as they meant: an account without a label yet, an order that was no liquidation.
 */
const ADDED_COLUMNS: ReadonlyArray<readonly [table: string, column: string, definition: string]> = [
  ["accounts", "label", "TEXT"],
];

export function addMissingColumns(db: Database.Database): void {
  for (const [table, column, definition] of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }
}
