// The instruments the stand-in lists and trades. SPOT rows follow the docs' BTC-USDT example; SWAP rows
// copy the contract specs of the live-format SWAP fixture quoted in the reference (§4.8), so lot/tick/ctVal
// rounding a client learns here is what it would learn from OKX.

import { decimalsOf, parseDecimal } from "./decimal";

export type InstType = "SPOT" | "SWAP";

interface InstrumentSpec {
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
  /** The row /public/instruments returns, as a JSON string. */
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

function rowFor(s: InstrumentSpec, uly: string): Record<string, unknown> {
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
  // Field order follows the SWAP fixture (alphabetical, as OKX returns it).
  return {
    alias: "",
    auctionEndTime: "",
    baseCcy: "",
    category: "1",
    contTdSwTime: "",
    ctMult: "1",
    ctType: s.ctType,
    ctVal: s.ctVal,
    ctValCcy: s.ctValCcy,
    expTime: "",
    futureSettlement: false,
    instFamily: uly,
    instId: s.instId,
    instIdCode: s.instIdCode,
    instType: "SWAP",
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

function build(s: InstrumentSpec): Instrument {
  // ccxt derives base/quote of a contract from `uly`, so SWAP rows need it ("BTC-USDT" for BTC-USDT-SWAP).
  const uly = s.instType === "SWAP" ? s.instId.replace(/-SWAP$/, "") : "";
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
    json: JSON.stringify(rowFor(s, uly)),
  };
}

export const INSTRUMENTS: readonly Instrument[] = SPECS.map(build);
export const INSTRUMENTS_BY_ID: ReadonlyMap<string, Instrument> = new Map(
  INSTRUMENTS.map((i) => [i.instId, i]),
);

/** instTypes /public/instruments accepts; the ones we do not trade answer an empty list. */
export const INST_TYPES = new Set(["SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION"]);

export function instrumentsOfType(instType: string): Instrument[] {
  return INSTRUMENTS.filter((i) => i.instType === instType);
}

/** Precomputed full answers per instType, since ccxt's loadMarkets asks for every type on start-up. */
export const INSTRUMENTS_RESPONSE: ReadonlyMap<string, string> = new Map(
  [...INST_TYPES].map((t) => [
    t,
    `{"code":"0","msg":"","data":[${instrumentsOfType(t)
      .map((i) => i.json)
      .join(",")}]}`,
  ]),
);
