import { ExchangeError } from "@fmz-gateway/core";

/** Why the paper exchange refused something; codes are stable, for strategies that match on them. */
export type PaperErrorCode =
  | "UNKNOWN_SYMBOL"
  | "WRONG_MARKET"
  | "MAX_LEVERAGE"
  | "PENDING_ORDERS"
  | "MIN_AMOUNT"
  | "MAX_AMOUNT"
  | "MIN_NOTIONAL"
  | "INSUFFICIENT_BALANCE"
  | "INSUFFICIENT_MARGIN"
  | "ORDER_NOT_FOUND"
  | "ORDER_DONE"
  | "NO_POSITION"
  | "NO_LIQUIDITY"
  | "BAD_IO";

/**
 * An error as a real exchange would give it: `{"error": "SIM INSUFFICIENT_BALANCE: …"}`, the mount's
 * name standing for the exchange, so the strategy's log shows which paper account refused.
 */
export class PaperError extends ExchangeError {
  constructor(exchange: string, code: PaperErrorCode, message: string) {
    super(exchange, code, message);
  }
}
