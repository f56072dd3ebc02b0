import { createHmac, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";

/** The caller's Access Key → the text stored in `accounts.key_hash`. */
export type KeyHasher = (accessKey: string) => string;

const SECRET_NAME = "account_key_secret";

/**
 * Accounts are found by a keyed hash of the caller's Access Key (HMAC-SHA256), never by the key itself:
 * a user who pastes a real exchange key into a PAPER mount must not find it in `paper.db`, its WAL, a
 * backup or a bug report.
 *
 * The hash's key is 32 random bytes made when the database is first opened, kept in the database's own
 * `meta` table. It lives there because it must travel with the accounts: a copied or restored
 * `paper.db` keeps its balances, where a key kept elsewhere, once lost, would orphan every account. It
 * need not be hidden from whoever holds the file: a real exchange key is a long random text that no
 * one recovers from its HMAC, and the per-database key makes each file's hashes its own, so no table of
 * precomputed hashes (and no other database) matches them.
 */
export function accountKeyHasher(db: Database.Database): KeyHasher {
  // INSERT OR IGNORE: two processes opening a new file at once agree on the first one's bytes.
  db.prepare("INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)").run(SECRET_NAME, randomBytes(32));
  const row = db.prepare("SELECT value FROM meta WHERE name = ?").get(SECRET_NAME) as { value: Buffer };
  const secret = Buffer.from(row.value);
  return (accessKey) => createHmac("sha256", secret).update(accessKey, "utf8").digest("hex");
}
