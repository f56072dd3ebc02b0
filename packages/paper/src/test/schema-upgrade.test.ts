// A database written by the version before the derivatives model and the ledger (no position sides, no
// liquidation flag, a ledger of outside money only) opens with its positions, pending closes and
// balances as they were, and a ledger that adds up from then on.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { type Balance, type Position } from "@fmz-gateway/core";
import type { LedgerEntryView } from "../io";
import { startHarness } from "./harness";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-upgrade-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The tables as the previous version created them. */
const PREVIOUS_SCHEMA = `
CREATE TABLE accounts (id INTEGER PRIMARY KEY, mount TEXT NOT NULL, key TEXT NOT NULL,
  created_at INTEGER NOT NULL, UNIQUE (mount, key));
CREATE TABLE balances (account INTEGER NOT NULL, currency TEXT NOT NULL, free TEXT NOT NULL,
  frozen TEXT NOT NULL, PRIMARY KEY (account, currency));
CREATE TABLE ledger (id INTEGER PRIMARY KEY, account INTEGER NOT NULL, currency TEXT NOT NULL,
  amount TEXT NOT NULL, kind TEXT NOT NULL, symbol TEXT, time INTEGER NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, account INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
  kind TEXT NOT NULL, price TEXT NOT NULL, amount TEXT NOT NULL, deal TEXT NOT NULL, quote TEXT NOT NULL,
  status TEXT NOT NULL, frozen TEXT NOT NULL, frozen_ccy TEXT NOT NULL, offset TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, book_mark INTEGER NOT NULL,
  trade_mark INTEGER NOT NULL);
CREATE TABLE fills (id INTEGER PRIMARY KEY, order_id INTEGER, account INTEGER NOT NULL, symbol TEXT NOT NULL,
  side TEXT NOT NULL, price TEXT NOT NULL, amount TEXT NOT NULL, fee TEXT NOT NULL, fee_ccy TEXT NOT NULL,
  pnl TEXT NOT NULL, liquidity TEXT NOT NULL, time INTEGER NOT NULL);
CREATE TABLE positions (account INTEGER NOT NULL, symbol TEXT NOT NULL, qty TEXT NOT NULL, entry TEXT NOT NULL,
  margin TEXT NOT NULL, funding_time INTEGER NOT NULL, funding_rate TEXT NOT NULL, PRIMARY KEY (account, symbol));
CREATE TABLE leverage (account INTEGER NOT NULL, symbol TEXT NOT NULL, level INTEGER NOT NULL,
  PRIMARY KEY (account, symbol));`;

describe("a database from the previous version", () => {
  it("keeps its positions, pending closes and balances, and its ledger adds up from then on", async () => {
    const file = path.join(dir, "previous.db");
    const old = new Database(file);
    old.exec(PREVIOUS_SCHEMA);
    old.prepare("INSERT INTO accounts VALUES (1, 'SIM_SWAP', 'veteran', 1)").run();
    // 5 contracts bought at 60000 (notional 3000) at 10×: margin 300, taker fee 3.
    old.prepare("INSERT INTO balances VALUES (1, 'USDT', '9697', '300')").run();
    old
      .prepare(
        "INSERT INTO ledger (account, currency, amount, kind, symbol, time) VALUES (1, 'USDT', '10000', 'initial', NULL, 1)",
      )
      .run();
    old
      .prepare(
        "INSERT INTO positions VALUES (1, 'BTC_USDT.swap', '5', '60000', '300', 9999999999999, '0.0001')",
      )
      .run();
    old.prepare("INSERT INTO leverage VALUES (1, 'BTC_USDT.swap', 10)").run();
    const order =
      "INSERT INTO orders VALUES (?, 1, 'BTC_USDT.swap', ?, ?, ?, ?, ?, ?, ?, '0', 'USDT', ?, 2, 2, 0, 2)";
    old.prepare(order).run(1, "buy", "market", "60000", "5", "5", "300000", "filled", "open");
    old.prepare(order).run(2, "closebuy", "limit", "90000", "2", "0", "0", "submitted", "close");
    old
      .prepare(
        "INSERT INTO fills VALUES (1, 1, 1, 'BTC_USDT.swap', 'buy', '60000', '5', '3', 'USDT', '0', 'taker', 2)",
      )
      .run();
    old.close();

    const h = await startHarness({}, { database: file });
    try {
      const c = h.swap.with({ accessKey: "veteran" });
      const [pos] = await c.data<Position[]>("positions", { symbol: "BTC_USDT.swap" });
      assert.deepEqual(
        [pos.amount, pos.price, pos.margin, pos.margin_level, pos.frozen_amount, pos.type],
        [5, 60000, 300, 10, 2, 0],
        "the position, its leverage and the pending close's frozen amount",
      );
      assert.deepEqual(await c.data<Balance[]>("accounts"), [{ currency: "USDT", free: 9697, frozen: 300 }]);
      const tooMuch = await c.call("trade", {
        symbol: "BTC_USDT.swap",
        type: "closebuy",
        price: -1,
        amount: 4,
      });
      assert.match(tooMuch.error ?? "", /of which 2 is held by pending closing orders, so 3 can be closed/);
      const ledger = (await c.io<LedgerEntryView[]>("GET", "/paper/ledger")).data ?? [];
      assert.deepEqual(
        ledger.map((r) => [r.type, r.change, r.balance]),
        [
          ["initial", 10000, 10000],
          ["carried", -3, 9997],
        ],
        "the fee the old ledger did not record is carried, so the rows add up to free + frozen",
      );
    } finally {
      await h.close();
    }
  });
});
