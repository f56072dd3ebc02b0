import { Dec } from "@fmz-gateway/core";
import type { OrderRow } from "../store/rows";

/**
 * The part of a signed position (above 0 long) that an order on this side would reduce: a buy reduces a
 * short, a sell a long; 0 when the position is on the order's own side or flat.
 */
export function heldAgainst(qty: Dec, isBuy: boolean): Dec {
  return isBuy ? Dec.max(qty.neg(), 0) : Dec.max(qty, 0);
}

/**
 * An order's status from what filled: `open` for a limit order that may still fill, `filled` for a
 * market order that got all it asked, `cut` for one stopped short: by the book or the slippage bound, a
 * cancel, or the position a close was for being gone.
 */
export function statusOf(o: OrderRow, phase: "open" | "filled" | "cut"): OrderRow["status"] {
  const deal = new Dec(o.deal);
  if (phase === "filled") return "filled";
  if (phase === "cut") return deal.isZero() ? "canceled" : "partial-canceled";
  if (o.kind === "limit" && deal.gte(o.amount)) return "filled";
  return deal.isZero() ? "submitted" : "partial-filled";
}
