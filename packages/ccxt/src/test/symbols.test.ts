import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type InstrumentSymbol, parseSymbol } from "@fmz-gateway/core";
import {
  type SymbolContext,
  classifyExpiries,
  fmzSymbolOf,
  matchesSymbol,
  resolveInstrument,
} from "../symbols";
import { EXPIRIES, MARKETS, NOW, market, marketsOf } from "./fixtures";

const spotCtx: SymbolContext = { exchangeId: "testex", mountMarket: "spot", now: NOW };
const swapCtx: SymbolContext = { ...spotCtx, mountMarket: "swap" };
const futureCtx: SymbolContext = { ...spotCtx, mountMarket: "future" };

function inst(text: string): InstrumentSymbol {
  const s = parseSymbol(text);
  assert.equal(s.kind, "instrument");
  return s as InstrumentSymbol;
}

function resolve(text: string, ctx = spotCtx): string {
  return resolveInstrument(MARKETS, inst(text), ctx).symbol;
}

describe("FMZ symbol → ccxt market", () => {
  it("spot pairs, in any case", () => {
    assert.equal(resolve("BTC_USDT"), "BTC/USDT");
    assert.equal(resolve("eth_usdt"), "ETH/USDT");
  });

  it("perpetuals: linear when settled in the quote, inverse when settled in the base", () => {
    assert.equal(resolve("BTC_USDT.swap"), "BTC/USDT:USDT");
    assert.equal(resolve("BTC_USD.swap"), "BTC/USD:BTC");
  });

  it("a bare pair means the mount's market", () => {
    assert.equal(resolve("BTC_USDT", swapCtx), "BTC/USDT:USDT");
    assert.equal(resolve("BTC_USD", swapCtx), "BTC/USD:BTC");
    assert.throws(() => resolve("BTC_USDT", futureCtx), /needs a contract code/);
  });

  it("dated contracts by expiry", () => {
    assert.equal(resolve("BTC_USDT.this_week"), "BTC/USDT:USDT-250117");
    assert.equal(resolve("BTC_USDT.next_week"), "BTC/USDT:USDT-250124");
    assert.equal(resolve("BTC_USDT.quarter"), "BTC/USDT:USDT-250328");
    assert.equal(resolve("BTC_USDT.next_quarter"), "BTC/USDT:USDT-250627");
    assert.equal(resolve("BTC_USD.quarter"), "BTC/USD:BTC-250328");
    assert.equal(resolve("BTC_USDT.quarter", futureCtx), "BTC/USDT:USDT-250328");
  });

  it("unknown pairs and missing contracts are bad requests naming what was looked for", () => {
    assert.throws(() => resolve("BTC_EUR"), /unknown symbol "BTC_EUR" on testex: no market BTC\/EUR/);
    assert.throws(() => resolve("ETH_USDT.swap"), /unknown symbol "ETH_USDT.swap".*ETH\/USDT:USDT/);
    assert.throws(() => resolve("BTC_USD.next_quarter"), /no next_quarter contract for BTC\/USD/);
    assert.throws(() => resolve("ETH_USDT.quarter"), /no dated futures for that pair/);
  });
});

describe("dated contracts", () => {
  it("by expiry: weeklies within 7 and 14 days, then the next two quarter months", () => {
    const group = Object.values(MARKETS).filter((m) => m.future && m.settle === "USDT");
    const codes = Object.fromEntries([...classifyExpiries(group, NOW)].map(([k, m]) => [k, m.expiry]));
    assert.deepEqual(codes, {
      this_week: EXPIRIES.w1,
      next_week: EXPIRIES.w2,
      quarter: EXPIRIES.q1,
      next_quarter: EXPIRIES.q2,
    });
  });

  it("a quarterly within two weeks of expiry is a weekly, and the next quarter moves up", () => {
    const now = EXPIRIES.q1 - 10 * 86_400_000;
    const group = Object.values(MARKETS).filter((m) => m.future && m.settle === "USDT");
    const codes = Object.fromEntries([...classifyExpiries(group, now)].map(([k, m]) => [k, m.expiry]));
    assert.equal(codes.next_week, EXPIRIES.q1);
    assert.equal(codes.quarter, EXPIRIES.q2);
    assert.equal(codes.next_quarter, EXPIRIES.q3);
  });

  it("the exchange's own labels win (OKX's alias)", () => {
    const group = [
      market({
        symbol: "X/USDT:USDT-250117",
        id: "a",
        type: "future",
        expiry: EXPIRIES.w1,
        alias: "this_week",
      }),
      market({
        symbol: "X/USDT:USDT-250627",
        id: "b",
        type: "future",
        expiry: EXPIRIES.q2,
        alias: "quarter",
      }),
    ];
    const codes = Object.fromEntries([...classifyExpiries(group, NOW)].map(([k, m]) => [k, m.id]));
    assert.deepEqual(codes, { this_week: "a", quarter: "b" });
  });

  it("expired contracts are never named", () => {
    const group = [market({ symbol: "X/USDT:USDT-250110", id: "old", type: "future", expiry: NOW - 1 })];
    assert.equal(classifyExpiries(group, NOW).size, 0);
  });
});

describe("ccxt market → FMZ symbol", () => {
  it("names spot, swaps and the dated contracts it can", () => {
    const name = (s: string) => fmzSymbolOf(MARKETS, MARKETS[s], NOW);
    assert.equal(name("BTC/USDT"), "BTC_USDT");
    assert.equal(name("BTC/USDT:USDT"), "BTC_USDT.swap");
    assert.equal(name("BTC/USD:BTC"), "BTC_USD.swap");
    assert.equal(name("BTC/USDT:USDT-250328"), "BTC_USDT.quarter");
    assert.equal(name("BTC/USDT:USDT-250131"), undefined, "a third weekly has no FMZ name");
    assert.equal(name("BTC/USDT:USDT-250328-100000-C"), undefined, "options have none");
  });

  it("round-trips every symbol it names", () => {
    for (const m of Object.values(MARKETS)) {
      const text = fmzSymbolOf(MARKETS, m, NOW);
      if (text) assert.equal(resolve(text), m.symbol, text);
    }
  });

  it("ranges: USDT.swap is the USDT-quoted swaps, USD.swap the coin-margined ones", () => {
    const usdt = parseSymbol("USDT.swap");
    const usd = parseSymbol("USD.swap");
    const futures = parseSymbol("USDT.futures");
    assert.ok(matchesSymbol(MARKETS, MARKETS["BTC/USDT:USDT"], usdt, spotCtx));
    assert.ok(!matchesSymbol(MARKETS, MARKETS["BTC/USD:BTC"], usdt, spotCtx));
    assert.ok(matchesSymbol(MARKETS, MARKETS["BTC/USD:BTC"], usd, spotCtx));
    assert.ok(!matchesSymbol(MARKETS, MARKETS["BTC/USDT"], usdt, spotCtx));
    assert.ok(matchesSymbol(MARKETS, MARKETS["BTC/USDT:USDT-250328"], futures, spotCtx));
  });

  it("keeps odd-case currencies reachable", () => {
    const ms = marketsOf([market({ symbol: "kPEPE/USDC:USDC", id: "kPEPE", type: "swap" })]);
    assert.equal(resolveInstrument(ms, inst("KPEPE_USDC.swap"), spotCtx).id, "kPEPE");
    assert.equal(fmzSymbolOf(ms, ms["kPEPE/USDC:USDC"]), "KPEPE_USDC.swap");
  });
});
