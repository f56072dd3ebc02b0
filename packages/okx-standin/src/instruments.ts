// The instruments the stand-in lists and trades. SPOT rows follow the docs' BTC-USDT example; SWAP rows
// copy the contract specs of the live-format SWAP fixture quoted in the reference (§4.8), so lot/tick/ctVal
// rounding a client learns here is what it would learn from OKX.

import { decimalsOf, parseDecimal } from "./decimal";
import { futuresListing, futuresStatus, futuresUniverse } from "./futures";

export type InstType = "SPOT" | "SWAP" | "FUTURES";

export interface InstrumentSpec {
  instId: string;
  instType: InstType;
  baseCcy: string;
  quoteCcy: string;
  settleCcy: string;
  ctVal: string;
  ctValCcy: string;
  ctType: "" | "linear" | "inverse";
  tickSz: string;
  lotSz: string;
  minSz: string;
  lever: string;
  maxLmtSz: string;
  maxMktSz: string;
  maxLmtAmt: string;
  maxMktAmt: string;
  listTime: string;
  instIdCode: number;
  /** Price the synthetic market starts at (last), in ticks of tickSz. */
  startPrice: string;
}

export interface Instrument extends InstrumentSpec {
  uly: string;
  instFamily: string;
  tickU: bigint;
  lotU: bigint;
  minU: bigint;
  ctValU: bigint;
  maxLmtU: bigint;
  maxMktU: bigint;
  tickDecimals: number;
  lotDecimals: number;
  maxLever: number;
  /** FUTURES only: delivery time (Friday 08:00 UTC), Unix ms. */
  expTime: number | undefined;
  /** The row /public/instruments returns, as a JSON string (FUTURES: without an alias; see futures.ts). */
  json: string;
}

const SPECS: InstrumentSpec[] = [
  {
    instId: "BTC-USDT",
    instType: "SPOT",
    baseCcy: "BTC",
    quoteCcy: "USDT",
    settleCcy: "",
    ctVal: "",
    ctValCcy: "",
    ctType: "",
    tickSz: "0.1",
    lotSz: "0.00000001",
    minSz: "0.00001",
    lever: "10",
    maxLmtSz: "9999999999",
    maxMktSz: "1000000",
    maxLmtAmt: "1000000",
    maxMktAmt: "1000000",
    listTime: "1606468572000",
    instIdCode: 1000000000,
    startPrice: "60000",
  },
  {
    instId: "ETH-USDT",
    instType: "SPOT",
    baseCcy: "ETH",
    quoteCcy: "USDT",
    settleCcy: "",
    ctVal: "",
    ctValCcy: "",
    ctType: "",
    tickSz: "0.01",
    lotSz: "0.000001",
    minSz: "0.0001",
    lever: "10",
    maxLmtSz: "9999999999",
    maxMktSz: "1000000",
    maxLmtAmt: "1000000",
    maxMktAmt: "1000000",
    listTime: "1606468572000",
    instIdCode: 1000000001,
    startPrice: "3000",
  },
  {
    instId: "LTC-USDT",
    instType: "SPOT",
    baseCcy: "LTC",
    quoteCcy: "USDT",
    settleCcy: "",
    ctVal: "",
    ctValCcy: "",
    ctType: "",
    tickSz: "0.01",
    lotSz: "0.000001",
    minSz: "0.001",
    lever: "5",
    maxLmtSz: "9999999999",
    maxMktSz: "1000000",
    maxLmtAmt: "1000000",
    maxMktAmt: "1000000",
    listTime: "1606468572000",
    instIdCode: 1000000002,
    startPrice: "80",
  },
  {
    instId: "BTC-USDT-SWAP",
    instType: "SWAP",
    baseCcy: "",
    quoteCcy: "",
    settleCcy: "USDT",
    ctVal: "0.01",
    ctValCcy: "BTC",
    ctType: "linear",
    tickSz: "0.1",
    lotSz: "0.01",
    minSz: "0.01",
    lever: "100",
    maxLmtSz: "100000000",
    maxMktSz: "12000",
    maxLmtAmt: "20000000",
    maxMktAmt: "",
    listTime: "1573557408000",
    instIdCode: 10459,
    startPrice: "60000",
  },
  {
    instId: "ETH-USDT-SWAP",
    instType: "SWAP",
    baseCcy: "",
    quoteCcy: "",
    settleCcy: "USDT",
    ctVal: "0.1",
    ctValCcy: "ETH",
    ctType: "linear",
    tickSz: "0.01",
    lotSz: "0.01",
    minSz: "0.01",
    lever: "100",
    maxLmtSz: "100000000",
    maxMktSz: "20000",
    maxLmtAmt: "20000000",
    maxMktAmt: "",
    listTime: "1573557408000",
    instIdCode: 10461,
    startPrice: "3000",
  },
  {
    instId: "BTC-USD-SWAP",
    instType: "SWAP",
    baseCcy: "",
    quoteCcy: "",
    settleCcy: "BTC",
    ctVal: "100",
    ctValCcy: "USD",
    ctType: "inverse",
    tickSz: "0.1",
    lotSz: "1",
    minSz: "1",
    lever: "100",
    maxLmtSz: "100000000",
    maxMktSz: "30000",
    maxLmtAmt: "20000000",
    maxMktAmt: "",
    listTime: "1535424203000",
    instIdCode: 10458,
    startPrice: "60000",
  },
];

