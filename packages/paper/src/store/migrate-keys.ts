import { shownKey } from "@fmz-gateway/core";
import type Database from "better-sqlite3";
import type { KeyHasher } from "./account-key";

/** The accounts table as it is now: a keyed hash of the Access Key, never the key. */
export const ACCOUNTS_TABLE = `(
  id INTEGER PRIMARY KEY, mount TEXT NOT NULL, key_hash TEXT NOT NULL, label TEXT, created_at INTEGER NOT NULL,
  UNIQUE (mount, key_hash))`;

export interface KeyMigration {
  /** Accounts whose raw Access Key was replaced by its hash (0: nothing to migrate). */
  accounts: number;
  /** Whether the WAL could be emptied (false when another connection held it; see the log). */
  walCleared: boolean;
}

/**
 * Databases written before keys were hashed keep the raw Access Key in `accounts.key`. This rewrites
 * the table with `key_hash` instead, keeping every account's id (so its balances, orders and positions
 * stay its own), in one transaction. Dropping the old table only marks its pages free, and the WAL still
 * holds copies of them, so the file is then VACUUMed (rewritten without free pages) and the WAL
 * truncated: afterwards no byte of `paper.db` or `paper.db-wal` holds a raw key.
 */
export function migrateRawKeys(db: Database.Database, hash: KeyHasher): KeyMigration {
  const columns = db.prepare("PRAGMA table_info(accounts)").all() as Array<{ name: string }>;
  if (!columns.some((c) => c.name === "key")) return { accounts: 0, walCleared: true };
  const rows = db.prepare("SELECT id, mount, key, created_at FROM accounts").all() as Array<{
    id: number;
    mount: string;
    key: string;
    created_at: number;
  }>;
  db.transaction(() => {
    db.exec(`CREATE TABLE accounts_hashed ${ACCOUNTS_TABLE}`);
    const insert = db.prepare(
      "INSERT INTO accounts_hashed (id, mount, key_hash, label, created_at) VALUES (?, ?, ?, ?, ?)",
    );
    for (const r of rows) {
      insert.run(r.id, r.mount, hash(String(r.key)), shownKey(String(r.key)), r.created_at);
    }
    db.exec("DROP TABLE accounts; ALTER TABLE accounts_hashed RENAME TO accounts;");
  }).immediate();
  db.exec("VACUUM");
  const [checkpoint] = db.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
  return { accounts: rows.length, walCleared: checkpoint?.busy === 0 };
}
