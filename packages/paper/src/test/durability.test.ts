// Kills a real gateway process with SIGKILL in the middle of a stream of orders, restarts it, and
// checks that every acknowledged order is there, no fill was applied twice, and the books balance.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { Dec } from "@fmz-gateway/core";
import { DockerClient, waitFor } from "@fmz-gateway/testkit";
import { type GatewayProcess, startGatewayProcess } from "./process";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-kill-"));
const config = path.join(dir, "fmz-gateway.json");
fs.writeFileSync(
  config,
  JSON.stringify({
    plugins: [path.resolve(__dirname, "../index.js")],
    exchanges: {
      SIM: { adapter: "PAPER", options: { source: "simulated", checkIntervalMs: 50 } },
      SIM_SWAP: { adapter: "PAPER", options: { source: "simulated", market: "swap", checkIntervalMs: 50 } },
    },
  }),
);
let running: GatewayProcess | undefined;
after(() => {
  running?.child.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One account's stream: market buys and sells, limit orders near the touch (some fill), cancels, swaps. */
async function stream(c: DockerClient, acked: string[], stop: () => boolean): Promise<void> {
  const s = c.with({ exchange: "SIM_SWAP" });
  for (let i = 0; !stop(); i++) {
    const step = i % 6;
    let r;
    if (step === 0) r = await c.call("trade", { symbol: "BTC_USDT", type: "buy", price: -1, amount: "150" });
    else if (step === 1)
      r = await c.call("trade", { symbol: "BTC_USDT", type: "sell", price: -1, amount: "0.001" });
    else if (step === 2) {
      const t = await c.data<{ buy: number }>("ticker", { symbol: "ETH_USDT" });
      r = await c.call("trade", { symbol: "ETH_USDT", type: "buy", price: String(t.buy), amount: "0.05" });
    } else if (step === 3)
      r = await s.call("trade", {
        symbol: "BTC_USDT",
        type: i % 12 < 6 ? "buy" : "sell",
        price: -1,
        amount: "2",
      });
    else if (step === 4) {
      r = await c.call("trade", { symbol: "BTC_USDT", type: "buy", price: "40000", amount: "0.002" });
      if (r.data) {
        acked.push((r.data as { id: string }).id);
        r = await c.call("cancel", { id: (r.data as { id: string }).id, symbol: "BTC_USDT" });
        continue;
      }
    } else r = await c.call("accounts");
    const id = (r.data as { id?: string } | undefined)?.id;
    if (id) acked.push(id);
  }
}

describe("durability", () => {
  it("SIGKILL mid-stream: every acknowledged order survives, no fill twice, the books balance", async () => {
    running = await startGatewayProcess(config);
    const first = running;
    const acked: string[] = [];
    let killed = false;
    const clients = ["k1", "k2", "k3"].map(
      (k) =>
        new DockerClient({
          baseUrl: first.url,
          exchange: "SIM",
          accessKey: k,
          secretKey: "x",
          timeoutMs: 5_000,
        }),
    );
    const streams = clients.map((c) => stream(c, acked, () => killed).catch(() => "cut off"));
    await waitFor(() => acked.length >= 60, { what: "60 acknowledged orders", timeoutMs: 60_000 });
    first.child.kill("SIGKILL");
    killed = true;
    const outcomes = await Promise.all(streams);
    assert.ok(outcomes.includes("cut off"), "the kill cut off calls in flight");

    running = await startGatewayProcess(config);
    for (const id of acked) {
      const symbol = id.split(",")[0];
      const exchange = symbol.endsWith(".swap") ? "SIM_SWAP" : "SIM";
      const owner = await Promise.all(
        clients.map((c) => c.with({ baseUrl: running?.url ?? "", exchange }).call("order", { id, symbol })),
      );
      assert.equal(
        owner.filter((r) => r.data !== undefined).length,
        1,
        `order ${id} is on exactly one account`,
      );
    }

    const db = new Database(path.join(dir, "paper.db"), { readonly: true });
    const orders = db.prepare("SELECT * FROM orders").all() as Array<Record<string, string | number>>;
    for (const o of orders) {
      const fills = db.prepare("SELECT amount FROM fills WHERE order_id = ?").all(o.id) as Array<{
        amount: string;
      }>;
      const sum = fills.reduce((a, f) => a.plus(f.amount), new Dec(0));
      assert.equal(
        sum.toFixed(),
        new Dec(o.deal as string).toFixed(),
        `fills of order ${o.id} add up to its deal`,
      );
    }
    // Two ways to add the books up, which must agree: the ledger alone (every change of a balance, with
    // the balance after it), and the ledger's money from outside plus the fills table.
    const fromLedger = new Map<string, Dec>();
    const rebuilt = new Map<string, Dec>();
    const add = (sums: Map<string, Dec>, account: number, ccy: string, d: Dec) => {
      const k = `${account}:${ccy}`;
      sums.set(k, (sums.get(k) ?? new Dec(0)).plus(d));
    };
    for (const l of db.prepare("SELECT * FROM ledger ORDER BY id").all() as Array<{
      account: number;
      currency: string;
      amount: string;
      kind: string;
      balance: string;
    }>) {
      add(fromLedger, l.account, l.currency, new Dec(l.amount));
      assert.equal(
        new Dec(l.balance).toFixed(),
        fromLedger.get(`${l.account}:${l.currency}`)?.toFixed(),
        "each ledger row keeps the balance so far",
      );
      if (l.kind !== "fill" && l.kind !== "liquidation")
        add(rebuilt, l.account, l.currency, new Dec(l.amount));
    }
    type Fill = {
      account: number;
      symbol: string;
      side: string;
      price: string;
      amount: string;
      fee: string;
      fee_ccy: string;
      pnl: string;
    };
    for (const f of db.prepare("SELECT * FROM fills").all() as Fill[]) {
      const [pair, contract] = f.symbol.split(".");
      const [base, quote] = pair.split("_");
      if (contract) add(rebuilt, f.account, quote, new Dec(f.pnl));
      else {
        const cost = new Dec(f.price).mul(f.amount);
        add(rebuilt, f.account, base, new Dec(f.amount).mul(f.side === "buy" ? 1 : -1));
        add(rebuilt, f.account, quote, f.side === "buy" ? cost.neg() : cost);
      }
      add(rebuilt, f.account, f.fee_ccy, new Dec(f.fee).neg());
    }
    const balances = db.prepare("SELECT * FROM balances").all() as Array<{
      account: number;
      currency: string;
      free: string;
      frozen: string;
    }>;
    assert.ok(balances.length >= 6);
    for (const b of balances) {
      const total = new Dec(b.free).plus(b.frozen);
      for (const sums of [fromLedger, rebuilt]) {
        assert.equal(
          total.toFixed(),
          (sums.get(`${b.account}:${b.currency}`) ?? new Dec(0)).toFixed(),
          `${b.account} ${b.currency}`,
        );
      }
      assert.ok(new Dec(b.free).gte(0) && new Dec(b.frozen).gte(0));
    }
    // Frozen is exactly what open orders hold plus the margin of open positions.
    const held = db
      .prepare(
        "SELECT account, frozen_ccy AS currency, frozen AS amount FROM orders WHERE status IN ('submitted','partial-filled') UNION ALL SELECT account, 'USDT', margin FROM positions",
      )
      .all() as Array<{ account: number; currency: string; amount: string }>;
    for (const b of balances) {
      const sum = held
        .filter((x) => x.account === b.account && x.currency === b.currency)
        .reduce((a, x) => a.plus(x.amount), new Dec(0));
      assert.equal(new Dec(b.frozen).toFixed(), sum.toFixed(), `frozen of ${b.account} ${b.currency}`);
    }
    db.close();
    running.child.kill("SIGKILL");
  });
});
