import { DONE_ORDER_STATUSES, OPEN_ORDER_STATUSES, type Order, type OrderRef } from "@fmz-gateway/core";
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
}

const OPEN: readonly string[] = OPEN_ORDER_STATUSES;
const DONE: readonly string[] = DONE_ORDER_STATUSES;

/** `order`: the order placed, with the id, side, price and amount asked, and a status of the right phase. */
export function checkOrder(o: Order, want: ExpectedOrder): string[] {
  const p = new Problems();
  p.check(o.id === want.id, `id is ${JSON.stringify(o.id)}; trade answered ${JSON.stringify(want.id)}`);
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
  return p.list;
}

/** `orders` and `historyorders`: every id packed, and the order under test listed when there is one. */
export function checkOrderList(list: Order[], mustInclude?: string): string[] {
  const p = new Problems();
  list.forEach((o, i) => p.add(badOrderId(o.id, `data[${i}].id`)));
  if (mustInclude !== undefined) {
    p.check(
      list.some((o) => o.id === mustInclude),
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
