import type { Dec, FmzSymbol, Order, Position } from "@fmz-gateway/core";
import type { Instrument } from "./instrument";
import { markPrice } from "./mark";
import type { PaperEngine } from "./paper-engine";
import { pendingCloseAmount } from "./placement";
import { covers, orderView, positionView } from "./views";

/** One account's open orders under an instrument or a range. */
export function openOrders(engine: PaperEngine, account: number, symbol: FmzSymbol): Order[] {
  const want = engine.canonical(symbol);
  return engine.ctx.store
    .openOrders(account)
    .filter((o) => covers(symbol, want, o.symbol))
    .map(orderView);
}

/** One account's finished orders, newest first, created at or after `since` (ms). */
export function finishedOrders(
  engine: PaperEngine,
  account: number,
  symbol: FmzSymbol,
  since = 0,
  limit = 100,
): Order[] {
  const want = engine.canonical(symbol);
  return engine.ctx.store
    .finishedOrders(account, since, 10_000)
    .filter((o) => covers(symbol, want, o.symbol))
    .slice(0, limit)
    .map(orderView);
}

/**
 * One account's positions, each with its unrealised PnL at the mark (mark.ts) and, as `frozen_amount`,
 * what its pending closing orders have yet to fill.
 */
export function positions(
  engine: PaperEngine,
  account: number,
  symbol: FmzSymbol,
  signal?: AbortSignal,
): Promise<Position[]> {
  const { store, instruments, source } = engine.ctx;
  const want = engine.canonical(symbol);
  const rows = store.positions(account).filter((r) => covers(symbol, want, r.symbol));
  // One look at each instrument's market, however many sides (long/short mode) it has open.
  const marks = new Map<string, Promise<Dec>>();
  const markOf = (inst: Instrument): Promise<Dec> => {
    let mark = marks.get(inst.text);
    if (!mark) {
      mark = source.call("getTicker", { symbol: inst.symbol }, { signal }).then(markPrice);
      marks.set(inst.text, mark);
    }
    return mark;
  };
  return Promise.all(
    rows.map(async (r) => {
      const inst = await instruments.get(r.symbol, signal);
      const mark = await markOf(inst);
      const frozen = pendingCloseAmount(store.pendingCloses(account, r.symbol, r.side));
      return positionView(r, engine.ctx.leverage(account, inst), inst, mark, frozen);
    }),
  );
}
