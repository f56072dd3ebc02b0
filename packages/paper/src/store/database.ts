import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type KeyHasher, accountKeyHasher } from "./account-key";
import { POSITIONS_TABLE, upgradeSchema } from "./schema-upgrades";
import { ACCOUNTS_TABLE, type KeyMigration, migrateRawKeys } from "./migrate-keys";

export type Db = Database.Database;

/**
 * One row per fact: accounts (mount + a keyed hash of the Access Key, see account-key.ts), balances (free and frozen, exact decimal text),
 * orders, fills, positions, leverage, and a ledger of every change of a balance: money from outside
 * (initial balances, deposits, funding) and every fill, each with the balance after it, so the books can
 * always be re-added from the rows.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS accounts ${ACCOUNTS_TABLE};
CREATE TABLE IF NOT EXISTS balances (
  account INTEGER NOT NULL, currency TEXT NOT NULL, free TEXT NOT NULL, frozen TEXT NOT NULL,
  PRIMARY KEY (account, currency));
CREATE TABLE IF NOT EXISTS ledger (
  id INTEGER PRIMARY KEY, account INTEGER NOT NULL, currency TEXT NOT NULL, amount TEXT NOT NULL,
  kind TEXT NOT NULL, symbol TEXT, time INTEGER NOT NULL, balance TEXT, size TEXT, price TEXT, fee TEXT,
  pnl TEXT, order_id INTEGER);
CREATE INDEX IF NOT EXISTS ledger_account ON ledger (account, time);
CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY, account INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
  kind TEXT NOT NULL, price TEXT NOT NULL, amount TEXT NOT NULL, deal TEXT NOT NULL, quote TEXT NOT NULL,
  status TEXT NOT NULL, frozen TEXT NOT NULL, frozen_ccy TEXT NOT NULL, offset TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, book_mark INTEGER NOT NULL,
  trade_mark INTEGER NOT NULL, pos_side TEXT, liquidation INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS orders_open ON orders (status, symbol);
CREATE INDEX IF NOT EXISTS orders_account ON orders (account, symbol);
CREATE TABLE IF NOT EXISTS fills (
  id INTEGER PRIMARY KEY, order_id INTEGER, account INTEGER NOT NULL, symbol TEXT NOT NULL,
  side TEXT NOT NULL, price TEXT NOT NULL, amount TEXT NOT NULL, fee TEXT NOT NULL, fee_ccy TEXT NOT NULL,
  pnl TEXT NOT NULL, liquidity TEXT NOT NULL, time INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS fills_order ON fills (order_id);
-- An account's newest fills (the account page), without scanning every fill of the file.
CREATE INDEX IF NOT EXISTS fills_account ON fills (account, id);
CREATE TABLE IF NOT EXISTS positions ${POSITIONS_TABLE};
CREATE TABLE IF NOT EXISTS leverage (
  account INTEGER NOT NULL, symbol TEXT NOT NULL, level INTEGER NOT NULL, PRIMARY KEY (account, symbol));
`;

/**
 * Opens (creating when needed) the paper database. WAL lets reads run beside the writer; synchronous
 * FULL syncs the log on every commit, so an acknowledged order survives a power cut as well as a
 * killed process (NORMAL would survive only the latter). Paper trading writes a few rows per order, so
 * the cost of the sync is small next to a network round trip. A database from before Access Keys were
 * hashed is migrated here, before any account is looked up (migrate-keys.ts).
 */
export function openDatabase(file: string): OpenedDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  const hashKey = accountKeyHasher(db);
  const migration = migrateRawKeys(db, hashKey);
  upgradeSchema(db);
  return { db, hashKey, migration };
}

export interface OpenedDatabase {
  db: Db;
  /** Access Key → the stored account key (see account-key.ts). */
  hashKey: KeyHasher;
  /** What opening did to a database that still held raw Access Keys. */
  migration: KeyMigration;
}
