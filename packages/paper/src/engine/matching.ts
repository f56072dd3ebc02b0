import { Dec, type SourceDepth, type SourceDepthLevel, type SourceTrade } from "@fmz-gateway/core";

/** One piece of an order's execution. */
export interface Piece {
  price: Dec;
  amount: Dec;
}

export interface WalkRequest {
  /** The side of the book the order takes from: asks for a buy, bids for a sell. */
  levels: readonly SourceDepthLevel[];
  isBuy: boolean;
  /** The worst price the walk may reach: a limit price, or best × (1 ± maxSlippage). */
  worst: Dec;
  lot: Dec;
  /** Amount to fill (base or contracts)… */
  amount?: Dec;
  /** …or, for a spot market buy, quote currency to spend. */
  budget?: Dec;
}

export interface WalkResult {
  pieces: Piece[];
  /** Why the walk stopped: filled, the next level is past `worst`, or the book ran out. */
  stop: "filled" | "worst" | "book";
}

function through(isBuy: boolean, price: Dec, worst: Dec): boolean {
  return isBuy ? price.gt(worst) : price.lt(worst);
}

/** Takes liquidity level by level at the book's prices, never past `worst`, in whole lots. */
export function walkBook(req: WalkRequest): WalkResult {
  const pieces: Piece[] = [];
  let left = req.amount;
  let budget = req.budget;
  for (const [p, a] of req.levels) {
    const price = new Dec(p);
    if (through(req.isBuy, price, req.worst)) return { pieces, stop: "worst" };
    let take = new Dec(a);
    if (left !== undefined) take = Dec.min(take, left);
    if (budget !== undefined) take = Dec.min(take, budget.div(price).div(req.lot).floor().mul(req.lot));
    take = take.div(req.lot).floor().mul(req.lot);
    if (take.gt(0)) pieces.push({ price, amount: take });
    if (left !== undefined) left = left.minus(take);
    if (budget !== undefined) budget = budget.minus(take.mul(price));
    // Done when the amount is filled, or the budget cannot buy one more lot at this level's price.
    if (left !== undefined && left.lte(0)) return { pieces, stop: "filled" };
    if (budget !== undefined && budget.lt(price.mul(req.lot))) return { pieces, stop: "filled" };
  }
  return { pieces, stop: "book" };
}

/** The book's worst acceptable price for a market order: best × (1 ± maxSlippage). */
export function slippageBound(
  levels: readonly SourceDepthLevel[],
  isBuy: boolean,
  maxSlippage: Dec,
): Dec | undefined {
  if (levels.length === 0) return undefined;
  const best = new Dec(levels[0][0]);
  return isBuy ? best.mul(Dec.add(1, maxSlippage)) : best.mul(Dec.sub(1, maxSlippage));
}

export interface RestingMatch {
  /** How much of the order the market traded through (at most `remaining`, in lots); 0 for none. */
  amount: Dec;
  bookMark: number;
  tradeMark: number;
}

/**
 * How much of a resting limit order the market has traded through since it last looked: the size of
 * the opposite book at or through the limit (a book is used once per order), or the public trades
 * printed at or through it since the last one seen, whichever is larger (they are the same liquidity,
 * so never both).
 */
export function matchResting(
  o: { isBuy: boolean; limit: Dec; remaining: Dec; bookMark: number; tradeMark: number },
  depth: SourceDepth | undefined,
  trades: readonly SourceTrade[],
  lot: Dec,
): RestingMatch {
  let fromBook = new Dec(0);
  let bookMark = o.bookMark;
  if (depth && depth.time > o.bookMark) {
    bookMark = depth.time;
    for (const [p, a] of o.isBuy ? depth.asks : depth.bids) {
      if (through(o.isBuy, new Dec(p), o.limit)) break;
      fromBook = fromBook.plus(a);
    }
  }
  let fromTrades = new Dec(0);
  let tradeMark = o.tradeMark;
  for (const t of trades) {
    if (t.time <= o.tradeMark) continue;
    tradeMark = Math.max(tradeMark, t.time);
    if (!through(o.isBuy, new Dec(t.price), o.limit)) fromTrades = fromTrades.plus(t.amount);
  }
  const amount = Dec.min(o.remaining, Dec.max(fromBook, fromTrades)).div(lot).floor().mul(lot);
  return { amount, bookMark, tradeMark };
}
