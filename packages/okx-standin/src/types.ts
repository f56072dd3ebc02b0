// Public types of the stand-in. Everything a test can see or configure is declared here.

export interface StandinCredential {
  apiKey: string;
  secret: string;
  passphrase: string;
  /** true: the key is only valid with header `x-simulated-trading: 1`; false/absent: only without it (OKX 50101). */
  demo?: boolean;
}

export interface StandinOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default DEFAULT_CREDENTIALS. When given, replaces the defaults. */
  credentials?: StandinCredential[];
  /** Default true: OKX's published per-endpoint limits, HTTP 429 code 50011 when exceeded. */
  enforceRateLimits?: boolean;
  /** Allowed |server time − OK-ACCESS-TIMESTAMP| in ms. Default 30000 (OKX's window). */
  timeWindowMs?: number;
  /**
   * Cap on `requests` so a long benchmark cannot exhaust memory; the oldest records are dropped first.
   * Default 100000.
   */
  maxRecordedRequests?: number;
}

export type FaultKind = "http500" | "garbage" | "hang" | "drop-after-accept" | "rate-limit" | "okx-error";

export type FaultSpec = {
  /** Matches any method when absent. */
  method?: string;
  /** "/api/v5/trade/order", "/trade/order" or "trade/order" all mean the same path; the query is ignored. */
  path: string;
  /** How many matching requests the fault applies to. Default 1; Infinity for "until cleared". */
  times?: number;
  kind: FaultKind;
  /** okx-error only: the OKX code to return (default "50001"). */
  code?: string;
  /** okx-error only: the message (default: OKX's text for the code, when known). */
  msg?: string;
};

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/api/v5/trade/order". */
  path: string;
  /** Raw query string without "?", exactly as received ("" when none). */
  query: string;
  /** Raw request body text ("" when none). */
  body: string;
  /** Value of OK-ACCESS-KEY, if sent. Secrets, passphrases and signatures are never stored. */
  apiKey: string | undefined;
  /** Value of x-simulated-trading, if sent. */
  simulated: string | undefined;
  /** Server clock (ms) when the request arrived. */
  receivedAt: number;
  /** HTTP status sent back; undefined while pending, or when hung/dropped. */
  status?: number;
  /** Set when a fault handled this request. */
  fault?: FaultKind;
}

export type OrderState = "live" | "partially_filled" | "filled" | "canceled";

/** A snapshot of one order held by the stand-in, in OKX's field names and string-typed numbers. */
export interface StandinOrder {
  apiKey: string;
  demo: boolean;
  ordId: string;
  clOrdId: string;
  tag: string;
  instId: string;
  instType: "SPOT" | "SWAP";
  side: "buy" | "sell";
  ordType: string;
  tdMode: string;
  posSide: string;
  sz: string;
  px: string;
  tgtCcy: string;
  reduceOnly: boolean;
  state: OrderState;
  accFillSz: string;
  avgPx: string;
  fillPx: string;
  fillSz: string;
  lever: string;
  pnl: string;
  cTime: string;
  uTime: string;
}

export interface TickerFields {
  last: string;
  bidPx: string;
  askPx: string;
}

export interface OkxStandin {
  url: string;
  port: number;
  /** Stops listening and destroys every socket, hung ones included. */
  close(): Promise<void>;
  addCredential(c: StandinCredential): void;
  faults: { add(f: FaultSpec): void; clear(): void };
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Every order the exchange holds, across all accounts, oldest first. */
  orders(): StandinOrder[];
  /** Sets the cash balance of `ccy` in the account of `apiKey` (throws for an unknown key). */
  setBalance(apiKey: string, ccy: string, amount: string): void;
  /**
   * Moves the market. Giving only `last` re-centres bid/ask one tick either side of it. Resting limit orders
   * that become marketable fill at their limit price.
   */
  setTicker(instId: string, fields: Partial<TickerFields>): void;
  /** Back to the initial state: orders, balances, positions, leverage, tickers, faults, requests, rate limits. */
  reset(): void;
}
