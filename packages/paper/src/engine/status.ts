import { Dec } from "@fmz-gateway/core";
import type { OrderRow } from "../store/rows";

/**
 * An order's status from what filled: `open` for a limit order that may still fill, `filled` for a
 * market order that got all it asked, `cut` for one the book or the slippage bound stopped short.
 */
export function statusOf(o: OrderRow, phase: "open" | "filled" | "cut"): OrderRow["status"] {
  const deal = new Dec(o.deal);
  if (phase === "filled") return "filled";
  if (phase === "cut") return deal.isZero() ? "canceled" : "partial-canceled";
  if (o.kind === "limit" && deal.gte(o.amount)) return "filled";
  return deal.isZero() ? "submitted" : "partial-filled";
}
