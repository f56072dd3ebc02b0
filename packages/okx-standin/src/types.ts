// Public types of the stand-in. Everything a test can see or configure is declared here.

export interface StandinCredential {
  apiKey: string;
  secret: string;
  passphrase: string;
  /** true: the key is only valid with header `x-simulated-trading: 1`; false/absent: only without it (OKX 50101). */
  demo?: boolean;
  /**
   * The account's position mode (account/config `posMode`): `net_mode` (default) or `long_short_mode`.
   * Changeable later with POST /api/v5/account/set-position-mode.
   */
  posMode?: PosMode;
}

export type PosMode = "net_mode" | "long_short_mode";

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
   * How far the stand-in's clock runs ahead of the host's, in ms (negative: behind). It is what
   * /public/time answers, what the 30 s window is checked against, and what dated futures expire by.
   * Default 0; change it later with setClockOffset().
   */
  clockOffsetMs?: number;
  /**
   * Cap on `requests` so a long benchmark cannot exhaust memory; the oldest records are dropped first.
   * Default 100000.
   */
  maxRecordedRequests?: number;
  /**
   * Every REST request is handled this many ms after it arrives (default 0: at once, on the fast path), so
   * the bench can stand in for an internet round trip. Websocket traffic is not delayed.
   */
  restDelayMs?: number;
  /** Websocket idle cut (close 4004), in ms: no client frame and no data push for this long. Default 30000. */
  wsIdleMs?: number;
  /** Default false: `books` carry `checksum: 0`, as OKX sends since June 2026. true: the real signed CRC32. */
  wsChecksums?: boolean;
  /** When > 0, every instrument's market moves one tick up or down every `autoMoveMs` ms. Default 0 (off). */
  autoMoveMs?: number;
}

/** One (channel, instId) the websocket serves, and how many connections are subscribed to it. */
export interface WsSubscriptionCount {
  channel: string;
  instId: string;
  connections: number;
}

/** The error event a refused subscription gets (default code 60018 with OKX's "doesn't exist" text). */
export interface WsRefusal {
  code?: string;
  msg?: string;
}

/** The error event every login gets while `refuseLogins` holds (default code 60009 "Login failed."). */
export interface WsLoginRefusal {
  code?: string;
  msg?: string;
}

/**
 * Counters and fault switches of the websocket (`/ws/v5/public`, `/ws/v5/business` and `/ws/v5/private` on
 * the REST port). The connection-wide ones (dropAll, goSilent, notice, the idle cut) cover all three paths.
 */
