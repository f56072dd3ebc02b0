// Hand-made ccxt markets for the unit tests: the fields the bridge reads, nothing more.
import type { CcxtMarket } from "../ccxt-lib";

export const DAY = 86_400_000;
/** Wednesday 2025-01-15 00:00 UTC. */
export const NOW = Date.UTC(2025, 0, 15);

interface Spec {
  symbol: string;
  id: string;
  type: "spot" | "swap" | "future" | "option";
  expiry?: number;
  alias?: string;
  contractSize?: number;
}

export function market(s: Spec): CcxtMarket {
  const [pair, settlePart] = s.symbol.split(":");
  const [base, quote] = pair.split("/");
  const settle = settlePart?.split("-")[0];
  const contract = s.type !== "spot";
  const inverse = contract && settle === base;
  return {
    id: s.id,
    symbol: s.symbol,
    base,
    quote,
    settle: settle ?? undefined,
    baseId: base,
    quoteId: quote,
    settleId: settle,
    type: s.type,
    spot: s.type === "spot",
    swap: s.type === "swap",
    future: s.type === "future",
    option: s.type === "option",
    margin: false,
    contract,
    linear: contract ? !inverse : undefined,
    inverse: contract ? inverse : undefined,
    contractSize: contract ? (s.contractSize ?? 0.01) : undefined,
    expiry: s.expiry,
    expiryDatetime: undefined,
    strike: undefined,
    optionType: undefined,
    active: true,
    precision: { price: 0.1, amount: contract ? 1 : 0.00000001 },
    limits: { amount: { min: contract ? 1 : 0.00001, max: 1000 }, cost: { min: 5, max: undefined } },
    created: undefined,
    info: s.alias ? { alias: s.alias } : {},
  } as unknown as CcxtMarket;
}

export function marketsOf(list: CcxtMarket[]): Record<string, CcxtMarket> {
  return Object.fromEntries(list.map((m) => [m.symbol, m]));
}

/** Fridays 08:00 UTC after NOW: +2d (this week), +9d, +16d; quarterlies 2025-03-28, 2025-06-27, 2025-09-26. */
export const EXPIRIES = {
  w1: Date.UTC(2025, 0, 17, 8),
  w2: Date.UTC(2025, 0, 24, 8),
  w3: Date.UTC(2025, 0, 31, 8),
  q1: Date.UTC(2025, 2, 28, 8),
  q2: Date.UTC(2025, 5, 27, 8),
  q3: Date.UTC(2025, 8, 26, 8),
};

export const MARKETS = marketsOf([
  market({ symbol: "BTC/USDT", id: "BTC-USDT", type: "spot" }),
  market({ symbol: "ETH/USDT", id: "ETH-USDT", type: "spot" }),
  market({ symbol: "BTC/USDT:USDT", id: "BTC-USDT-SWAP", type: "swap" }),
  market({ symbol: "BTC/USD:BTC", id: "BTC-USD-SWAP", type: "swap", contractSize: 100 }),
  market({ symbol: "BTC/USDT:USDT-250117", id: "BTC-USDT-250117", type: "future", expiry: EXPIRIES.w1 }),
  market({ symbol: "BTC/USDT:USDT-250124", id: "BTC-USDT-250124", type: "future", expiry: EXPIRIES.w2 }),
  market({ symbol: "BTC/USDT:USDT-250131", id: "BTC-USDT-250131", type: "future", expiry: EXPIRIES.w3 }),
  market({ symbol: "BTC/USDT:USDT-250328", id: "BTC-USDT-250328", type: "future", expiry: EXPIRIES.q1 }),
  market({ symbol: "BTC/USDT:USDT-250627", id: "BTC-USDT-250627", type: "future", expiry: EXPIRIES.q2 }),
  market({ symbol: "BTC/USDT:USDT-250926", id: "BTC-USDT-250926", type: "future", expiry: EXPIRIES.q3 }),
  market({
    symbol: "BTC/USD:BTC-250328",
    id: "BTC-USD-250328",
    type: "future",
    expiry: EXPIRIES.q1,
    contractSize: 100,
  }),
  market({
    symbol: "BTC/USDT:USDT-250328-100000-C",
    id: "BTC-USDT-250328-100000-C",
    type: "option",
    expiry: EXPIRIES.q1,
  }),
]);
