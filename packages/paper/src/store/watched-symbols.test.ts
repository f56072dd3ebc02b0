import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { openDatabase } from "./database";
import { PaperStore } from "./paper-store";
import type { OrderRow, PositionRow } from "./rows";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-watched-"));
const opened = openDatabase(path.join(dir, "paper.db"));
after(() => {
  opened.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function order(account: number, symbol: string): Omit<OrderRow, "id"> {
  return {
    account,
    symbol,
    side: "buy",
    kind: "limit",
    price: "100",
    amount: "1",
    deal: "0",
    quote: "0",
    status: "submitted",
    frozen: "100",
    frozen_ccy: "USDT",
    offset: null,
    pos_side: null,
    liquidation: 0,
    created_at: 1,
    updated_at: 1,
    book_mark: 0,
    trade_mark: 0,
  };
}

/** The watched set is kept between calls: every write that changes it must be seen on the next read. */
describe("the instruments a paper mount watches", () => {
  const store = new PaperStore(opened.db, "SIM", opened.hashKey);
  const other = new PaperStore(opened.db, "SIM_SWAP", opened.hashKey);
  const account = store.createAccount("alice", { USDT: "1000" }, 1);

  test("follow orders and positions as they open, rest and close", () => {
    assert.deepEqual(store.watchedSymbols(), []);
    const id = store.insertOrder(order(account, "BTC_USDT"));
    assert.deepEqual(store.watchedSymbols(), ["BTC_USDT"]);
    assert.deepEqual(other.watchedSymbols(), [], "another mount in the same file watches its own");
    const row = store.order(account, id)!;
    store.updateOrder({ ...row, status: "filled" });
    assert.deepEqual(store.watchedSymbols(), []);
    const position: PositionRow = {
      account,
      symbol: "ETH_USDT",
      side: "net",
      qty: "2",
      entry: "3000",
      margin: "600",
      funding_time: 0,
      funding_rate: "0",
    };
    store.putPosition(position);
    assert.deepEqual(store.watchedSymbols(), ["ETH_USDT"]);
    store.putPosition({ ...position, qty: "0" });
    assert.deepEqual(store.watchedSymbols(), []);
  });

  test("a write rolled back leaves the set as the rows are", () => {
    store.insertOrder(order(account, "ETH_USDT"));
    assert.deepEqual(store.watchedSymbols(), ["ETH_USDT"]);
    assert.throws(() =>
      store.tx(() => {
        store.insertOrder(order(account, "BTC_USDT"));
        assert.deepEqual(store.watchedSymbols().sort(), ["BTC_USDT", "ETH_USDT"]);
        throw new Error("rolled back");
      }),
    );
    assert.deepEqual(store.watchedSymbols(), ["ETH_USDT"]);
    store.reset(account, { USDT: "1000" }, 2);
    assert.deepEqual(store.watchedSymbols(), []);
  });
});
