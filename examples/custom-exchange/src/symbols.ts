import { BadRequestError, type FmzSymbol, type InstrumentSymbol } from "@fmz-gateway/core";

/**
 * FMZ symbols ↔ DEMOEX's. DEMOEX lists spot pairs only, spelled `BTC-USDT`; FMZ spells them `BTC_USDT`.
 * A contract (`BTC_USDT.swap`) or a range (`USDT.swap`) is a bad request naming what DEMOEX offers.
 */
export function toDemoSymbol(symbol: InstrumentSymbol): string {
  if (symbol.contract !== undefined) {
    throw new BadRequestError(
      `DEMOEX trades spot only: use ${symbol.base}_${symbol.quote}, not ${symbol.text}`,
    );
  }
  return `${symbol.base}-${symbol.quote}`;
}

/** For methods that take an instrument or a range (orders, history): DEMOEX has no futures ranges. */
export function toDemoPair(symbol: FmzSymbol): string {
  if (symbol.kind === "range") {
    throw new BadRequestError(
      `DEMOEX trades spot only: the range ${symbol.text} covers futures; give a pair such as BTC_USDT`,
    );
  }
  return toDemoSymbol(symbol);
}

export function toFmzSymbol(demoSymbol: string): string {
  return demoSymbol.replace("-", "_");
}

const DEMO_SYMBOL = /^[A-Z0-9]+-[A-Z0-9]+$/;

/** The instrument half of an order id this adapter made (`BTC-USDT,100001`). */
export function orderInstrument(instrument: string, idText: string): string {
  if (!DEMO_SYMBOL.test(instrument)) {
    throw new BadRequestError(`invalid order id "${idText}": not a DEMOEX order id (BTC-USDT,100001)`);
  }
  return instrument;
}

/** FMZ periods (minutes) → DEMOEX candle intervals. */
const INTERVALS: Record<number, string> = {
  1: "1m",
  5: "5m",
  15: "15m",
  30: "30m",
  60: "1h",
  240: "4h",
  1440: "1d",
};

export function toInterval(periodMinutes: number): string {
  const interval = INTERVALS[periodMinutes];
  if (!interval) {
    throw new BadRequestError(
      `DEMOEX has no ${periodMinutes}-minute bars (periods: ${Object.keys(INTERVALS).join(", ")} minutes)`,
    );
  }
  return interval;
}
