import { Dec } from "@fmz-gateway/core";
import type { MarketSource } from "../market/market-source";
import type { PaperOptions } from "../options";
import type { PaperStore } from "../store/paper-store";
import { type Instrument, Instruments } from "./instrument";

/** What every part of the engine shares: the store, the source, the mount's settings. */
export class EngineContext {
  readonly instruments: Instruments;
  readonly maker: Dec;
  readonly taker: Dec;
  readonly maxSlippage: Dec;
  readonly maintenance: Dec;
  private readonly fundingCache = new Map<string, { at: number; time: number; rate: string }>();

  constructor(
    readonly store: PaperStore,
    readonly source: MarketSource,
    readonly options: PaperOptions,
    /** The mount's name: the "exchange" in error texts. */
    readonly exchange: string,
  ) {
    this.instruments = new Instruments(source, exchange, options.market);
    this.maker = new Dec(options.fees.maker);
    this.taker = new Dec(options.fees.taker);
    this.maxSlippage = new Dec(options.maxSlippage);
    this.maintenance = new Dec(options.maintenanceMargin);
  }

  leverage(account: number, symbol: string): number {
    return this.store.leverage(account, symbol) ?? this.options.defaultLeverage;
  }

  /**
   * The next funding of a swap (time and rate) as the source states it. A live source is asked at most
   * once a minute; a source without funding data gives none (no funding is ever applied).
   */
  async funding(inst: Instrument, signal?: AbortSignal): Promise<{ time: number; rate: string }> {
    const cached = this.fundingCache.get(inst.text);
    const live = this.source.name !== "simulated";
    if (cached && live && Date.now() - cached.at < 60_000 && cached.time > this.source.now()) return cached;
    const list = await this.source.call("getFundings", { symbol: inst.symbol }, { signal }).catch(() => []);
    const f = list.find((x) => x.symbol === inst.text) ?? list[0];
    const entry = f
      ? { at: Date.now(), time: f.time, rate: new Dec(f.rate).toFixed() }
      : { at: Date.now(), time: Number.MAX_SAFE_INTEGER, rate: "0" };
    this.fundingCache.set(inst.text, entry);
    return entry;
  }
}
