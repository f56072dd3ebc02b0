// The equity table's reads: a long series comes back evenly thinned to the bound, newest point kept;
// which accounts changed since a pass, and which move with the market.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { openDatabase } from "../store/database";
import { EquityRows } from "../store/equity-rows";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-equity-"));
const opened = openDatabase(path.join(dir, "paper.db"));
after(() => {
  opened.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("equity rows", () => {
  const rows = new EquityRows(opened.db);

  test("a series longer than the bound is thinned evenly, the newest point kept", () => {
    opened.db.transaction(() => {
      for (let i = 0; i < 5_000; i++) rows.add(1, 1_000 + i, String(i));
    })();
    rows.add(2, 5, "7");
    const all = rows.series(1, 10_000);
    assert.equal(all.length, 5_000);
    const thin = rows.series(1, 1_999);
    assert.ok(thin.length <= 1_999 && thin.length >= 1_600, `${thin.length} points`);
    assert.deepEqual(thin.at(-1), { time: 5_999, value: "4999" }, "the newest");
    const gaps = new Set(thin.slice(1).map((p, i) => p.time - thin[i].time));
    assert.deepEqual([...gaps], [3], "evenly spread");
    assert.ok(
      thin.every((p, i) => i === 0 || p.time > thin[i - 1].time),
      "oldest first",
    );
    assert.deepEqual(rows.series(2, 10), [{ time: 5, value: "7" }], "one account's only");
    assert.deepEqual(
      rows.lastTimes(),
      new Map([
        [1, 5_999],
        [2, 5],
      ]),
    );
  });

  test("changed accounts are those with a fill or ledger entry past the marks", () => {
    const db = opened.db;
    const before = rows.marks();
    db.prepare(
      "INSERT INTO ledger (account, currency, amount, kind, symbol, time) VALUES (7, 'USDT', '5', 'deposit', NULL, 1)",
    ).run();
    db.prepare(
      "INSERT INTO fills (order_id, account, symbol, side, price, amount, fee, fee_ccy, pnl, liquidity, time) VALUES (1, 8, 'BTC_USDT', 'buy', '1', '1', '0', 'BTC', '0', 'taker', 1)",
    ).run();
    assert.deepEqual([...rows.changedSince(before)].sort(), [7, 8]);
    assert.deepEqual([...rows.changedSince(rows.marks())], []);
  });

  test("moving accounts hold a position or a currency other than the main one", () => {
    const db = opened.db;
    const balance = db.prepare("INSERT INTO balances (account, currency, free, frozen) VALUES (?, ?, ?, ?)");
    balance.run(20, "USDT", "100", "0");
    balance.run(21, "BTC", "0", "0.5");
    balance.run(22, "BTC", "0", "0");
    db.prepare(
      "INSERT INTO positions (account, symbol, qty, entry, margin, funding_time, funding_rate) VALUES (23, 'BTC_USDT.swap', '1', '100', '10', 0, '0')",
    ).run();
    assert.deepEqual([...rows.moving("USDT")].sort(), [21, 23]);
  });
});
