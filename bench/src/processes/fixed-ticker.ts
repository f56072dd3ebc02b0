import type { Ticker } from "@fmz-gateway/core";

/**
 * The ticker the host-ceiling adapter and the bare-Express floor both answer, so the two rows carry the
 * same reply: what separates them is the host's work, not the payload.
 */
export const FIXED_TICKER: Omit<Ticker, "symbol" | "time"> = {
  buy: 100,
  sell: 100.1,
  high: 101,
  low: 99,
  open: 99.5,
  last: 100.05,
  vol: 1234.5,
};
