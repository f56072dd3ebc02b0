// Dated futures, coin-margined contracts, long/short position mode and the clock correction, against the
// stand-in over loopback (issue 10).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Gateway, type Order, type OrderRef, type Position, silentLogger } from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { DockerClient, formatReport, runConformance } from "@fmz-gateway/testkit";
import { LIVE, LIVE_SECRET_KEY } from "./harness";

const HEDGED = {
  apiKey: "standin-hedge-0000-4000-8000-000000000003",
  secret: "1A2B3C4D5E6F708192A3B4C5D6E7F809",
  passphrase: "Standin-Hedge-1",
  posMode: "long_short_mode" as const,
};

let okx: OkxStandin;
let gw: Gateway;
let fut: DockerClient;
let swap: DockerClient;
let hedge: DockerClient;
let raw: DockerClient;

before(async () => {
  okx = await startOkxStandin({ port: 0, enforceRateLimits: false });
  okx.addCredential(HEDGED);
  const base = { baseUrl: okx.url, timeoutMs: 1500, rateLimits: false };
  gw = await Gateway.start({
    port: 0,
    logger: silentLogger(),
    exchanges: {
      FUT: { adapter: "OKX", options: { ...base, market: "futures" } },
      SWAP: { adapter: "OKX", options: { ...base, market: "swap" } },
      RAW: { adapter: "OKX", options: { ...base, market: "swap", clockSync: false } },
    },
  });
  fut = new DockerClient({
    baseUrl: gw.url,
    exchange: "FUT",
    accessKey: LIVE.apiKey,
    secretKey: LIVE_SECRET_KEY,
  });
  swap = fut.with({ exchange: "SWAP" });
  raw = fut.with({ exchange: "RAW" });
  hedge = swap.with({ accessKey: HEDGED.apiKey, secretKey: `${HEDGED.secret},${HEDGED.passphrase}` });
});
after(async () => {
  await gw.close(1_000);
  await okx.close();
});

function target(exchange: string, symbol: string, order: { price: string; amount: string }, range: string) {
  return {
    baseUrl: gw.url,
    exchange,
    accessKey: LIVE.apiKey,
    secretKey: LIVE_SECRET_KEY,
    symbol,
    order,
    range,
  };
}

describe("conformance on futures mounts and a long/short account", () => {
  const cases = [
    [
      "USDT-margined, bare pair = quarter",
      () => target("FUT", "BTC_USDT", { price: "30000", amount: "1" }, "USDT.futures"),
    ],
    [
      "coin-margined this_week",
      () => target("FUT", "BTC_USD.this_week", { price: "30000", amount: "1" }, "USD.futures"),
    ],
    ["coin-margined swap", () => target("SWAP", "BTC_USD.swap", { price: "30000", amount: "1" }, "USD.swap")],
  ] as const;
  for (const [name, t] of cases) {
    it(`${name}: every method correct (fundings: swaps only)`, async () => {
      const reports = await runConformance(t());
      const report = formatReport(reports);
      for (const r of reports) {
        const fundingsOnFutures = r.method === "fundings" && t().exchange === "FUT";
        assert.equal(r.verdict, fundingsOnFutures ? "not-supported" : "correct", `${r.method}\n${report}`);
      }
    });
  }
  it("long/short-mode account on a swap mount: every method correct", async () => {
    const reports = await runConformance({
      ...target("SWAP", "BTC_USDT", { price: "30000", amount: "1" }, "USDT.swap"),
      accessKey: HEDGED.apiKey,
      secretKey: `${HEDGED.secret},${HEDGED.passphrase}`,
    });
    const report = formatReport(reports);
    for (const r of reports) assert.equal(r.verdict, "correct", `${r.method}\n${report}`);
  });
});

