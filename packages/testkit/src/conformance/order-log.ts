import type { ConformanceTarget, ReceivedOrder } from "./types";

/** Reads what the exchange received, or undefined when the target gives no `orderLog`. */
export type OrderLogReader = () => Promise<ReceivedOrder[]>;

/**
 * The target's `orderLog` as a reader: a function is called as is; a URL is fetched with `GET` and must
 * answer `{"orders": [...]}`. Throws, naming the log, when it answers anything else, so a broken hook is
 * never mistaken for an adapter that sent nothing.
 */
export function orderLogReader(target: ConformanceTarget): OrderLogReader | undefined {
  const log = target.orderLog;
  if (log === undefined) return undefined;
  if (typeof log === "function") return async () => validOrders(await log(), "the orderLog function");
  return async () => {
    const res = await fetch(log);
    if (!res.ok) throw new Error(`orderLog ${log} answered HTTP ${res.status}`);
    const body = (await res.json()) as { orders?: unknown };
    return validOrders(body.orders, `orderLog ${log}`);
  };
}

function validOrders(list: unknown, where: string): ReceivedOrder[] {
  if (!Array.isArray(list)) throw new Error(`${where} gave no "orders" list`);
  list.forEach((o: Partial<ReceivedOrder>, i) => {
    const ok =
      typeof o === "object" &&
      o !== null &&
      typeof o.amount === "string" &&
      (o.side === "buy" || o.side === "sell") &&
      (o.type === "limit" || o.type === "market") &&
      (o.amountUnit === "base" || o.amountUnit === "quote");
    if (!ok) {
      throw new Error(
        `${where}: orders[${i}] is not {price, amount, side, type, amountUnit, time} (${JSON.stringify(o)})`,
      );
    }
  });
  return list as ReceivedOrder[];
}

/** Runs `act` and answers what the exchange received meanwhile (the log's new entries, oldest first). */
export async function receivedDuring<T>(
  read: OrderLogReader,
  act: () => Promise<T>,
): Promise<{ result: T; received: ReceivedOrder[] }> {
  const before = (await read()).length;
  const result = await act();
  return { result, received: (await read()).slice(before) };
}
