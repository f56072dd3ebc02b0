/**
 * OKX v5 wire shapes we read (reference §4). Every number is a decimal string; every timestamp is Unix
 * milliseconds as a string. Only the fields the adapter uses are declared.
 */

export interface OkxEnvelope<T = unknown> {
  /** "0" on success; a number in a few observed replies (404). */
  code?: string | number;
  msg?: string;
  data?: T[] | Record<string, unknown>;
}

/** The per-item result of place and cancel (`sCode` "0" means accepted). */
export interface OkxItemResult {
  ordId?: string;
  clOrdId?: string;
  sCode?: string;
  sMsg?: string;
}

export interface OkxInstrumentRow {
  instType: string;
  instId: string;
  uly?: string;
  instFamily?: string;
  baseCcy?: string;
  quoteCcy?: string;
  settleCcy?: string;
  ctVal?: string;
  ctValCcy?: string;
  ctType?: string;
  /** Contracts: the highest leverage allowed. */
  lever?: string;
  /** FUTURES: delivery time, Unix ms. */
  expTime?: string;
  /** FUTURES: `this_week`, `next_week`, `this_month`, `next_month`, `quarter`, `next_quarter`, `third_quarter`. */
  alias?: string;
  tickSz: string;
  lotSz: string;
  minSz: string;
  maxLmtSz?: string;
  maxMktSz?: string;
  maxLmtAmt?: string;
  maxMktAmt?: string;
  state?: string;
}

export interface OkxTicker {
  instType?: string;
  instId: string;
  last: string;
  askPx: string;
  bidPx: string;
  open24h: string;
  high24h: string;
  low24h: string;
  vol24h: string;
  volCcy24h: string;
  ts: string;
}

export interface OkxBook {
  asks: string[][];
  bids: string[][];
  ts: string;
}

export interface OkxTrade {
  instId: string;
  tradeId: string;
  px: string;
  sz: string;
  side: string;
  ts: string;
}

/** `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`. */
export type OkxCandle = string[];

export interface OkxFundingRate {
  instId: string;
  fundingRate: string;
  fundingTime: string;
  nextFundingTime: string;
}

export interface OkxBalanceDetail {
  ccy: string;
  availBal?: string;
  availEq?: string;
  frozenBal?: string;
  ordFrozen?: string;
  cashBal?: string;
  eq?: string;
  /** Last change of this currency's balance (epoch ms); the private `account` channel carries it too. */
  uTime?: string;
}

export interface OkxBalance {
  details?: OkxBalanceDetail[];
  uTime?: string;
}

export interface OkxPosition {
  instId: string;
  instType?: string;
  pos: string;
  availPos?: string;
  posSide?: string;
  avgPx?: string;
  upl?: string;
  lever?: string;
  margin?: string;
  imr?: string;
  mgnMode?: string;
  /** The margin currency (the settlement coin on inverse contracts). */
  ccy?: string;
  posId?: string;
  /** Last adjustment of the position (epoch ms). */
  uTime?: string;
}

export interface OkxOrder {
  instType?: string;
  instId: string;
  ordId: string;
  clOrdId?: string;
  px?: string;
  sz: string;
  ordType?: string;
  side: string;
  posSide?: string;
  tdMode?: string;
  tgtCcy?: string;
  accFillSz?: string;
  avgPx?: string;
  state: string;
  reduceOnly?: string;
  cTime?: string;
  uTime?: string;
}
