import { BadRequestError } from "../errors/gateway-errors";
import type { CreateOrderParams, OrderSide } from "../protocol/params";
import type { InstrumentSymbol } from "../protocol/symbol";

/** What an instrument is, as far as FMZ's order types care: a spot pair, or a contract (swap, future). */
export type InstrumentKind = "spot" | "contract";

/**
 * What an order's amount counts: base currency (spot), quote currency (a spot market buy: FMZ sends
 * what to spend) or contracts (swaps and futures).
 */
export type SizeUnit = "base" | "quote" | "contracts";

interface IntentFields {
  readonly symbol: InstrumentSymbol;
  /** FMZ's order type as the strategy sent it. */
  readonly type: OrderSide;
  /** The side the exchange is told. */
  readonly side: "buy" | "sell";
  /** `closebuy`/`closesell`: the order may only shrink a position (OKX net mode's reduceOnly). */
  readonly reduceOnly: boolean;
  /**
   * Contracts only: the position the order opens or closes (OKX long/short mode's posSide). `buy` and
   * `closebuy` are the long's, `sell` and `closesell` the short's.
   */
  readonly position?: "long" | "short";
  readonly sizeUnit: SizeUnit;
  /** Exact decimal text in `sizeUnit`, above 0, not yet rounded to the lot. */
  readonly amount: string;
}

export interface LimitIntent extends IntentFields {
  readonly orderType: "limit";
  /** Exact decimal text above 0, not yet rounded to the tick. */
  readonly price: string;
}

export interface MarketIntent extends IntentFields {
  readonly orderType: "market";
  readonly price?: undefined;
}

/** FMZ's order, read once: what every adapter turns into its exchange's order. */
export type OrderIntent = LimitIntent | MarketIntent;

/**
 * Reads FMZ's `trade` into what the exchange is asked, on an instrument of `kind`. The one place that
 * says what buy/sell/closebuy/closesell mean: `buy` buys (opens or adds to a long), `sell` sells (opens
 * a short on contracts), `closebuy` closes a long (a reduce-only sell), `closesell` a short (a
 * reduce-only buy); a price ≤ 0 is a market order, and a spot market buy's amount is quote currency.
 * Closing on a spot pair is refused here, in one text for every adapter.
 */
export function readOrderIntent(p: CreateOrderParams, kind: InstrumentKind): OrderIntent {
  const reduceOnly = p.side === "closebuy" || p.side === "closesell";
  if (reduceOnly && kind === "spot") {
    throw new BadRequestError(
      `${p.side} closes a contract position; ${p.symbol.text} is a spot pair: use buy or sell`,
    );
  }
  const side = p.side === "buy" || p.side === "closesell" ? "buy" : "sell";
  const contract = kind === "contract";
  const sizeUnit: SizeUnit = contract
    ? "contracts"
    : p.orderType === "market" && side === "buy"
      ? "quote"
      : "base";
  const fields: IntentFields = {
    symbol: p.symbol,
    type: p.side,
    side,
    reduceOnly,
    ...(contract ? { position: p.side === "buy" || p.side === "closebuy" ? "long" : "short" } : {}),
    sizeUnit,
    amount: p.amount,
  };
  if (p.orderType === "market") return { ...fields, orderType: "market" };
  if (p.price === undefined) throw new BadRequestError(`invalid price: a limit ${p.side} needs one`);
  return { ...fields, orderType: "limit", price: p.price };
}
