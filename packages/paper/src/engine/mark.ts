import { Dec, type SourceTicker } from "@fmz-gateway/core";
import type { PositionRow } from "../store/rows";
import type { Instrument } from "./instrument";

/**
 * The mark price: the median of the best bid, the best ask and the last trade, as the source states
 * them. Exchanges mark from an index so that one stray print cannot liquidate anyone; the paper
 * exchange has no index, and the median of the three keeps the same property (a last price far from
 * the book is outvoted by the book, and a book gapped on one side by the other side and the last).
 */
export function markPrice(ticker: Pick<SourceTicker, "buy" | "sell" | "last">): Dec {
  const [a, b, c] = [ticker.buy, ticker.sell, ticker.last].map((x) => new Dec(x));
  const present = [a, b, c].filter((x) => x.gt(0));
  if (present.length < 3) return present.length === 0 ? new Dec(0) : Dec.max(...present);
  return Dec.max(Dec.min(a, b), Dec.min(Dec.max(a, b), c));
}

/** Unrealised profit of a position at `mark`, in the settlement currency. */
export function unrealised(inst: Instrument, pos: Pick<PositionRow, "qty" | "entry">, mark: Dec): Dec {
  return new Dec(pos.qty).mul(inst.ctVal).mul(mark.minus(pos.entry));
}

/**
 * The mark at which a position is liquidated: where its margin plus unrealised profit falls to the
 * maintenance margin (`rate` × notional at the mark). With Q the signed size in base (contracts × ctVal),
 * E the entry and M the margin: margin + Q (P − E) = rate × |Q| × P, so
 * long:  P = (Q E − M) / (Q (1 − rate)),   short: P = (|Q| E + M) / (|Q| (1 + rate)).
 * 0 when the position cannot be liquidated by a falling price (a long with margin above its notional).
 */
export function liquidationPrice(
  inst: Instrument,
  pos: Pick<PositionRow, "qty" | "entry" | "margin">,
  rate: Dec,
): Dec {
  const q = new Dec(pos.qty).mul(inst.ctVal);
  if (q.isZero()) return new Dec(0);
  const entry = new Dec(pos.entry);
  const margin = new Dec(pos.margin);
  const price = q.gt(0)
    ? q
        .mul(entry)
        .minus(margin)
        .div(q.mul(Dec.sub(1, rate)))
    : q
        .abs()
        .mul(entry)
        .plus(margin)
        .div(q.abs().mul(Dec.add(1, rate)));
  return Dec.max(price, 0).toSignificantDigits(15);
}

/** Whether a position's equity at `mark` is below its maintenance margin (the mark crossed its liquidation price). */
export function belowMaintenance(inst: Instrument, pos: PositionRow, mark: Dec, rate: Dec): boolean {
  const equity = new Dec(pos.margin).plus(unrealised(inst, pos, mark));
  const maintenance = new Dec(pos.qty).abs().mul(inst.ctVal).mul(mark).mul(rate);
  return equity.lt(maintenance);
}