function req(text: string): bigint {
  const value = parseDecimal(text);
  if (value === undefined) throw new Error(`bad decimal in instrument table: ${text}`);
  return value;
}

export function rowFor(
  s: InstrumentSpec,
  uly: string,
  expTime?: number,
  alias = "",
): Record<string, unknown> {
  if (s.instType === "SPOT") {
    // Field order and the fixed values follow the docs' SPOT example verbatim.
    return {
      alias: "",
      auctionEndTime: "",
      baseCcy: s.baseCcy,
      category: "1",
      ctMult: "",
      ctType: "",
      ctVal: "",
      ctValCcy: "",
      contTdSwTime: "",
      expTime: "",
      futureSettlement: false,
      instFamily: "",
      instId: s.instId,
      instType: "SPOT",
      lever: s.lever,
      listTime: s.listTime,
      lotSz: s.lotSz,
      maxIcebergSz: "9999999999.0000000000000000",
      maxLmtAmt: s.maxLmtAmt,
      maxLmtSz: s.maxLmtSz,
      maxMktAmt: s.maxMktAmt,
      maxMktSz: s.maxMktSz,
      maxStopSz: s.maxMktSz,
      maxTriggerSz: "9999999999.0000000000000000",
      maxTwapSz: "9999999999.0000000000000000",
      minSz: s.minSz,
      optType: "",
      openType: "",
      quoteCcy: s.quoteCcy,
      tradeQuoteCcyList: [s.quoteCcy],
      settleCcy: "",
      state: "live",
      ruleType: "normal",
      stk: "",
      tickSz: s.tickSz,
      uly: "",
      instIdCode: s.instIdCode,
    };
  }
  // Field order follows the SWAP and FUTURES fixtures (alphabetical, as OKX returns it).
  return {
    alias,
    auctionEndTime: "",
    baseCcy: "",
    category: "1",
    contTdSwTime: "",
    ctMult: "1",
    ctType: s.ctType,
    ctVal: s.ctVal,
    ctValCcy: s.ctValCcy,
    expTime: expTime === undefined ? "" : String(expTime),
    futureSettlement: false,
    instFamily: uly,
    instId: s.instId,
    instIdCode: s.instIdCode,
    instType: s.instType,
    lever: s.lever,
    listTime: s.listTime,
    lotSz: s.lotSz,
    maxIcebergSz: `${s.maxLmtSz}.0000000000000000`,
    maxLmtAmt: s.maxLmtAmt,
    maxLmtSz: s.maxLmtSz,
    maxMktAmt: "",
    maxMktSz: s.maxMktSz,
    maxPlatOILmt: "",
    maxStopSz: s.maxMktSz,
    maxTriggerSz: `${s.maxLmtSz}.0000000000000000`,
    maxTwapSz: `${s.maxLmtSz}.0000000000000000`,
    minSz: s.minSz,
    openType: "",
    optType: "",
    posLmtAmt: "",
    posLmtPct: "",
    preMktSwTime: "",
    quoteCcy: "",
    ruleType: "normal",
    settleCcy: s.settleCcy,
    state: "live",
    stk: "",
    tickSz: s.tickSz,
    tradeQuoteCcyList: [],
    uly,
  };
}

