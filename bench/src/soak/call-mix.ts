/** What a strategy asks for, and how often (weights); prices are far from the market so orders rest. */
export type Op =
  | "ticker"
  | "depth"
  | "trades"
  | "records"
  | "accounts"
  | "trade"
  | "market-trade"
  | "order"
  | "orders"
  | "cancel";

const WEIGHTS: Array<[Op, number]> = [
  ["ticker", 26],
  ["depth", 16],
  ["trades", 5],
  ["records", 4],
  ["accounts", 9],
  ["trade", 14],
  ["market-trade", 3],
  ["order", 9],
  ["orders", 4],
  ["cancel", 10],
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);

export function pickOp(): Op {
  let r = Math.random() * TOTAL;
  for (const [op, w] of WEIGHTS) {
    r -= w;
    if (r < 0) return op;
  }
  return "ticker";
}

/** A resting limit buy at half the stand-in's starting price, and a minimum-size amount. */
export const PAIRS = [
  { symbol: "BTC_USDT", price: "30000", amount: "0.0001", marketSell: "0.00002" },
  { symbol: "ETH_USDT", price: "1500", amount: "0.001", marketSell: "0.0002" },
  { symbol: "LTC_USDT", price: "40", amount: "0.05", marketSell: "0.002" },
] as const;

export function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)] as T;
}
