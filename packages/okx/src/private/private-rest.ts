import { ExchangeError, type PrivateRest } from "@fmz-gateway/core";
import type { OkxAuth } from "../auth/credentials";
import type { OkxBalance, OkxOrder, OkxPosition } from "../okx-types";
import type { OkxClient } from "../rest/okx-client";
import { pageOrders } from "../trading/orders";
import type { OkxPrivateRecords } from "./okx-records";

/** OKX holds at most 4,000 pending orders per account: every page of them is the snapshot. */
const ALL_PENDING = 4_000;
/** OKX's "Order does not exist." (reference §4.15). */
const ORDER_NOT_FOUND = "51603";

/**
 * The REST side of one account's private stream: the complete snapshots it starts from and reconciles
 * against (every pending order of every instrument type, every balance, every position), and one order by
 * id. Signed with the account's keys, counted against the same rate limits as the calls.
 */
export function okxPrivateRest(client: OkxClient, auth: OkxAuth): PrivateRest<OkxPrivateRecords> {
  const get = <T>(path: string, query: Record<string, string | undefined>, signal: AbortSignal) =>
    client.call<T>({
      method: "GET",
      path,
      query,
      auth,
      demo: auth.demo,
      signal,
      deadline: Date.now() + 60_000,
    });
  return {
    orders: (signal) =>
      pageOrders(
        (path, query) => get<OkxOrder>(path, query, signal),
        "/api/v5/trade/orders-pending",
        {},
        () => true,
        ALL_PENDING,
      ),
    order: async (held, signal) => {
      try {
        const rows = await get<OkxOrder>(
          "/api/v5/trade/order",
          { instId: held.instId, ordId: held.ordId },
          signal,
        );
        return rows.find((o) => o.ordId === held.ordId);
      } catch (err) {
        if (err instanceof ExchangeError && err.code === ORDER_NOT_FOUND) return undefined;
        throw err;
      }
    },
    balances: async (signal) => {
      const rows = await get<OkxBalance>("/api/v5/account/balance", {}, signal);
      return rows.flatMap((account) =>
        (account.details ?? []).map((d) => ({ ...d, uTime: d.uTime || account.uTime })),
      );
    },
    positions: async (signal) => {
      const rows = await get<OkxPosition>("/api/v5/account/positions", {}, signal);
      return rows.filter((p) => p.pos !== "" && p.pos !== "0");
    },
  };
}
