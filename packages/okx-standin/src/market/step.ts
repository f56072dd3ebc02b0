// Market moves a test (step) or the autoMoveMs option makes: `last` shifts by whole ticks and the touch
// follows, exactly as setTicker({ last }) does, so resting orders fill and websocket pushes go out.

import { formatDecimal } from "../decimal";
import type { StandinState } from "../state";

export function stepMarket(st: StandinState, instId: string, ticks: number): void {
  const t = st.market.get(instId);
  if (t === undefined) throw new Error(`step: unknown instrument ${instId}`);
  if (!Number.isInteger(ticks)) throw new Error(`step: ticks must be a whole number, not ${ticks}`);
  let last = t.last + BigInt(ticks) * t.inst.tickU;
  if (last <= t.inst.tickU) last = t.inst.tickU * 2n;
  st.market.set(instId, { last: formatDecimal(last) });
  st.engine.matchResting(instId, st.now());
}

/** Every instrument one tick up or down every `everyMs`; returns the stop function. */
export function autoMove(st: StandinState, everyMs: number): () => void {
  const timer = setInterval(() => {
    for (const t of st.market.all()) stepMarket(st, t.inst.instId, Math.random() < 0.5 ? -1 : 1);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
