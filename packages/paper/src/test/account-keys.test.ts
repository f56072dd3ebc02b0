// A paper account is found by a keyed hash of the Access Key: the key a user pasted (maybe a real
// exchange key) is in no byte of paper.db or its WAL, and databases that held raw keys are migrated on
// open, balances kept.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import type { Balance } from "@fmz-gateway/core";
import { startHarness } from "./harness";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Which of the database's files (main, WAL, shared memory) hold `text` anywhere in their bytes. */
function filesHolding(db: string, text: string): string[] {
  const needle = Buffer.from(text, "utf8");
  return [db, `${db}-wal`, `${db}-shm`].filter(
    (f) => fs.existsSync(f) && fs.readFileSync(f).includes(needle),
  );
}

// Looks like an OKX API key: what a user might paste into a PAPER mount.
const REAL_KEY = "3f2b9c1e-7a4d-4e8b-9c2f-6d1a0b5e8f47";

describe("account keys", () => {
  it("the raw Access Key is in no byte of paper.db or its WAL after trading with it", async () => {
    const h = await startHarness();
    const db = path.join(h.dir, "paper.db");
    try {
      const c = h.spot.with({ accessKey: REAL_KEY });
      await c.data("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "100" });
      await c.data("trade", { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0.01" });
      await c.io("POST", "/paper/deposit", "currency=USDT&amount=5");
      const again = await c.data<Balance[]>("accounts");
      assert.ok(
        again.some((b) => b.currency === "BTC" && b.free > 0),
        "the same account is found again",
      );
      assert.deepEqual(filesHolding(db, REAL_KEY), [], "while the gateway runs");
    } finally {
      await h.close().catch(() => undefined);
    }
  });

  it("a database holding raw keys is migrated on open: balances kept, raw keys gone", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-keys-"));
    dirs.push(dir);
    const file = path.join(dir, "old.db");
    const DELETED_KEY = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    // The accounts and balances tables as versions before key hashing wrote them.
    const old = new Database(file);
    old.pragma("journal_mode = WAL");
    old.exec(`
      CREATE TABLE accounts (id INTEGER PRIMARY KEY, mount TEXT NOT NULL, key TEXT NOT NULL,
        created_at INTEGER NOT NULL, UNIQUE (mount, key));
      CREATE TABLE balances (account INTEGER NOT NULL, currency TEXT NOT NULL, free TEXT NOT NULL,
        frozen TEXT NOT NULL, PRIMARY KEY (account, currency));`);
    old
      .prepare("INSERT INTO accounts (id, mount, key, created_at) VALUES (?, ?, ?, ?)")
      .run(7, "SIM", REAL_KEY, 1);
    old
      .prepare("INSERT INTO accounts (id, mount, key, created_at) VALUES (?, ?, ?, ?)")
      .run(8, "SIM", DELETED_KEY, 1);
    old.prepare("INSERT INTO balances VALUES (?, ?, ?, ?)").run(7, "USDT", "777.25", "0");
    old.prepare("INSERT INTO balances VALUES (?, ?, ?, ?)").run(7, "ETH", "1.5", "0");
    // A deleted account leaves its raw key in a free page, where only a rewrite of the file reaches.
    old.prepare("DELETE FROM accounts WHERE id = 8").run();
    old.close();
    assert.deepEqual(filesHolding(file, REAL_KEY), [file], "the old file holds the raw key");
    assert.deepEqual(filesHolding(file, DELETED_KEY), [file], "and the deleted one");

    const h = await startHarness({}, { database: file });
    try {
      for (const key of [REAL_KEY, DELETED_KEY]) {
        assert.deepEqual(filesHolding(file, key), [], "no raw key once the gateway has started");
      }
      const c = h.spot.with({ accessKey: REAL_KEY });
      assert.deepEqual(await c.data<Balance[]>("accounts"), [
        { currency: "ETH", free: 1.5, frozen: 0 },
        { currency: "USDT", free: 777.25, frozen: 0 },
      ]);
      // A key the file never held is a new account with the starting balances.
      assert.deepEqual(await c.with({ accessKey: "someone-else" }).data<Balance[]>("accounts"), [
        { currency: "USDT", free: 10000, frozen: 0 },
      ]);
    } finally {
      await h.close().catch(() => undefined);
    }
    const db = new Database(file, { readonly: true });
    const columns = (db.prepare("PRAGMA table_info(accounts)").all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    const labels = db.prepare("SELECT label FROM accounts ORDER BY id").all() as Array<{ label: string }>;
    db.close();
    assert.deepEqual(columns, ["id", "mount", "key_hash", "label", "created_at"]);
    // The shown name is the one the status page uses: 8 hex digits of the key's hash, never the key.
    for (const { label } of labels) assert.match(label, /^key:[0-9a-f]{8}$/);
    assert.deepEqual(filesHolding(file, REAL_KEY), []);
  });
});
