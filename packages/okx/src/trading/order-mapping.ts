import { Dec, type Order, type OrderStatus, packOrderId, toNumber } from "@fmz-gateway/core";
import { fmzSymbolOf, instTypeOf } from "../market/symbols";

/** Today's FMZ name of an instId and its contract code (`BTC_USDT.quarter`, `quarter`); see market/futures.ts. */
export interface SymbolNames {
  symbol(instId: string): string;
  contractType(instId: string): string;
}

const BY_ID: SymbolNames = { symbol: fmzSymbolOf, contractType: () => "swap" };
import type { OkxOrder } from "../okx-types";

/**
 * OKX order state → FMZ status (reference §5). A cancelled order that had fills is `partial-canceled`,
 * so a strategy can tell it from one that never traded. An unknown future state counts as open, the
 * safe reading for a strategy that would otherwise place the order again.
 */
export function orderStatus(state: string, accFillSz: string | undefined): OrderStatus {
  switch (state) {
    case "live":
      return "pending";
    case "partially_filled":
      return "partial-filled";
    case "filled":
      return "filled";
    case "canceled":
    case "mmp_canceled":
      return accFillSz && !new Dec(accFillSz).isZero() ? "partial-canceled" : "canceled";
    default:
      return "pending";
  }
}

/**
 * One OKX order in FMZ's shape. `amount` is `sz` as placed (quote currency for a spot market buy, base
 * on spot otherwise, contracts on swaps); `deal_amount` and `avg_price` come from the fills (`accFillSz`,
 * `avgPx`), 0 when nothing filled. Swap orders add `offset` (reduce-only orders close) and `contract_type`.
 */
export function toOrder(o: OkxOrder, names: SymbolNames = BY_ID): Order {
  const order: Order = {
    id: packOrderId(o.instId, o.ordId),
    symbol: names.symbol(o.instId),
    amount: toNumber(o.sz),
    price: toNumber(o.px),
    deal_amount: toNumber(o.accFillSz),
    avg_price: toNumber(o.avgPx),
    type: o.side === "sell" ? "sell" : "buy",
    status: orderStatus(o.state, o.accFillSz),
  };
  if (instTypeOf(o.instId) !== "SPOT") {
    // Net mode marks closing orders reduce-only; long/short mode says it with posSide against side:
    // sell+long is a closebuy, buy+short a closesell (FMZ: type sell/buy with offset close).
    const closing =
      o.reduceOnly === "true" ||
      (o.posSide === "long" && o.side === "sell") ||
      (o.posSide === "short" && o.side === "buy");
    order.offset = closing ? "close" : "open";
    order.contract_type = names.contractType(o.instId);
  }
  return order;
}
