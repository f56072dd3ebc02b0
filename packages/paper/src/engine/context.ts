import { Dec, type Logger, type OrderIntent, silentLogger } from "@fmz-gateway/core";
import type { PositionSide } from "../store/rows";
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
    /** The mount's logger: liquidations are warnings a user must see. */
    readonly logger: Logger = silentLogger(),
  ) {
    this.instruments = new Instruments(source, exchange, options.market);
    this.maker = new Dec(options.fees.maker);
    this.taker = new Dec(options.fees.taker);
    this.maxSlippage = new Dec(options.maxSlippage);
    this.maintenance = new Dec(options.maintenanceMargin);
  }

  /** The highest leverage of a contract: the source's, else the mount's `maxLeverage`. */
  maxLeverage(inst: Instrument): number {
    return inst.maxLeverage ?? this.options.maxLeverage;
  }

  /** The account's leverage on a contract: what `marginlevel` set, else the default (within the cap). */
  leverage(account: number, inst: Instrument): number {
    return (
      this.store.leverage(account, inst.text) ??
      Math.min(this.options.defaultLeverage, this.maxLeverage(inst))
    );
  }

  /** Which position an order trades: the one net position, or the side FMZ's direction names (hedge mode). */
  positionSide(intent: OrderIntent): PositionSide {
    if (this.options.positionMode === "net") return "net";
    return intent.position === "short" ? "short" : "long";
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
