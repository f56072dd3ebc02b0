// What every ledger test asserts: the ledger read through the protocol, and that it adds up.
import assert from "node:assert/strict";
import { type Balance, Dec } from "@fmz-gateway/core";
import type { DockerClient } from "@fmz-gateway/testkit";
import type { LedgerEntryView } from "../io";

/** `exchange.IO("api", "GET", "/paper/ledger", query)`, which must answer rows. */
export async function ledger(c: DockerClient, query = ""): Promise<LedgerEntryView[]> {
  const r = await c.io<LedgerEntryView[]>("GET", "/paper/ledger", query);
  assert.ok(r.data, r.error);
  return r.data;
}

/** For every currency: the changes add up to free + frozen, and each row's balance is the sum so far. */
export async function assertAddsUp(c: DockerClient): Promise<LedgerEntryView[]> {
  const rows = await ledger(c, "limit=1000");
  const sums = new Map<string, Dec>();
  let lastId = 0;
  let lastTime = 0;
  for (const r of rows) {
    assert.ok(r.id > lastId && r.time >= lastTime, "oldest first");
    [lastId, lastTime] = [r.id, r.time];
    const sum = (sums.get(r.currency) ?? new Dec(0)).plus(String(r.change));
    sums.set(r.currency, sum);
    assert.equal(r.balance, sum.toNumber(), `row ${r.id} keeps the ${r.currency} balance so far`);
  }
  const balances = await c.data<Balance[]>("accounts");
  for (const b of balances) {
    assert.equal(
      new Dec(String(b.free)).plus(String(b.frozen)).toFixed(),
      (sums.get(b.currency) ?? new Dec(0)).toFixed(),
      `${b.currency}: the ledger adds up to the balance`,
    );
  }
  return rows;
}
