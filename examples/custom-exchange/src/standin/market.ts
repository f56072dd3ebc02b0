import { Dec } from "@fmz-gateway/core";
import type { DemoCandle, DemoDepth, DemoInstrument, DemoLevel, DemoTicker, DemoTrade } from "../api-types";
import { unknownSymbol } from "./errors";

/** One listed instrument and how its made-up market looks. */
interface Listing {
  instrument: DemoInstrument;
  /** Mid price of the static book. */
  mid: string;
  /** Distance between book levels. */
  levelStep: string;
  /** Size of the first book level; level i has (i + 1) times this. */
  levelSize: string;
  /** Unit the candles move in. */
  candleStep: string;
}

const LISTINGS: Listing[] = [
  {
    instrument: {
      symbol: "BTC-USDT",
      base: "BTC",
      quote: "USDT",
      tickSize: "0.1",
      lotSize: "0.0001",
      minQty: "0.0001",
      maxQty: "100",
      minNotional: "5",
      maxNotional: "5000000",
      quoteStep: "0.01",
    },
    mid: "60000",
    levelStep: "0.5",
    levelSize: "0.125",
    candleStep: "1.5",
  },
  {
    instrument: {
      symbol: "ETH-USDT",
      base: "ETH",
      quote: "USDT",
      tickSize: "0.01",
      lotSize: "0.001",
      minQty: "0.001",
      maxQty: "1000",
      minNotional: "5",
      maxNotional: "5000000",
      quoteStep: "0.01",
    },
    mid: "3000",
    levelStep: "0.05",
    levelSize: "1.5",
    candleStep: "0.25",
  },
  {
    instrument: {
      symbol: "DOGE-USDT",
      base: "DOGE",
      quote: "USDT",
      tickSize: "0.00001",
      lotSize: "1",
      minQty: "10",
      maxQty: "10000000",
      minNotional: "5",
      maxNotional: "1000000",
      quoteStep: "0.01",
    },
    mid: "0.15",
    levelStep: "0.00005",
    levelSize: "1000",
    candleStep: "0.0001",
  },
];

/** Levels the stand-in's book has on each side (DEMOEX serves at most 50). */
export const BOOK_LEVELS = 50;

/** Bar lengths DEMOEX offers, in milliseconds. */
export const INTERVAL_MS: Record<string, number> = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "30m": 1_800_000,
  "1h": 3_600_000,
  "4h": 14_400_000,
  "1d": 86_400_000,
};

/**
 * DEMOEX's market data, made up but deterministic so tests can predict every value: a static book around
 * a mid price, candles computed from their start time, and a trade tape that fills append to.
 */
export class Market {
  private readonly listings = new Map(LISTINGS.map((l) => [l.instrument.symbol, l]));
  private readonly tapes = new Map<string, DemoTrade[]>();
  private tradeSequence = 5000;

  constructor(now = Date.now()) {
    for (const l of LISTINGS) {
      const tape: DemoTrade[] = [];
      for (let i = 0; i < 30; i++) {
        const up = i % 2 === 0;
        tape.push({
          id: String(++this.tradeSequence),
          ts: now - (30 - i) * 1000,
          price: new Dec(l.mid).plus(up ? l.levelStep : new Dec(l.levelStep).neg()).toFixed(),
          qty: new Dec(l.levelSize).mul((i % 3) + 1).toFixed(),
          side: up ? "buy" : "sell",
        });
      }
      this.tapes.set(l.instrument.symbol, tape);
    }
  }

  instruments(): DemoInstrument[] {
    return LISTINGS.map((l) => ({ ...l.instrument }));
  }

  instrument(symbol: string): DemoInstrument {
    return this.listing(symbol).instrument;
  }

  /** The book, best level first: asks ascending from mid + step, bids descending from mid − step. */
  depth(symbol: string, levels = BOOK_LEVELS): DemoDepth {
    const l = this.listing(symbol);
    const side = (sign: 1 | -1): DemoLevel[] =>
      Array.from({ length: Math.min(levels, BOOK_LEVELS) }, (_, i) => [
        new Dec(l.mid).plus(new Dec(l.levelStep).mul(i + 1).mul(sign)).toFixed(),
        new Dec(l.levelSize).mul(i + 1).toFixed(),
      ]);
    return { ts: Date.now(), asks: side(1), bids: side(-1) };
  }

  bestAsk(symbol: string): string {
    return this.depth(symbol, 1).asks[0][0];
  }

  bestBid(symbol: string): string {
    return this.depth(symbol, 1).bids[0][0];
  }

  ticker(symbol: string): DemoTicker {
    const l = this.listing(symbol);
    const tape = this.trades(symbol);
    const mid = new Dec(l.mid);
    return {
      symbol,
      bid: this.bestBid(symbol),
      ask: this.bestAsk(symbol),
      last: tape[tape.length - 1].price,
      open24h: mid.mul("0.98").toFixed(),
      high24h: mid.mul("1.03").toFixed(),
      low24h: mid.mul("0.97").toFixed(),
      volume24h: new Dec(l.levelSize).mul(1234).toFixed(),
      ts: Date.now(),
    };
  }

  /** The tape, oldest first (the API answers newest first). */
  trades(symbol: string): DemoTrade[] {
    this.listing(symbol);
    return this.tapes.get(symbol) ?? [];
  }

  /** Appends a fill to the tape, so the ticker's last price follows trading. */
  recordFill(symbol: string, side: "buy" | "sell", price: string, qty: string): void {
    this.trades(symbol).push({ id: String(++this.tradeSequence), ts: Date.now(), price, qty, side });
  }

  /** The bar starting at `start` (a multiple of the interval): a function of its index, nothing stored. */
  candle(symbol: string, intervalMs: number, start: number): DemoCandle {
    const l = this.listing(symbol);
    const k = Math.floor(start / intervalMs);
    const at = (n: number) => new Dec(l.mid).plus(new Dec(l.candleStep).mul(((n * 7) % 41) - 20));
    const open = at(k);
    const close = at(k + 1);
    const high = Dec.max(open, close).plus(l.candleStep);
    const low = Dec.min(open, close).minus(new Dec(l.candleStep).mul(2));
    const volume = new Dec(l.levelSize).mul((k % 9) + 1);
    return [start, open.toFixed(), high.toFixed(), low.toFixed(), close.toFixed(), volume.toFixed()];
  }

  /** Up to `limit` bars starting before `before` (default: including the bar in progress), newest first. */
  candles(
    symbol: string,
    intervalMs: number,
    limit: number,
    before?: number,
    now = Date.now(),
  ): DemoCandle[] {
    const newest = Math.floor(((before ?? now + intervalMs) - 1) / intervalMs) * intervalMs;
    const current = Math.floor(now / intervalMs) * intervalMs;
    const first = Math.min(newest, current);
    return Array.from({ length: limit }, (_, i) => this.candle(symbol, intervalMs, first - i * intervalMs));
  }

  private listing(symbol: string): Listing {
    const l = this.listings.get(symbol);
    if (!l) throw unknownSymbol(symbol);
    return l;
  }
}