export function build(s: InstrumentSpec, expTime?: number): Instrument {
  // ccxt derives base/quote of a contract from `uly`, so contract rows need it ("BTC-USDT" for
  // BTC-USDT-SWAP and for BTC-USDT-261225).
  const uly = s.instType === "SPOT" ? "" : s.instId.replace(/-(SWAP|\d{6})$/, "");
  return {
    ...s,
    uly,
    instFamily: uly,
    tickU: req(s.tickSz),
    lotU: req(s.lotSz),
    minU: req(s.minSz),
    ctValU: s.ctVal === "" ? 0n : req(s.ctVal),
    maxLmtU: req(s.maxLmtSz),
    maxMktU: req(s.maxMktSz),
    tickDecimals: decimalsOf(s.tickSz),
    lotDecimals: decimalsOf(s.lotSz),
    maxLever: Number(s.lever),
    expTime,
    json: JSON.stringify(rowFor(s, uly, expTime)),
  };
}

/**
 * `OKX_STANDIN_EXTRA_SPOT_PAIRS=N` (at most 10,000) adds N synthetic spot pairs `S0001-USDT` … with
 * LTC-USDT's specs: the bench holds 1,000 live subscriptions on one mount, more instruments than OKX's few
 * listed here. An environment variable, not an option, because the table is built once per process.
 */
function extraSpotSpecs(count: string | undefined): InstrumentSpec[] {
  const n = Math.min(10_000, Math.max(0, Math.floor(Number(count ?? 0)) || 0));
  const ltc = SPECS.find((spec) => spec.instId === "LTC-USDT");
  if (!ltc) throw new Error("the stand-in lists no LTC-USDT to copy");
  return Array.from({ length: n }, (_, i) => {
    const base = `S${String(i + 1).padStart(4, "0")}`;
    return { ...ltc, instId: `${base}-USDT`, baseCcy: base, instIdCode: 2_000_000_000 + i };
  });
}

/**
 * Spot pairs and swaps, then every dated future of FUTURES_UNIVERSE (see futures.ts): which of those are
 * listed, and under which alias, depends on the stand-in's clock at the time of the request.
 */
export const INSTRUMENTS: readonly Instrument[] = [
  ...SPECS.map((s) => build(s)),
  ...extraSpotSpecs(process.env.OKX_STANDIN_EXTRA_SPOT_PAIRS).map((s) => build(s)),
  ...futuresUniverse(Date.now()).map(({ spec, expTime }) => build(spec, expTime)),
];
export const INSTRUMENTS_BY_ID: ReadonlyMap<string, Instrument> = new Map(
  INSTRUMENTS.map((i) => [i.instId, i]),
);

/** instTypes /public/instruments accepts; the ones we do not trade answer an empty list. */
export const INST_TYPES = new Set(["SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION"]);

export function instrumentsOfType(instType: string): Instrument[] {
  return INSTRUMENTS.filter((i) => i.instType === instType);
}

/**
 * Precomputed full answers per instType, since ccxt's loadMarkets asks for every type on start-up. FUTURES
 * is not here: its list changes with the clock (futuresListing).
 */
export const INSTRUMENTS_RESPONSE: ReadonlyMap<string, string> = new Map(
  [...INST_TYPES]
    .filter((t) => t !== "FUTURES")
    .map((t) => [
      t,
      `{"code":"0","msg":"","data":[${instrumentsOfType(t)
        .map((i) => i.json)
        .join(",")}]}`,
    ]),
);

/** /public/instruments?instType=FUTURES at `now`: the listed contracts with their current aliases. */
export function futuresRows(now: number): { inst: Instrument; alias: string; json: string }[] {
  return futuresListing(INSTRUMENTS, now).map(({ inst, alias }) => ({
    inst,
    alias,
    json: JSON.stringify(rowFor(inst, inst.uly, inst.expTime, alias)),
  }));
}

/**
 * Why an order on `inst` is refused at `now`, as an OKX code: 51027 "Contract expired." for a settled
 * future, 51021 "not yet listed" for one not listed yet; undefined when it trades.
 */
export function tradingBlock(inst: Instrument, now: number): "51027" | "51021" | undefined {
  if (inst.instType !== "FUTURES") return undefined;
  const status = futuresStatus(INSTRUMENTS, inst, now);
  return status === "expired" ? "51027" : status === "unlisted" ? "51021" : undefined;
}
