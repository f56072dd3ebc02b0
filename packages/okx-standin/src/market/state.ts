// The stand-in's market: one ticker per instrument, which tests move with setTicker() to drive fills.
// JSON fragments are rebuilt only when a ticker changes, so a ticker request costs one string concat.

import { div, formatDecimal, formatTruncated, mul, parseDecimal } from "../decimal";
import { INSTRUMENTS, INSTRUMENTS_BY_ID, type Instrument } from "../instruments";
import type { TickerFields } from "../types";
import { stringSeed, unit } from "./prng";

export interface Ticker {
  inst: Instrument;
  last: bigint;
  bid: bigint;
  ask: bigint;
  open24h: bigint;
  high24h: bigint;
  low24h: bigint;
  /** Bumped on every change; caches derived from the ticker compare it. */
  version: number;
  /** The ticker object as JSON up to `"ts":"`, so a request only appends the time. */
  prefix: string;
}

function roundToTick(value: bigint, tick: bigint): bigint {
  return ((value + tick / 2n) / tick) * tick;
}

function buildPrefix(t: Ticker): string {
  const i = t.inst;
  const seed = stringSeed(i.instId);
  const lots = (k: number, span: number): bigint => BigInt(1 + Math.floor(unit(seed, k) * span)) * i.minU;
  const vol24h = lots(1, 2_000_000);
  let volCcy24h: bigint;
  if (i.instType === "SPOT") volCcy24h = mul(vol24h, t.last);
  else if (i.ctType === "linear") volCcy24h = mul(vol24h, i.ctValU);
  else volCcy24h = div(mul(vol24h, i.ctValU), t.last);
  const fields = {
    instType: i.instType,
    instId: i.instId,
    last: formatDecimal(t.last),
    lastSz: formatDecimal(lots(2, 200)),
    askPx: formatDecimal(t.ask),
    askSz: formatDecimal(lots(3, 2000)),
    bidPx: formatDecimal(t.bid),
    bidSz: formatDecimal(lots(4, 2000)),
    open24h: formatDecimal(t.open24h),
    high24h: formatDecimal(t.high24h),
    low24h: formatDecimal(t.low24h),
    volCcy24h: formatTruncated(volCcy24h, 8),
    vol24h: formatDecimal(vol24h),
    sodUtc0: formatDecimal(t.open24h),
    sodUtc8: formatDecimal(t.open24h),
  };
  const json = JSON.stringify(fields);
  return json.slice(0, -1) + ',"ts":"';
}

function initialTicker(inst: Instrument): Ticker {
  const last = parseDecimal(inst.startPrice) ?? 0n;
  const open24h = roundToTick((last * 98n) / 100n, inst.tickU);
  const t: Ticker = {
    inst,
    last,
    bid: last - inst.tickU,
    ask: last + inst.tickU,
    open24h,
    high24h: roundToTick((last * 101n) / 100n, inst.tickU),
    low24h: roundToTick((open24h * 99n) / 100n, inst.tickU),
    version: 0,
    prefix: "",
  };
  t.prefix = buildPrefix(t);
  return t;
}

export class MarketState {
  private readonly tickers = new Map<string, Ticker>();
  private versionCounter = 0;
  /** Told of every ticker change (set or reset), so the websocket can push it. */
  private readonly listeners: ((t: Ticker) => void)[] = [];

  onChange(fn: (t: Ticker) => void): void {
    this.listeners.push(fn);
  }

  private changed(t: Ticker): void {
    for (const fn of this.listeners) fn(t);
  }

  constructor() {
    this.reset();
  }

  reset(): void {
    for (const inst of INSTRUMENTS) {
      const t = initialTicker(inst);
      t.version = ++this.versionCounter;
      this.tickers.set(inst.instId, t);
      this.changed(t);
    }
  }

  get(instId: string): Ticker | undefined {
    return this.tickers.get(instId);
  }

  all(): Ticker[] {
    return [...this.tickers.values()];
  }

  /** Applies a test's market move. Throws for unknown instruments or malformed/off-tick prices. */
  set(instId: string, fields: Partial<TickerFields>): Ticker {
    const t = this.tickers.get(instId);
    const inst = INSTRUMENTS_BY_ID.get(instId);
    if (t === undefined || inst === undefined) throw new Error(`setTicker: unknown instrument ${instId}`);
    const price = (name: keyof TickerFields): bigint | undefined => {
      const text = fields[name];
      if (text === undefined) return undefined;
      const v = parseDecimal(text);
      if (v === undefined || v <= 0n || v % inst.tickU !== 0n) {
        throw new Error(`setTicker: ${name} "${text}" is not a positive multiple of tickSz ${inst.tickSz}`);
      }
      return v;
    };
    const last = price("last");
    const bid = price("bidPx");
    const ask = price("askPx");
    if (last !== undefined) {
      t.last = last;
      // A move of `last` alone drags the touch with it, so resting orders see the new market.
      if (bid === undefined && ask === undefined) {
        t.bid = last > inst.tickU ? last - inst.tickU : last;
        t.ask = last + inst.tickU;
      }
    }
    if (bid !== undefined) t.bid = bid;
    if (ask !== undefined) t.ask = ask;
    if (t.last > t.high24h) t.high24h = t.last;
    if (t.last < t.low24h) t.low24h = t.last;
    t.version = ++this.versionCounter;
    t.prefix = buildPrefix(t);
    this.changed(t);
    return t;
  }

  tickerJson(t: Ticker, now: number): string {
    return t.prefix + now + '"}';
  }

  /** USD value of one unit of ccy, for eqUsd/totalEq: stablecoins are 1, others use CCY-USDT's last. */
  usdPrice(ccy: string): bigint {
    if (ccy === "USDT" || ccy === "USD" || ccy === "USDC") return 10n ** 18n;
    return this.tickers.get(ccy + "-USDT")?.last ?? 0n;
  }
}
