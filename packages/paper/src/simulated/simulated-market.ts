import {
  BadRequestError,
  type Bar,
  Dec,
  type Depth,
  type DepthLevel,
  type Funding,
  type Markets,
  type ParamsOf,
  type PublicMethodName,
  type ResultOf,
  type Ticker,
  type Trade,
  roundToStep,
} from "@fmz-gateway/core";
import type { Clock, MarketSource } from "../market/market-source";
import { SIM_INSTRUMENTS, type SimInstrument, findSimInstrument } from "./instruments";
import { textKey, unit } from "./noise";
import { midAt, priceAt } from "./price-path";

/** One public trade prints every TRADE_MS; the book is redrawn every BOOK_MS. */
const TRADE_MS = 2_000;
const BOOK_MS = 1_000;
const BOOK_LEVELS = 50;
const RECENT_TRADES = 50;
export const FUNDING_INTERVAL_MS = 8 * 3_600_000;

/**
 * A deterministic, seeded market with no network: prices are a function of the seed and the clock, so
 * it is live (it moves as time passes) and reproducible (the same seed and time give the same book,
 * trades, candles and funding). Tests drive it through an injected clock.
 */
export class SimulatedMarket implements MarketSource {
  readonly name = "simulated";
  constructor(
    readonly seed: number,
    public clock: Clock = Date.now,
  ) {}

  now(): number {
    return this.clock();
  }

  async call<K extends PublicMethodName>(method: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
    const p = params as Record<string, unknown>;
    const at = this.now();
    const sym = () => this.instrument((p.symbol as { text: string }).text);
    const answers: Record<PublicMethodName, () => unknown> = {
      getTicker: () => this.ticker(sym(), at),
      getDepth: () => this.depth(sym(), at, p.limit as number | undefined),
      getTrades: () => this.trades(sym(), at),
      getRecords: () => this.records(sym(), at, p.period as number, p.limit as number | undefined),
      getMarkets: () => this.markets(),
      getTickers: () => SIM_INSTRUMENTS.map((i) => this.ticker(i, at)),
      getFundings: () => this.fundings((p.symbol as { text: string }).text, at),
    };
    return answers[method]() as ResultOf<K>;
  }

  private instrument(symbol: string): SimInstrument {
    const inst = findSimInstrument(symbol);
    if (!inst) {
      throw new BadRequestError(
        `unknown symbol ${symbol}: the simulated market has ${SIM_INSTRUMENTS.map((i) => i.market.symbol).join(", ")}`,
      );
    }
    return inst;
  }

  markets(): Markets {
    return Object.fromEntries(SIM_INSTRUMENTS.map((i) => [i.market.symbol, { ...i.market }]));
  }

  /** Best bid and ask at `t`: around the mid, at least one tick apart. */
  private touch(inst: SimInstrument, t: number): { bid: Dec; ask: Dec; step: Dec } {
    const mid = midAt(this.seed, inst, Math.floor(t / BOOK_MS) * BOOK_MS);
    const tick = String(inst.market.tickSize);
    const bid = new Dec(roundToStep(new Dec((mid * 0.99995).toPrecision(15)), tick, "down"));
    let ask = new Dec(roundToStep(new Dec((mid * 1.00005).toPrecision(15)), tick, "up"));
    if (ask.lte(bid)) ask = bid.plus(tick);
    const steps = Math.max(1, Math.round((mid * 0.0002) / inst.market.tickSize));
    return { bid, ask, step: new Dec(tick).mul(steps) };
  }

  private levelAmount(inst: SimInstrument, side: number, level: number, t: number): number {
    const lot = String(inst.market.amountSize);
    const raw = inst.levelSize * (0.2 + 1.6 * unit(this.seed, textKey(inst.market.symbol), side, level, t));
    const amount = new Dec(roundToStep(new Dec(raw.toPrecision(12)), lot, "down"));
    return (amount.isZero() ? new Dec(lot) : amount).toNumber();
  }

  depth(inst: SimInstrument, t: number, limit = 20): Depth {
    const slot = Math.floor(t / BOOK_MS);
    const { bid, ask, step } = this.touch(inst, t);
    const n = Math.min(limit, BOOK_LEVELS);
    const asks: DepthLevel[] = [];
    const bids: DepthLevel[] = [];
    for (let i = 0; i < n; i++) {
      asks.push([ask.plus(step.mul(i)).toNumber(), this.levelAmount(inst, 1, i, slot)]);
      bids.push([bid.minus(step.mul(i)).toNumber(), this.levelAmount(inst, 2, i, slot)]);
    }
    return { time: slot * BOOK_MS, asks, bids };
  }

