import type { Statement } from "better-sqlite3";
import type { Db } from "./database";

/**
 * The equity table: one row per point of an account's value over time, in its mount's main currency as
 * exact decimal text. It belongs to the account page (page/), which creates it here when it starts, so
 * the engine's schema (database.ts) does not change for it. Accounts are ids of the accounts table, so
 * mounts sharing a file keep apart.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS equity (account INTEGER NOT NULL, time INTEGER NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS equity_account_time ON equity (account, time);
`;

export interface EquityPoint {
  /** Epoch ms on the source's clock. */
  time: number;
  /** The account's value in the main currency, decimal text. */
  value: string;
}

/** The newest fill and ledger ids of the whole file: anything above them is new. */
export interface Marks {
  fill: number;
  ledger: number;
}

export class EquityRows {
  private readonly insert: Statement<[number, number, string]>;

  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
    this.insert = db.prepare("INSERT INTO equity (account, time, value) VALUES (?, ?, ?)");
  }

  add(account: number, time: number, value: string): void {
    this.insert.run(account, time, value);
  }

  /** The time of each account's newest point; accounts without one are absent. */
  lastTimes(): Map<number, number> {
    const rows = this.db.prepare("SELECT account, MAX(time) AS time FROM equity GROUP BY account").all() as {
      account: number;
      time: number;
    }[];
    return new Map(rows.map((r) => [r.account, r.time]));
  }

  /**
   * An account's points, oldest first: at most `max`, evenly spread over all of them when there are
   * more (every n-th, the newest always kept), so a long history still draws its whole shape.
   */
  series(account: number, max: number): EquityPoint[] {
    const { n } = this.db.prepare("SELECT COUNT(*) AS n FROM equity WHERE account = ?").get(account) as {
      n: number;
    };
    if (n <= max) {
      return this.db
        .prepare("SELECT time, value FROM equity WHERE account = ? ORDER BY time, rowid")
        .all(account) as EquityPoint[];
    }
    const step = Math.ceil(n / max);
    // Counted from the newest, so the newest point is always among those kept.
    return this.db
      .prepare(
        "SELECT time, value FROM (SELECT time, value, ROW_NUMBER() OVER (ORDER BY time DESC, rowid DESC) - 1 AS k " +
          "FROM equity WHERE account = ?) WHERE k % ? = 0 ORDER BY time, k DESC",
      )
      .all(account, step) as EquityPoint[];
  }

  /** The newest fill and ledger ids (rowids: reading them is one step, whatever the tables' size). */
  marks(): Marks {
    const row = this.db
      .prepare("SELECT (SELECT MAX(id) FROM fills) AS fill, (SELECT MAX(id) FROM ledger) AS ledger")
      .get() as { fill: number | null; ledger: number | null };
    return { fill: row.fill ?? 0, ledger: row.ledger ?? 0 };
  }

  /** Accounts with a fill or a ledger entry (a deposit, funding, a reset) newer than `since`. */
  changedSince(since: Marks): Set<number> {
    const rows = this.db
      .prepare("SELECT account FROM fills WHERE id > ? UNION SELECT account FROM ledger WHERE id > ?")
      .all(since.fill, since.ledger) as { account: number }[];
    return new Set(rows.map((r) => r.account));
  }

  /**
   * Accounts whose value moves with the market while they do nothing: with an open position, or holding
   * a currency other than `main`.
   */
  moving(main: string): Set<number> {
    const rows = this.db
      .prepare(
        "SELECT account FROM positions UNION " +
          "SELECT account FROM balances WHERE currency <> ? AND (CAST(free AS REAL) <> 0 OR CAST(frozen AS REAL) <> 0)",
      )
      .all(main) as { account: number }[];
    return new Set(rows.map((r) => r.account));
  }
}
