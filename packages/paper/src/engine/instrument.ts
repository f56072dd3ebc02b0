import {
  Dec,
  type DecimalText,
  type InstrumentSymbol,
  type SourceMarket,
  type SourceMarkets,
  parseSymbol,
  requireInstrument,
  roundToStep,
  wireName,
} from "@fmz-gateway/core";
import type { MarketSource } from "../market/market-source";
import { PaperError } from "./paper-error";

/** An instrument as the paper exchange trades it: the source's market facts as exact decimals. */
export interface Instrument {
  readonly symbol: InstrumentSymbol;
  /** `BTC_USDT` or `BTC_USDT.swap`. */
  readonly text: string;
  readonly isSwap: boolean;
  readonly base: string;
  readonly quote: string;
  readonly tick: Dec;
  readonly lot: Dec;
  readonly minQty: Dec;
  readonly maxQty: Dec;
  readonly minNotional: Dec;
  /** Base per contract (1 on spot). */
  readonly ctVal: Dec;
  /** Contracts: the highest leverage, as the source states it (undefined where it states none). */
  readonly maxLeverage?: number;
}

const MARKETS_TTL_MS = 10 * 60_000;

/** The source's markets, cached (they change rarely), and symbol → instrument for this mount's market. */
export class Instruments {
  /** The markets and the instruments read from them so far (each read once per markets load). */
  private cache?: { at: number; markets: SourceMarkets; instruments: Map<string, Instrument> };

  constructor(
    private readonly source: MarketSource,
    private readonly exchange: string,
    private readonly market: "spot" | "swap",
  ) {}

  async markets(signal?: AbortSignal): Promise<SourceMarkets> {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > MARKETS_TTL_MS) {
      const markets = await this.source.call("getMarkets", {}, { signal });
      this.cache = { at: now, markets, instruments: new Map() };
    }
    return this.cache.markets;
  }

  /**
   * The canonical text of a symbol on this mount: a bare pair means the mount's market. A contract on a
   * spot mount is refused: a spot account holds no margin and no positions, and one opened there
   * anyway would be one no spot exchange has.
   */
  canonical(symbol: InstrumentSymbol): string {
    if (symbol.contract && this.market === "spot") {
      throw new PaperError(
        this.exchange,
        "WRONG_MARKET",
        `${symbol.text} is a contract and ${this.exchange} is a spot mount; trade contracts on a paper mount with "market": "swap"`,
      );
    }
    if (symbol.contract) return symbol.text;
    return this.market === "swap" ? `${symbol.text}.swap` : symbol.text;
  }

  async get(symbol: InstrumentSymbol | string, signal?: AbortSignal): Promise<Instrument> {
    const text = typeof symbol === "string" ? symbol : this.canonical(symbol);
    const markets = await this.markets(signal);
    const known = this.cache?.instruments.get(text);
    if (known) return known;
    // Own properties only: `markets` is a plain object and `text` comes from the caller.
    const m = Object.hasOwn(markets, text) ? markets[text] : undefined;
    if (!m) {
      throw new PaperError(
        this.exchange,
        "UNKNOWN_SYMBOL",
        `${text} is not traded on ${this.source.name}; ${tradedList(markets, text, this.market)}`,
      );
    }
    const inst = toInstrument(m, text);
    this.cache?.instruments.set(text, inst);
    return inst;
  }
}

/** Symbols named when one is unknown: enough to spot a typo, few enough for a live source's thousands. */
const LISTED_SYMBOLS = 10;

/**
 * The symbols of the mount's market, those with the same base first (`BTC_USTD` → `BTC_USDT`), at
 * most `LISTED_SYMBOLS` of them, with how many more `markets` lists.
 */
export function tradedList(markets: SourceMarkets, wanted: string, market: "spot" | "swap"): string {
  const base = wanted.split(/[_.]/)[0];
  const onMarket = Object.keys(markets).filter((s) => s.includes(".") === (market === "swap"));
  const rank = (s: string) => (s.split(/[_.]/)[0] === base ? 0 : 1);
  const sorted = onMarket.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const shown = sorted.slice(0, LISTED_SYMBOLS);
  const more = sorted.length - shown.length;
  if (shown.length === 0) return `its ${market} market lists no symbols`;
  return `it trades ${shown.join(", ")}${more > 0 ? ` and ${more} more (see markets)` : ""}`;
}

/** A size the source states, or `fallback` where it states none (0). */
function dec(text: DecimalText | undefined, fallback: string): Dec {
  const d = text === undefined || text === "" ? undefined : new Dec(text);
  return d?.gt(0) ? d : new Dec(fallback);
}

function toInstrument(m: SourceMarket, text: string): Instrument {
  const symbol = requireInstrument(parseSymbol(text), wireName("createOrder"));
  const isSwap = symbol.contract !== undefined;
  return {
    symbol,
    text,
    isSwap,
    base: symbol.base,
    quote: symbol.quote,
    tick: dec(m.tickSize, "0.00000001"),
    lot: dec(m.amountSize, "0.00000001"),
    minQty: dec(m.minQty, "0"),
    maxQty: dec(m.maxQty, "1e30"),
    minNotional: dec(m.minNotional, "0"),
    ctVal: isSwap ? dec(m.ctVal, "1") : new Dec(1),
    maxLeverage:
      isSwap && m.maxLeverage !== undefined && Number(m.maxLeverage) >= 1 ? Number(m.maxLeverage) : undefined,
  };
}

/** A price on the instrument's tick. */
export function roundPrice(inst: Instrument, price: Dec | string): Dec {
  return new Dec(roundToStep(new Dec(price), inst.tick, "nearest"));
}

/** An amount on the instrument's lot, rounded down so an order never trades more than asked. */
export function roundAmount(inst: Instrument, amount: Dec | string): Dec {
  return new Dec(roundToStep(new Dec(amount), inst.lot, "down"));
}
