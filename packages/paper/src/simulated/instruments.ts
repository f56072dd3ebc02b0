import type { SourceMarket } from "@fmz-gateway/core";

/** One simulated instrument: its market facts and what shapes its price and book. */
export interface SimInstrument {
  /** As a mount source states it: sizes and steps as exact decimal text. */
  readonly market: SourceMarket;
  /** The price the path wanders around. */
  readonly basePrice: number;
  /** The path it follows (a swap follows its spot pair, with a small basis of its own). */
  readonly pathKey: string;
  /** Typical size of one book level, in amount units (base on spot, contracts on swaps). */
  readonly levelSize: number;
  readonly isSwap: boolean;
}

function market(
  symbol: string,
  tickSize: string,
  amountSize: string,
  ctVal: string,
  minNotional: string,
  maxLeverage?: string,
): SourceMarket {
  const [pair] = symbol.split(".");
  const [base, quote] = pair.split("_");
  return {
    symbol,
    baseAsset: base,
    quoteAsset: quote,
    tickSize,
    amountSize,
    pricePrecision: tickSize.split(".")[1]?.length ?? 0,
    amountPrecision: amountSize.split(".")[1]?.length ?? 0,
    minQty: amountSize,
    maxQty: "10000",
    minNotional,
    maxNotional: "10000000",
    ctVal,
    ctValCcy: base,
    // Contracts only, as an exchange states it (OKX's `lever`); a spot pair has none.
    ...(maxLeverage === undefined ? {} : { maxLeverage }),
  };
}

/** The simulated venue's instruments; sizes and steps are like a large real exchange's. */
export const SIM_INSTRUMENTS: readonly SimInstrument[] = [
  {
    market: market("BTC_USDT", "0.1", "0.00001", "1", "1"),
    basePrice: 60_000,
    pathKey: "BTC",
    levelSize: 0.4,
    isSwap: false,
  },
  {
    market: market("ETH_USDT", "0.01", "0.0001", "1", "1"),
    basePrice: 3_000,
    pathKey: "ETH",
    levelSize: 6,
    isSwap: false,
  },
  {
    market: market("BTC_USDT.swap", "0.1", "0.01", "0.01", "0", "100"),
    basePrice: 60_000,
    pathKey: "BTC",
    levelSize: 40,
    isSwap: true,
  },
  {
    market: market("ETH_USDT.swap", "0.01", "0.01", "0.1", "0", "75"),
    basePrice: 3_000,
    pathKey: "ETH",
    levelSize: 60,
    isSwap: true,
  },
];

export function findSimInstrument(symbol: string): SimInstrument | undefined {
  return SIM_INSTRUMENTS.find((i) => i.market.symbol === symbol);
}