  private tradeAt(inst: SimInstrument, n: number): Trade {
    const key = textKey(inst.market.symbol);
    const time = n * TRADE_MS;
    const buy = unit(this.seed, key, 7, n) < 0.5;
    const { bid, ask } = this.touch(inst, time);
    const lot = String(inst.market.amountSize);
    const raw = inst.levelSize * 0.05 * (0.1 + unit(this.seed, key, 8, n));
    const amount = Dec.max(new Dec(roundToStep(new Dec(raw.toPrecision(12)), lot, "down")), lot);
    return { id: String(n), time, price: (buy ? ask : bid).toNumber(), amount: amount.toNumber(), type: buy ? "buy" : "sell" };
  }

  /** The most recent public trades, oldest first. */
  trades(inst: SimInstrument, t: number): Trade[] {
    const last = Math.floor(t / TRADE_MS);
    const out: Trade[] = [];
    for (let n = last - RECENT_TRADES + 1; n <= last; n++) out.push(this.tradeAt(inst, n));
    return out;
  }

  ticker(inst: SimInstrument, t: number): Ticker {
    const { bid, ask } = this.touch(inst, t);
    const last = this.tradeAt(inst, Math.floor(t / TRADE_MS)).price;
    const day = 86_400_000;
    const samples = Array.from({ length: 97 }, (_, i) => Number(priceAt(this.seed, inst, t - day + i * 900_000)));
    const vol = inst.levelSize * 400 * (0.5 + unit(this.seed, textKey(inst.market.symbol), 9, Math.floor(t / day)));
    return {
      symbol: inst.market.symbol,
      buy: bid.toNumber(),
      sell: ask.toNumber(),
      high: Math.max(...samples, last, ask.toNumber()),
      low: Math.min(...samples, last, bid.toNumber()),
      open: samples[0],
      last,
      vol: Number(vol.toFixed(4)),
      time: t,
    };
  }

  /** `limit` bars of `period` minutes, oldest first, the last one the bar in progress. */
  records(inst: SimInstrument, t: number, period: number, limit = 100): Bar[] {
    if (!Number.isInteger(period) || period < 1) throw new BadRequestError(`invalid period ${period}`);
    const n = Math.min(limit, 2_000);
    const barMs = period * 60_000;
    const current = Math.floor(t / barMs);
    const key = textKey(inst.market.symbol);
    const bars: Bar[] = [];
    for (let b = current - n + 1; b <= current; b++) {
      const start = b * barMs;
      const end = Math.min(start + barMs, t);
      const points = Array.from({ length: 9 }, (_, i) => Number(priceAt(this.seed, inst, start + ((end - start) * i) / 8)));
      const volume = inst.levelSize * Math.sqrt(period) * (0.5 + unit(this.seed, key, 10, period, b));
      bars.push([start / 1000, points[0], Math.max(...points), Math.min(...points), points[8], Number(volume.toFixed(4))]);
    }
    return bars;
  }

  /** The rate of the funding at `time` (a multiple of the interval): between -0.03 % and +0.05 %. */
  fundingRate(symbol: string, time: number): string {
    const slot = Math.floor(time / FUNDING_INTERVAL_MS);
    return new Dec(unit(this.seed, textKey(symbol), 11, slot)).mul("0.0008").minus("0.0003").toFixed(6, Dec.ROUND_DOWN);
  }

  fundings(symbol: string, t: number): Funding[] {
    const swaps = SIM_INSTRUMENTS.filter((i) => i.isSwap && (i.market.symbol === symbol || symbol.endsWith(".swap") && !symbol.includes("_") && i.market.quoteAsset === symbol.split(".")[0]));
    const next = (Math.floor(t / FUNDING_INTERVAL_MS) + 1) * FUNDING_INTERVAL_MS;
    return swaps.map((i) => ({
      symbol: i.market.symbol,
      rate: Number(this.fundingRate(i.market.symbol, next)),
      interval: FUNDING_INTERVAL_MS,
      time: next,
    }));
  }
}
