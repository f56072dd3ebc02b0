// What an exchange's ccxt code cannot do for a recorded call, as FMZ asks it: then the bridge must
// answer a clear error (never a plausible wrong reply), and the matrix says why. Derived from ccxt's
// `has` and code, as the bridge derives it, not from a hand-kept list.
import * as ccxt from "ccxt";
import { createExchange, has } from "../../ccxt-lib";
import { takesRequiresPriceFlag } from "../../methods/place-order";
import type { ReplayCase } from "./cases";

export interface Limitation {
  /** Why the exchange cannot do it, for the matrix. */
  readonly reason: string;
  /** What the bridge's error must say. */
  readonly error: RegExp;
}

export function limitationOf(c: ReplayCase): Limitation | undefined {
  const [, type, side] = c.entry.input as [string, string, string];
  if (c.entry.method === "createOrder" && type === "market" && side === "buy" && c.mountMarket === "spot") {
    const ex = createExchange(c.exchange, {});
    if (!has(ex, "createMarketBuyOrderWithCost") && !takesRequiresPriceFlag(ex)) {
      return {
        reason:
          `a spot market buy sized in the quote currency (FMZ's) cannot be sent: ccxt ${ccxt.version}'s ${c.exchange} ` +
          "has no createMarketBuyOrderWithCost and its createOrder does not read createMarketBuyOrderRequiresPrice, " +
          "so it would buy the quote amount as a base quantity",
        error: /market buy by quote amount/,
      };
    }
  }
  return undefined;
}
