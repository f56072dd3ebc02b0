import { wireName } from "@fmz-gateway/core";
import { liveBody } from "./keys";
import { type Mounts, REST_DELAY_MS, type Row } from "./rows";
import { privateStreamsOption } from "./streams-support";

/** The wire names of the private calls the rows make, as the docker sends them. */
export const ACCOUNTS = wireName("getAccount");
export const ORDERS = wireName("getOrders");
export const POSITIONS = wireName("getPositions");
export const TRADE = wireName("createOrder");

/** The instrument every private row asks about (BTC-USDT on spot, BTC-USDT-SWAP on the swap mounts). */
export const SYMBOL = "BTC_USDT";

/** OKX's default reconciliation period, said in the rows so a reader knows what the REST count includes. */
export const RECONCILE_MS = 60_000;

/**
 * The private-call mounts of the delayed gateway, all on the stand-in's live key: spot and swap, each by
 * REST (`privateStreams: false`) and from the account's private stream (`privateStreams: true`,
 * reconciling at the default period). Spot by REST is the delayed suite's own OKX_REST. Empty when the
 * OKX adapter predates private streams.
 */
export function privateExchanges(standinUrl: string): Mounts {
  if (!privateStreamsOption("OKX", true).privateStreams) return {};
  const base = { baseUrl: standinUrl, rateLimits: false };
  const streamed = { privateStreams: true, reconcileMs: RECONCILE_MS };
  return {
    OKX_PRIV: { adapter: "OKX", options: { ...base, ...streamed } },
    OKX_SWAP_REST: { adapter: "OKX", options: { ...base, market: "swap", privateStreams: false } },
    OKX_SWAP_PRIV: { adapter: "OKX", options: { ...base, market: "swap", ...streamed } },
  };
}

/** The body of each private row's call. */
const BODY: Record<string, string> = {
  [ACCOUNTS]: liveBody(ACCOUNTS, {}),
  [ORDERS]: liveBody(ORDERS, { symbol: SYMBOL }),
  [POSITIONS]: liveBody(POSITIONS, { symbol: SYMBOL }),
};

/**
 * `accounts` and `orders` on spot, `positions` on swap, each by REST and from the private stream, ids
 * `<method>:<mount>` as the other delayed rows. None when the OKX adapter predates private streams.
 */
export function privateRows(mounts: Mounts): Row[] {
  if (!mounts.OKX_PRIV) return [];
  const pairs: [method: string, rest: string, streamed: string][] = [
    [ACCOUNTS, "OKX_REST", "OKX_PRIV"],
    [ORDERS, "OKX_REST", "OKX_PRIV"],
    [POSITIONS, "OKX_SWAP_REST", "OKX_SWAP_PRIV"],
  ];
  return pairs.flatMap(([method, ...both]) =>
    both.map((mount) => {
      const fromStreams = mount.endsWith("_PRIV");
      const what =
        method === ACCOUNTS ? method : `${method} ${SYMBOL}${mount.includes("SWAP") ? " swap" : ""}`;
      const how = fromStreams
        ? `from private streams (reconcileMs ${RECONCILE_MS})`
        : `REST (stand-in ${REST_DELAY_MS} ms away)`;
      return {
        id: `${method}:${mount}`,
        name: `${what} via OKX adapter, ${how}`,
        server: "gateway" as const,
        mount,
        method,
        fromStreams,
        target: (url: string) => ({
          url,
          method: "POST" as const,
          paths: [`/${mount}`],
          bodies: [BODY[method]],
        }),
      };
    }),
  );
}

/** The ten-robots row: how many, on which mount (the streamed swap mount), and its id for `--rows`. */
export const ROBOTS = 10;
export const ROBOTS_MOUNT = "OKX_SWAP_PRIV";
export const ROBOTS_ID = `robots:${ROBOTS_MOUNT}`;
/**
 * The private REST requests one healthy reconciliation pass of a swap mount makes: balances, positions and
 * pending orders, one each (a difference would add a confirming request; a healthy run has none).
 */
export const RECONCILE_READS = 3;

/** The calls of one robot's loop on the streamed swap mount, in order. */
export const ROBOT_CALLS: readonly { method: string; body: string }[] = [ACCOUNTS, ORDERS, POSITIONS].map(
  (method) => ({ method, body: BODY[method] }),
);
