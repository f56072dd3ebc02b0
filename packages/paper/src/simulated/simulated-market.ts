import {
  BadRequestError,
  type ParamsOf,
  type PublicMethodName,
  type SourceBar,
  type SourceDepth,
  type SourceMarkets,
  type SourceResultOf,
  type SourceTicker,
  type SourceTrade,
} from "@fmz-gateway/core";
import type { Clock, MarketSource } from "../market/market-source";
import * as book from "./book";
import * as history from "./history";
import { SIM_INSTRUMENTS, type SimInstrument, findSimInstrument } from "./instruments";

export { FUNDING_INTERVAL_MS, MAX_SIM_BARS } from "./history";

/**
 * A deterministic, seeded market with no network: prices are a function of the seed and the clock, so
 * it is live (it moves as time passes) and reproducible (the same seed and time give the same book,
 * trades, candles and funding). Tests drive it through an injected clock. It answers exactly what a
 * mount source answers (money as decimal text), so the engine reads one representation either way.
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

  async call<K extends PublicMethodName>(method: K, params: ParamsOf<K>): Promise<SourceResultOf<K>> {
    const p = params as Record<string, unknown>;
    const at = this.now();
    const symbol = () => (p.symbol as { text: string }).text;
    const sym = () => this.instrument(symbol());
    // A switch, not a table of closures: the ticker is asked thousands of times a second.
    switch (method as PublicMethodName) {
      case "getTicker":
        return this.ticker(sym(), at) as SourceResultOf<K>;
      case "getDepth":
        return this.depth(sym(), at, p.limit as number | undefined) as SourceResultOf<K>;
      case "getTrades":
        return this.trades(sym(), at) as SourceResultOf<K>;
      case "getRecords":
        return this.records(
          sym(),
          at,
          p.period as number,
          p.limit as number | undefined,
        ) as SourceResultOf<K>;
      case "getMarkets":
        return this.markets() as SourceResultOf<K>;
      case "getTickers":
        return SIM_INSTRUMENTS.map((i) => this.ticker(i, at)) as SourceResultOf<K>;
      case "getFundings":
        return history.fundings(this.seed, symbol(), at) as SourceResultOf<K>;
    }
    throw new BadRequestError(`the simulated market has no ${String(method)}`);
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

  markets(): SourceMarkets {
    return Object.fromEntries(SIM_INSTRUMENTS.map((i) => [i.market.symbol, { ...i.market }]));
  }

  depth(inst: SimInstrument, t: number, limit?: number): SourceDepth {
    return book.depth(this.seed, inst, t, limit);
  }

  /** The most recent public trades, oldest first. */
  trades(inst: SimInstrument, t: number): SourceTrade[] {
    return book.trades(this.seed, inst, t);
  }

  /** The last ticker made: a function of instrument and millisecond, asked often within one under load. */
  private lastTicker?: { inst: SimInstrument; t: number; ticker: SourceTicker };

  ticker(inst: SimInstrument, t: number): SourceTicker {
    const last = this.lastTicker;
    if (last?.inst === inst && last.t === t) return { ...last.ticker };
    const ticker = history.ticker(this.seed, inst, t);
    this.lastTicker = { inst, t, ticker: { ...ticker } };
    return ticker;
  }

  /** `limit` bars of `period` minutes, oldest first, the last one the bar in progress. */
  records(inst: SimInstrument, t: number, period: number, limit?: number): SourceBar[] {
    return history.records(this.seed, inst, t, period, limit);
  }
}