export interface WsControls {
  /** Open websocket connections. */
  connectionCount(): number;
  /** Current subscriptions with at least one connection, and how many connections hold each. */
  subscriptions(): WsSubscriptionCount[];
  /** Frames sent to clients (acks, errors, pushes, pongs) since start. */
  messagesSent(): number;
  /** Frames received from clients (requests and text pings) since start. */
  messagesReceived(): number;
  /** Switches real book checksums on or off at runtime (the `wsChecksums` option's initial value). */
  setChecksums(on: boolean): void;
  /** Cuts every connection at once, without a close frame. */
  dropAll(): void;
  /** While on, nothing leaves the server: no pushes, acks, pongs (text or protocol) and no idle close. */
  goSilent(on: boolean): void;
  /** The next book update (of `instId`, or of any instrument) has a prevSeqId no message carried: a gap. */
  skipSequence(instId?: string): void;
  /** The next book update restarts the sequence (seqId < prevSeqId), which OKX documents as legal. */
  resetSequence(instId?: string): void;
  /** The next book message (snapshot or update) carries a wrong, non-zero checksum. */
  badChecksum(instId?: string): void;
  /** Sends OKX's no-change heartbeat now: an update with no levels and seqId == prevSeqId. */
  bookHeartbeat(instId?: string): void;
  /** Subscriptions whose channel or instId equals `channelOrInstId` get an error event instead of an ack. */
  refuse(channelOrInstId: string, error?: WsRefusal): void;
  /**
   * Subscriptions whose channel or instId equals `channelOrInstId` get no answer (no ack, no first push)
   * until `release()`: a resubscription that takes as long as a test needs, so the time a stream is
   * down does not depend on the machine's speed.
   */
  hold(channelOrInstId: string): void;
  /** Ends every hold and answers the held subscriptions of connections still open. */
  release(): void;
  /** Sends OKX's service-upgrade notice (event "notice", code 64008) on every connection. */
  notice(): void;
  /**
   * Every login (on any path) gets this error event instead of being checked, until `refuseLogins(false)`,
   * clearFaults() or reset().
   */
  refuseLogins(error?: WsLoginRefusal | false): void;
  /** Every private data push (not acks, not login replies) leaves `ms` later, in order; 0 ends it. */
  delayPrivate(ms: number): void;
  /** The `orders` pushes of this order are never sent (a missed update); its fills' other pushes still go. */
  suppressOrder(ordId: string): void;
  /** Logged-in `/ws/v5/private` connections, of one API key or of all. */
  privateConnections(apiKey?: string): number;
  /** Login requests received since start or reset(), of one API key (as sent) or of all. */
  loginAttempts(apiKey?: string): number;
  /** Data pushes sent on private channels (orders, account, positions, balance_and_position). */
  privatePushes(apiKey?: string): number;
  /**
   * Ends silence, refusals, holds (answering what they held), pending book faults and the private faults
   * (refused logins, delayed pushes, suppressed orders). reset() calls it too.
   */
  clearFaults(): void;
}

export type FaultKind =
  "http500" | "garbage" | "hang" | "drop-after-accept" | "rate-limit" | "okx-error" | "reset" | "slow";

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
  /** slow only: how long the reply is held back, in ms (default 1000). */
  delayMs?: number;
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
  instType: "SPOT" | "SWAP" | "FUTURES";
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
   * Fills `sz` (a whole number of lots; contracts for swaps) of the live limit order `ordId` at its limit
   * price, as a maker: `partially_filled` while some remains, `filled` once nothing does. Pushes follow as
   * for any fill. Throws for an unknown or finished order, or a size that is not within what remains.
   */
  fillOrder(ordId: string, sz: string): void;
  /**
   * Moves the market. Giving only `last` re-centres bid/ask one tick either side of it. Resting limit orders
   * that become marketable fill at their limit price.
   */
  setTicker(instId: string, fields: Partial<TickerFields>): void;
  /**
   * Back to the initial state: orders, balances, positions, leverage, tickers, faults (websocket ones too),
   * requests, rate limits, and the websocket's login and private-push counters.
   */
  reset(): void;
  /** Moves `instId`'s market by `ticks` ticks (default 1; negative: down), as setTicker({ last }) would. */
  step(instId: string, ticks?: number): void;
  /** The websocket's counters and fault switches. */
  ws: WsControls;
  /** Moves the stand-in's clock to `offsetMs` ahead of the host's (futures expire and roll by it). */
  setClockOffset(offsetMs: number): void;
  /**
   * Sets a swap's coming funding settlement as /public/funding-rate states it (`fundingTime` in ms of
   * the stand-in's clock, `fundingRate` as decimal text), in place of the regular 8-hourly one, so a test
   * need not wait for 00:00, 08:00 or 16:00 UTC; `undefined` puts the schedule back. The stand-in itself
   * settles nothing: a client applies funding as it reads it. reset() clears it.
   */
  setFunding(instId: string, funding: { time: number; rate: string } | undefined): void;
  /** The stand-in's clock now (host clock + offset), Unix ms. */
  now(): number;
  /**
   * Dated futures listed now, nearest expiry first, with their alias (`this_week` …), as
   * /public/instruments?instType=FUTURES lists them.
   */
  futures(): { instId: string; alias: string; expTime: number }[];
}
