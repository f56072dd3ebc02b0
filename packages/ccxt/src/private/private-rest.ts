import { type PrivateRest, wireName, withinDeadline } from "@fmz-gateway/core";
import * as ccxt from "ccxt";
import { type CcxtExchange, has } from "../ccxt-lib";
import { mapCcxtError } from "../errors";
import { readOrder } from "../methods/order-lookup";
import {
  type CcxtPrivateRecords,
  balanceRecords,
  numText,
  orderRecord,
  positionRecord,
} from "./ccxt-records";

/**
 * Which open orders the held state is complete for. Most exchanges list every open order of the account
 * in one `fetchOpenOrders()`; some require a symbol (ccxt's ArgumentsRequired), and then the snapshot
 * covers only the symbols this account's calls have used, and `orders` for any other symbol (or a range)
 * goes by REST.
 */
export class OpenOrderCoverage {
  /** Undefined until a snapshot; true when it listed every symbol's open orders. */
  all: boolean | undefined;
  /** Symbols the last per-symbol snapshot covered. */
  readonly covered = new Set<string>();
  /** Symbols this account's calls have used (trade, cancel, order, orders): what a per-symbol snapshot asks. */
  readonly inUse = new Set<string>();

  note(symbol: string): void {
    this.inUse.add(symbol);
  }

  /** Whether the held open orders of `symbol` (undefined: every symbol) are complete. */
  covers(symbol: string | undefined): boolean {
    return this.all === true || (symbol !== undefined && this.covered.has(symbol));
  }
}

export interface CcxtPrivateRestOptions {
  exchangeId: string;
  /** The account's REST instance, markets loaded (the pool's, shared with its calls). */
  instance: () => Promise<CcxtExchange>;
  /** The mount's market: what `fetchBalance` reads, as the `accounts` call does. */
  market: string;
  coverage: OpenOrderCoverage;
}

/**
 * The REST side of one account's private stream over ccxt: every open order, one order by id, the
 * balance of the mount's market and every open position, through the same ccxt calls and error mapping
 * as the bridge's methods (a failure carries the exchange's code and message). ccxt takes no abort
 * signal: each request is raced with it.
 */
export function ccxtPrivateRest(o: CcxtPrivateRestOptions): PrivateRest<CcxtPrivateRecords> {
  const run = async <T>(
    signal: AbortSignal,
    method: Parameters<typeof wireName>[0],
    fn: (ex: CcxtExchange) => Promise<T>,
  ): Promise<T> => {
    const wire = wireName(method);
    try {
      const ctx = { exchange: o.exchangeId, method: wire, deadline: Infinity, signal };
      return await withinDeadline(ctx, async () => fn(await o.instance()));
    } catch (err) {
      throw mapCcxtError(err, o.exchangeId, wire);
    }
  };
  return {
    orders: (signal) =>
      run(signal, "getOrders", async (ex) => {
        const c = o.coverage;
        if (c.all !== false) {
          try {
            const all = await ex.fetchOpenOrders();
            c.all = true;
            return all.map(orderRecord);
          } catch (err) {
            if (!(err instanceof ccxt.ArgumentsRequired)) throw err;
            c.all = false;
          }
        }
        const symbols = [...c.inUse];
        const out = [];
        for (const symbol of symbols) out.push(...(await ex.fetchOpenOrders(symbol)));
        c.covered.clear();
        for (const symbol of symbols) c.covered.add(symbol);
        return out.map(orderRecord);
      }),
    order: (held, signal) =>
      run(signal, "getOrder", async (ex) => {
        if (held.symbol === undefined) return undefined;
        try {
          return orderRecord(await readOrder(ex, held.id, held.symbol));
        } catch (err) {
          if (err instanceof ccxt.OrderNotFound) return undefined;
          throw err;
        }
      }),
    balances: (signal) =>
      run(signal, "getAccount", async (ex) => {
        const bal = await ex.fetchBalance({ type: o.market });
        return balanceRecords(bal).filter(
          (b) => numText(b.free) !== "0" || numText(b.used) !== "0" || numText(b.total) !== "0",
        );
      }),
    positions: (signal) =>
      run(signal, "getPositions", async (ex) => {
        if (!has(ex, "fetchPositions")) return [];
        const positions = await ex.fetchPositions();
        return positions.filter((p) => numText(p.contracts) !== "0").map(positionRecord);
      }),
  };
}
