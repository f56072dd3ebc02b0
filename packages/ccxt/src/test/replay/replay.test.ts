// ccxt's recorded real exchange responses, replayed through a real gateway: one ccxt mount per exchange
// and market, the FMZ call a strategy makes for each recording, the reply checked against ccxt's
// recorded parse (see cases.ts and expect.ts). Also checks the README's matrix is the one this run makes.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { readmeBlock } from "../../tools/replay-matrix-cli";
import { replayMatrix } from "../../tools/replay-matrix";
import { fixtureExchanges } from "./fixture-files";
import * as ccxt from "ccxt";
import { type CaseResult, type ReplayRun, startReplay, toMatrixCases } from "./run";

let run: ReplayRun;
before(async () => {
  run = await startReplay();
});
after(async () => {
  await run.close();
});

function label(r: CaseResult): string {
  return `${r.c.entry.method} "${r.c.entry.description}" → ${r.c.fmz} ${JSON.stringify(r.c.params)}`;
}

describe("replay of ccxt's recorded responses", () => {
  it("covers at least 20 exchanges through the gateway", () => {
    const replayed = new Set(run.results.filter((r) => r.verdict === "pass").map((r) => r.c.exchange));
    assert.ok(fixtureExchanges().length >= 20, `fixtures for ${fixtureExchanges().length} exchanges`);
    assert.ok(replayed.size >= 20, `verified on ${replayed.size}: ${[...replayed].join(", ")}`);
  });

  for (const exchange of fixtureExchanges()) {
    it(`${exchange}: every recording answers as ccxt parsed it`, () => {
      const mine = run.results.filter((r) => r.c.exchange === exchange);
      const failed = mine.filter((r) => r.verdict === "fail");
      assert.deepEqual(
        failed.map((r) => `${label(r)}: ${r.problems.join("; ")}`),
        [],
      );
      assert.ok(
        mine.some((r) => r.verdict === "pass"),
        `no recording of ${exchange} verified`,
      );
    });
  }

  it("Binance USD.swap positions are read from the coin-margined API", () => {
    const r = run.results.find((x) => x.c.exchange === "binance" && x.c.params.symbol === "USD.swap");
    assert.ok(r, "the inverse positions recording is played");
    assert.equal(r.verdict, "pass", r.problems.join("; "));
    assert.ok(r.urls.length > 0 && r.urls.every((u) => u.includes("dapi.binance.com")), r.urls.join(", "));
  });

  it("Bybit orders are read by state (fetchOpenOrder / fetchClosedOrder), not a refused fetchOrder", () => {
    const rs = run.results.filter((x) => x.c.exchange === "bybit" && x.c.fmz === "order");
    assert.ok(rs.length >= 2);
    for (const r of rs) assert.equal(r.verdict, "pass", r.problems.join("; "));
  });

  it("MEXC spot history comes from fetchOrders when fetchClosedOrders refuses spot", () => {
    const r = run.results.find((x) => x.c.exchange === "mexc" && x.c.fmz === "historyorders");
    assert.equal(r?.verdict, "pass", r?.problems.join("; "));
  });

  it("a swap mount's accounts ask for the swap wallet", () => {
    const r = run.results.find(
      (x) => x.c.exchange === "binance" && x.c.fmz === "accounts" && x.c.mountMarket === "swap",
    );
    assert.equal(r?.verdict, "pass", r?.problems.join("; "));
    assert.ok(
      r?.urls.every((u) => u.includes("fapi.binance.com")),
      r?.urls.join(", "),
    );
  });

  it("a spot market buy is sent as the quote amount to spend (Kraken: createMarketBuyOrderWithCost)", () => {
    const r = run.results.find((x) => x.c.exchange === "kraken" && x.c.fmz === "trade");
    assert.equal(r?.verdict, "pass", r?.problems.join("; "));
    const body = new URLSearchParams(String(r?.calls[0]?.body));
    assert.equal(body.get("ordertype"), "market");
    assert.equal(body.get("volume"), r?.c.params.amount, "the FMZ amount, in USDT");
    assert.equal(body.get("oflags"), "viqc", "volume in quote currency");
  });

  it("where ccxt cannot size a market buy in the quote currency (Crypto.com), the bridge refuses it", () => {
    const r = run.results.find(
      (x) => x.c.exchange === "cryptocom" && x.c.fmz === "trade" && x.c.params.price === "-1",
    );
    assert.equal(r?.verdict, "limited", r?.problems.join("; "));
    assert.match(String(r?.reply?.error), /market buy by quote amount/);
    assert.equal(r?.calls.length, 0, "nothing was sent");
  });

  it("Bitfinex orders carry a numeric client order id (its cid is an integer)", () => {
    const r = run.results.find((x) => x.c.exchange === "bitfinex" && x.c.fmz === "trade");
    assert.equal(r?.verdict, "pass", r?.problems.join("; "));
    const body = JSON.parse(String(r?.calls[0]?.body)) as { cid?: unknown };
    assert.match(String(body.cid), /^\d{1,14}$/);
  });

  it("a lost order reply on an exchange whose orders carry no client id: no guess, an error saying how to check", async () => {
    // CoinEx's recorded open order has no client id and is old: it must not be taken for ours.
    const fx = run.fixtures.get("coinex");
    const open = fx?.entries.find((e) => e.method === "fetchOpenOrders")?.httpResponse;
    const { reply, calls } = await run.call(
      "coinex",
      "spot",
      "trade",
      { symbol: "BTC_USDT", type: "buy", price: "53500.23", amount: "0.00010606" },
      (call) =>
        call.method === "POST"
          ? new ccxt.RequestTimeout("coinex POST https://api.coinex.com/v2/spot/order timed out")
          : open,
    );
    assert.equal(reply.data, undefined);
    assert.match(String(reply.error), /the order may have been placed/);
    assert.match(String(reply.error), /check open orders \(orders\) and recent orders \(historyorders\)/);
    // CoinEx keeps client ids; its recorded order was placed without one (client_id "").
    assert.match(String(reply.error), /coinex order listed was placed without a client order id/);
    assert.doesNotMatch(String(reply.error), /keeps no client order ids/);
    assert.equal(calls.filter((c) => c.method === "POST").length, 1, "the order is sent once");
    assert.ok(
      calls.some((c) => c.url.includes("pending-order")),
      "the open orders were searched",
    );
  });

  it("the README's matrix is the one this replay makes (npm run matrix)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
    assert.equal(readmeBlock(readme), replayMatrix(toMatrixCases(run.results)));
  });
});