describe("dated futures", () => {
  it("resolves aliases by expiry and lists them in markets with ctVal", async () => {
    const markets = await fut.data<Record<string, { ctVal: number; ctValCcy: string }>>("markets");
    assert.deepEqual(
      markets["BTC_USD.quarter"] && [markets["BTC_USD.quarter"].ctVal, markets["BTC_USD.quarter"].ctValCcy],
      [100, "USD"],
    );
    assert.equal(markets["BTC_USDT.next_quarter"]?.ctValCcy, "BTC");
    assert.ok(markets["BTC_USD.this_month"], "coin-margined months are listed");
    const ref = await fut.data<OrderRef>("trade", {
      symbol: "BTC_USD.next_week",
      type: "buy",
      price: "30000",
      amount: "2",
    });
    const listed = okx.futures().find((f) => f.alias === "next_week" && f.instId.startsWith("BTC-USD-"));
    assert.equal(ref.id.split(",")[0], listed?.instId);
    const o = await fut.data<Order>("order", { id: ref.id, symbol: "BTC_USD.next_week" });
    assert.equal(o.contract_type, "next_week");
    assert.equal(await fut.data("cancel", { id: ref.id, symbol: "BTC_USD.next_week" }), true);
  });

  it("an alias OKX does not list is a clear error", async () => {
    const r = await fut.call("trade", {
      symbol: "BTC_USDT.next_month",
      type: "buy",
      price: "30000",
      amount: "1",
    });
    assert.match(r.error ?? "", /OKX does not list a next_month contract for BTC-USDT/);
  });

  it("an expired contract is a clear error, and the next call trades the new one", async () => {
    const week = okx.futures().find((f) => f.alias === "this_week" && f.instId.startsWith("BTC-USDT-"));
    assert.ok(week);
    await fut.data("ticker", { symbol: "BTC_USDT.this_week" }); // the list is now cached
    okx.setClockOffset(week.expTime - Date.now() + 60_000); // a minute past delivery
    try {
      const r = await fut.call("trade", {
        symbol: "BTC_USDT.this_week",
        type: "buy",
        price: "30000",
        amount: "1",
      });
      assert.match(r.error ?? "", /^OKX 51027: Contract expired\. BTC_USDT\.this_week was BTC-USDT-\d{6}/);
      const again = await fut.data<OrderRef>("trade", {
        symbol: "BTC_USDT.this_week",
        type: "buy",
        price: "30000",
        amount: "1",
      });
      assert.notEqual(again.id.split(",")[0], week.instId);
      await fut.data("cancel", { id: again.id, symbol: "BTC_USDT.this_week" });
    } finally {
      okx.setClockOffset(0);
    }
  });
});

describe("long/short position mode", () => {
  it("open long → open short → close long → close short, both sides shown in between", async () => {
    const s = "ETH_USDT";
    const sides = async () =>
      (await hedge.data<Position[]>("positions", { symbol: s })).map((p) => [p.type, p.amount]).sort();
    await hedge.data("trade", { symbol: s, type: "buy", price: "-1", amount: "2" });
    assert.deepEqual(await sides(), [[0, 2]]);
    await hedge.data("trade", { symbol: s, type: "sell", price: "-1", amount: "3" });
    assert.deepEqual(await sides(), [
      [0, 2],
      [1, 3],
    ]);
    const close = await hedge.data<OrderRef>("trade", {
      symbol: s,
      type: "closebuy",
      price: "-1",
      amount: "2",
    });
    assert.deepEqual(await sides(), [[1, 3]]);
    const o = await hedge.data<Order>("order", { id: close.id, symbol: s });
    assert.deepEqual([o.type, o.offset], ["sell", "close"]);
    await hedge.data("trade", { symbol: s, type: "closesell", price: "-1", amount: "3" });
    assert.deepEqual(await sides(), []);
    const sent = okx.orders().filter((x) => x.apiKey === HEDGED.apiKey && x.instId === "ETH-USDT-SWAP");
    assert.deepEqual(
      sent.map((x) => `${x.side} ${x.posSide}`),
      ["buy long", "sell short", "sell long", "buy short"],
    );
  });

  it("closing a side that holds nothing is a clear error", async () => {
    const r = await hedge.call("trade", { symbol: "ETH_USDT", type: "closesell", price: "-1", amount: "1" });
    assert.match(r.error ?? "", /^OKX 51169: /);
  });

  it("re-reads the mode when OKX says the position side is wrong, and places the order once", async () => {
    // The cached mode is net; the account switches on OKX's side (set-position-mode through IO).
    await swap.data("positions", { symbol: "LTC_USDT.swap" }).catch(() => undefined);
    await swap
      .data("trade", { symbol: "ETH_USDT", type: "buy", price: "1000", amount: "1" })
      .then((r) => swap.data("cancel", { id: (r as OrderRef).id, symbol: "ETH_USDT" }));
    const io = await swap.io("POST", "/api/v5/account/set-position-mode", "posMode=long_short_mode");
    assert.equal((io.data as { code?: string })?.code, "0", JSON.stringify(io));
    const before = okx.orders().length;
    const ref = await swap.data<OrderRef>("trade", {
      symbol: "ETH_USDT",
      type: "buy",
      price: "1000",
      amount: "1",
    });
    assert.equal(okx.orders().length, before + 1);
    assert.equal(okx.orders().at(-1)?.posSide, "long");
    await swap.data("cancel", { id: ref.id, symbol: "ETH_USDT" });
    await swap.io("POST", "/api/v5/account/set-position-mode", "posMode=net_mode");
  });
});

describe("clock", () => {
  it("with the stand-in's clock 45 s ahead, private calls succeed; unsynced they fail with 50102", async () => {
    okx.setClockOffset(45_000);
    try {
      assert.ok(Array.isArray(await swap.data("accounts")));
      const r = await raw.call("accounts");
      assert.match(r.error ?? "", /^OKX 50102: Timestamp request expired/);
    } finally {
      okx.setClockOffset(0);
    }
  });
});
