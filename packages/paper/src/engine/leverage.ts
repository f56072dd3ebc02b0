import { Dec } from "@fmz-gateway/core";
import type { EngineContext } from "./context";
import type { Instrument } from "./instrument";
import { belowMaintenance } from "./mark";
import { fail } from "./order-ask";
import { marginOf } from "./settle";

/**
 * `marginlevel`: sets the account's leverage on a contract, as an exchange does with isolated margin.
 * - Above the instrument's maximum (the source's, else the mount's `maxLeverage`) it is refused,
 *   naming the cap.
 * - An open position's margin is recomputed at the new leverage (entry notional / leverage): lowering
 *   the leverage takes the difference from free (refused when free cannot fund it), raising it
 *   returns the difference (refused when the position would then be below its maintenance margin at
 *   the mark). So a position's margin always matches the leverage it shows.
 * - While an order that may open or add to a position rests, a change is refused (its margin was
 *   reserved at the old leverage), as OKX refuses with 59101; setting the leverage it already has is
 *   always accepted.
 */
export function applyLeverage(
  ctx: EngineContext,
  account: number,
  inst: Instrument,
  level: number,
  mark: Dec,
): void {
  const cap = ctx.maxLeverage(inst);
  if (level > cap) {
    fail(ctx, "MAX_LEVERAGE", `marginlevel ${level} is above the maximum leverage of ${inst.text}, ${cap}`);
  }
  const { store } = ctx;
  store.tx(() => {
    const current = ctx.leverage(account, inst);
    if (level === current) {
      store.setLeverage(account, inst.text, level);
      return;
    }
    if (store.pendingOpens(account, inst.text).length > 0) {
      fail(
        ctx,
        "PENDING_ORDERS",
        `cancel the open orders on ${inst.text} before changing its leverage from ${current} to ${level}: their margin was reserved at ${current}×`,
      );
    }
    const changes = store
      .positions(account)
      .filter((pos) => pos.symbol === inst.text)
      .map((pos) => {
        const margin = marginOf(inst, new Dec(pos.qty).abs(), new Dec(pos.entry), level);
        return { pos, margin, delta: margin.minus(pos.margin) };
      });
    for (const c of changes) {
      if (
        c.delta.lt(0) &&
        belowMaintenance(inst, { ...c.pos, margin: c.margin.toFixed() }, mark, ctx.maintenance)
      ) {
        fail(
          ctx,
          "INSUFFICIENT_MARGIN",
          `marginlevel ${level} would leave the ${inst.text} position ${c.margin.toFixed()} ${inst.quote} of margin, below its maintenance margin at the mark ${mark.toFixed()}: it would be liquidated at once`,
        );
      }
    }
    const needed = changes.reduce((sum, c) => sum.plus(c.delta), new Dec(0));
    const free = store.balance(account, inst.quote).free;
    if (needed.gt(free)) {
      fail(
        ctx,
        "INSUFFICIENT_MARGIN",
        `marginlevel ${level} needs ${needed.toFixed()} ${inst.quote} more margin for the open ${inst.text} position, ${free.toFixed()} ${inst.quote} is free`,
      );
    }
    for (const c of changes) {
      store.adjust(account, inst.quote, c.delta.neg(), c.delta);
      store.putPosition({ ...c.pos, margin: c.margin.toFixed() });
    }
    store.setLeverage(account, inst.text, level);
  });
}
