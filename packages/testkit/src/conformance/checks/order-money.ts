import { DONE_ORDER_STATUSES, Dec, type Order, roundToStep, toPlain } from "@fmz-gateway/core";
import { Problems, num } from "./values";

/**
 * The checks that catch what loses money: an order's symbol, its rounding to tick and lot, and fills
 * read from the exchange rather than echoed from the request. Decimal arithmetic throughout; a value
 * counts as on a step when it is within a billionth of a step of one (replies may carry float noise).
 */

/** Whether `answered` is the FMZ symbol the docker sent (a bare pair may come back with the mount's contract). */
export function symbolEchoes(answered: unknown, wanted: string): boolean {
  if (answered === wanted) return true;
  return !wanted.includes(".") && typeof answered === "string" && answered.startsWith(`${wanted}.`);
}

/** Why an order's `symbol` is not the FMZ symbol the docker sent, or undefined when it is. */
export function badSymbolEcho(answered: unknown, wanted: string, method: string): string | undefined {
  return symbolEchoes(answered, wanted)
    ? undefined
    : `${method} answered symbol ${JSON.stringify(answered)}; FMZ's symbol is "${wanted}" (answer the symbol the docker sent, not the exchange's)`;
}

/**
 * A resting order far from the market has filled nothing: `deal_amount` and `avg_price` are 0. An adapter
 * that copies the request's amount or price into them tells a strategy it traded when it did not.
 */
export function checkUnfilled(o: Order): string[] {
  const p = new Problems();
  p.check(
    num(o.deal_amount) === 0,
    `deal_amount is ${String(o.deal_amount)} on an order far from the market that filled nothing; deal_amount must come from fills, not from the request's amount`,
  );
  p.check(
    num(o.avg_price) === 0,
    `avg_price is ${String(o.avg_price)} on an order that filled nothing; avg_price is 0 until something fills, never the request's price`,
  );
  return p.list;
}

const EPSILON = new Dec("1e-9");

/** The statuses of an order filled in full: core's done statuses less the cancelled ones. */
const FULLY_FILLED: readonly string[] = DONE_ORDER_STATUSES.filter((s) => !s.endsWith("canceled"));

function dec(value: unknown): Dec {
  return new Dec(typeof value === "number" ? value : String(value));
}

/** Whether `value` is a whole number of `step`s (within float noise). */
export function onStep(value: unknown, step: unknown): boolean {
  const q = dec(value).div(dec(step));
  return q.minus(q.round()).abs().lte(EPSILON);
}

/** `value` rounded down to a whole number of `step`s, as plain decimal text (core's rounding). */
export function roundDownTo(value: unknown, step: unknown): string {
  return toPlain(roundToStep(dec(value), dec(step), "down"));
}

function sameAmount(a: unknown, b: unknown, step: unknown): boolean {
  return dec(a).minus(dec(b)).abs().lte(dec(step).mul(EPSILON));
}

/**
 * `where` (`the exchange received`, `order answered`) shows a price that is a multiple of the tick and
 * within one tick of the `asked` price (nearest, down for a buy, up for a sell are all accepted).
 */
export function checkRoundedPrice(where: string, price: unknown, asked: string, tick: unknown): string[] {
  const p = new Problems();
  if (!onStep(price, tick)) {
    p.add(
      `${where} price ${String(price)}, not on the tick ${String(tick)} (asked ${asked}): round prices to the tick before sending`,
    );
  } else if (dec(price).minus(asked).abs().gt(dec(tick))) {
    p.add(`${where} price ${String(price)}, more than one tick (${String(tick)}) from the asked ${asked}`);
  }
  return p.list;
}

/** `where` shows the `asked` amount rounded DOWN to the lot: never unrounded, never rounded up. */
export function checkRoundedAmount(where: string, amount: unknown, asked: string, lot: unknown): string[] {
  const want = roundDownTo(asked, lot);
  if (sameAmount(amount, want, lot)) return [];
  if (!onStep(amount, lot)) {
    return [
      `${where} amount ${String(amount)}, not on the lot ${String(lot)} (asked ${asked}): round amounts down to the lot before sending (${want})`,
    ];
  }
  if (dec(amount).gt(want)) {
    return [
      `${where} amount ${String(amount)}: the asked ${asked} was rounded up; round down to the lot ${String(lot)} (${want}), never trade more than asked`,
    ];
  }
  return [
    `${where} amount ${String(amount)}; the asked ${asked} rounded down to the lot ${String(lot)} is ${want}`,
  ];
}

/** What a filled market order is checked against. */
export interface MarketFill {
  side: "buy" | "sell";
  /** What the order asked: quote to spend (a spot buy), base or contracts to sell (or buy on a contract). */
  amount: string;
  /** Whether `amount` is quote currency (a spot market buy). */
  quoteSized: boolean;
  /** The ticker's last price just before; undefined when it could not be read. */
  last?: number;
}

/**
 * A filled market order: `deal_amount` above 0 in base (or contracts), `avg_price` from the fills (never
 * 0 or -1, and between half and twice the last price), and a spot buy that spent no more than asked
 * (`deal_amount × avg_price`, so a deal_amount in quote shows).
 */
export function checkMarketFill(o: Order, want: MarketFill): string[] {
  const p = new Problems();
  const deal = num(o.deal_amount);
  const avg = num(o.avg_price);
  p.check(deal > 0, `deal_amount is ${String(o.deal_amount)} after the market ${want.side} filled`);
  p.check(
    avg > 0,
    `avg_price is ${String(o.avg_price)} after the market ${want.side} filled; it is the fills' average price`,
  );
  if (avg > 0 && want.last !== undefined && want.last > 0) {
    p.check(
      avg >= want.last / 2 && avg <= want.last * 2,
      `avg_price ${String(o.avg_price)} is far from the last price ${want.last}; it is the fills' average price`,
    );
  }
  if (deal > 0 && avg > 0) {
    if (want.quoteSized) {
      // 5% over what was spent allows for fees taken on top; a deal_amount in quote is off by the price.
      p.check(
        deal * avg <= Number(want.amount) * 1.05,
        `deal_amount ${String(o.deal_amount)} at avg_price ${String(o.avg_price)} is worth ${deal * avg}, more than the ${want.amount} quote the buy spent: deal_amount is in base currency`,
      );
    } else {
      const asked = Number(want.amount);
      p.check(
        deal <= asked * (1 + 1e-9),
        `deal_amount ${String(o.deal_amount)} is more than the ${want.amount} the market ${want.side} asked`,
      );
      // Fully filled, a base-sized order deals what was asked rounded down to the lot: at least half of
      // it (one lot of an amount under two lots). Far less means the amount went out as quote currency.
      p.check(
        !FULLY_FILLED.includes(o.status) || deal >= asked / 2,
        `deal_amount ${String(o.deal_amount)} of a ${o.status} market ${want.side} of ${want.amount} is far less than asked: FMZ's market ${want.side} amount is base currency (contracts on a contract), not quote to spend`,
      );
    }
  }
  return p.list;
}
