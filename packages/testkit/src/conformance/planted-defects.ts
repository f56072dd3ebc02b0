import type { MethodReport } from "./types";

/**
 * The defects that lose money, as an adapter gets them wrong. Plant one in a copy of an adapter (the
 * testkit's memory fixture takes them as its `defects` option; a generated adapter can take the same
 * names), run the suite, and `defectCaught` says whether the report names it.
 */
export type PlantedDefect =
  /** `order` answers the exchange's symbol (`BTC-USDT`), not the FMZ one the docker sent. */
  | "order-symbol-exchange-format"
  /** `orders` does. */
  | "orders-symbol-exchange-format"
  /** A limit price sent as asked, off the tick. */
  | "price-unrounded"
  /** An amount sent as asked, off the lot. */
  | "amount-unrounded"
  /** An amount rounded up to the lot: more than asked. */
  | "amount-rounded-up"
  /** An amount under the minimum sent (and an order created). */
  | "no-minimum-check"
  /** A spot market buy's amount (quote to spend) sent as base. */
  | "market-buy-in-base"
  /** A market sell sent sized in quote currency: FMZ's market sell amount is base. */
  | "market-sell-in-quote"
  /** `deal_amount` copied from the request's amount. */
  | "deal-amount-from-request"
  /** `avg_price` copied from the request's price. */
  | "avg-price-from-request"
  /** `ticker.time` in seconds. */
  | "ticker-time-in-seconds"
  /** A method the mount lacks fails with a plain error instead of core's NotSupportedError. */
  | "plain-error-for-unsupported";

export interface DefectCatch {
  /** The report that must be wrong; undefined: any (the method the defect was planted in). */
  method?: string;
  /** What its reason must say. */
  reason: RegExp;
  /** What the target must give for the suite to try it. */
  needs?: "marketOrders";
}

/** Where the suite reports each planted defect, and the words it uses. */
export const PLANTED_DEFECTS: Readonly<Record<PlantedDefect, DefectCatch>> = {
  "order-symbol-exchange-format": {
    method: "order",
    reason: /order answered symbol "[^"]*"; FMZ's symbol is "[^"]+" \(answer the symbol the docker sent/,
  },
  "orders-symbol-exchange-format": {
    method: "orders",
    reason: /orders answered symbol "[^"]*"; FMZ's symbol is "[^"]+"/,
  },
  "price-unrounded": {
    method: "trade",
    reason: /rounding: (the exchange received|order answered) price \S+, not on the tick/,
  },
  "amount-unrounded": {
    method: "trade",
    reason: /rounding: (the exchange received|order answered) amount \S+, not on the lot/,
  },
  "amount-rounded-up": {
    method: "trade",
    reason: /rounding: (the exchange received|order answered) amount \S+: the asked \S+ was rounded up/,
  },
  "no-minimum-check": {
    method: "trade",
    reason: /minimum: (a trade of \S+, under .* placed an order|the exchange received an order of)/,
  },
  "market-buy-in-base": {
    method: "trade",
    reason: /market buy: (reached the exchange sized in base|deal_amount .* is in base currency)/,
    needs: "marketOrders",
  },
  "market-sell-in-quote": {
    method: "trade",
    reason: /market sell: (reached the exchange sized in quote|deal_amount .* is far less than asked)/,
    needs: "marketOrders",
  },
  "deal-amount-from-request": {
    method: "order",
    reason: /deal_amount is \S+ on an order far from the market that filled nothing/,
  },
  "avg-price-from-request": {
    method: "order",
    reason: /avg_price is \S+ on an order that filled nothing/,
  },
  "ticker-time-in-seconds": {
    method: "ticker",
    reason: /ticker\.time \d+ looks like seconds; the protocol wants milliseconds/,
  },
  "plain-error-for-unsupported": {
    reason: /reads like "not supported" but is a failure.*throw core's NotSupportedError/,
  },
};

/** Undefined when `reports` name `defect` as the catalogue says; otherwise why not, with what they said. */
export function defectMissed(reports: readonly MethodReport[], defect: PlantedDefect): string | undefined {
  const want = PLANTED_DEFECTS[defect];
  const candidates = reports.filter((r) => want.method === undefined || r.method === want.method);
  if (candidates.some((r) => r.verdict === "wrong" && want.reason.test(r.reason ?? ""))) return undefined;
  const said = candidates.map((r) => `${r.method}: ${r.verdict}${r.reason ? ` (${r.reason})` : ""}`);
  return `${defect} was not caught: expected ${want.method ?? "a method"} wrong with ${String(want.reason)}; the suite said ${said.join("; ") || "nothing"}`;
}
