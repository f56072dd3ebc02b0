import { DONE_ORDER_STATUSES, OPEN_ORDER_STATUSES, type Order, type OrderRef } from "@fmz-gateway/core";
import { FMZ_SYMBOL } from "./markets";
import { badSymbolEcho, checkUnfilled } from "./order-money";
import { Problems, num } from "./values";

const PACKED_ID = /^[^,]+,[^,]+$/;

/** Why `id` is not `INSTRUMENT,ORDERID`, or undefined when it is. */
export function badOrderId(id: unknown, where: string): string | undefined {
  return typeof id === "string" && PACKED_ID.test(id)
    ? undefined
    : `${where} ${JSON.stringify(id)} is not INSTRUMENT,ORDERID`;
}

/** `trade`: `{id}` with the id packed as `INSTRUMENT,ORDERID`. */
export function checkOrderRef(ref: OrderRef): string[] {
  const p = new Problems();
  p.add(badOrderId(ref.id, "id"));
  return p.list;
}

export interface ExpectedOrder {
  id: string;
  side: "buy" | "sell";
  price: string;
  amount: string;
  /** `open` right after placing it, `done` after cancelling it. */
  phase: "open" | "done";
  /** The FMZ symbol the docker sent; given, `symbol` must echo it. */
  symbol?: string;
}

const OPEN: readonly string[] = OPEN_ORDER_STATUSES;
const DONE: readonly string[] = DONE_ORDER_STATUSES;

/**
 * `order`: the order placed, with the id, symbol, side, price and amount asked, a status of the right
 * phase, and nothing filled (it rests far from the market).
 */
export function checkOrder(o: Order, want: ExpectedOrder): string[] {
  const p = new Problems();
  p.check(o.id === want.id, `id is ${JSON.stringify(o.id)}; trade answered ${JSON.stringify(want.id)}`);
  if (want.symbol !== undefined) p.add(badSymbolEcho(o.symbol, want.symbol, "order"));
  p.check(o.type === want.side, `type is "${o.type}"; the order was a ${want.side}`);
  p.check(
    num(o.price) === Number(want.price),
    `price is ${JSON.stringify(o.price)}; the order asked ${want.price}`,
  );
  p.check(
    num(o.amount) === Number(want.amount),
    `amount is ${JSON.stringify(o.amount)}; the order asked ${want.amount}`,
  );
  const statuses = want.phase === "open" ? OPEN : DONE;
  p.check(
    statuses.includes(o.status),
    `status is "${o.status}" ${want.phase === "open" ? "right after placing" : "after cancelling"}; expected one of ${statuses.join(", ")}`,
  );
  p.list.push(...checkUnfilled(o));
  return p.list;
}

/**
 * `orders` and `historyorders`: every id packed, every symbol an FMZ symbol, and the order under test
 * listed when there is one, under the FMZ symbol the docker sent when `symbol` is given.
 */
export function checkOrderList(
  list: Order[],
  mustInclude?: string,
  symbol?: { wanted: string; method: string },
): string[] {
  const p = new Problems();
  list.forEach((o, i) => {
    p.add(badOrderId(o.id, `data[${i}].id`));
    p.check(
      typeof o.symbol === "string" && FMZ_SYMBOL.test(o.symbol),
      () =>
        `data[${i}].symbol ${JSON.stringify(o.symbol)} is not an FMZ symbol (BASE_QUOTE or BASE_QUOTE.contract): answer FMZ's symbol, not the exchange's`,
    );
  });
  const mine = mustInclude === undefined ? undefined : list.find((o) => o.id === mustInclude);
  if (mine && symbol) p.add(badSymbolEcho(mine.symbol, symbol.wanted, symbol.method));
  if (mustInclude !== undefined) {
    p.check(
      mine !== undefined,
      `does not list the order ${mustInclude} (listed ${list.length}: ${
        list
          .slice(0, 5)
          .map((o) => o.id)
          .join(", ") || "none"
      })`,
    );
  }
  return p.list.slice(0, 3);
}
