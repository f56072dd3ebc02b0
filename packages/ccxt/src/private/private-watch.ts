import {
  Backoff,
  type Logger,
  type PrivateConnection,
  type PrivateKind,
  type PrivateLink,
} from "@fmz-gateway/core";
import type * as ccxt from "ccxt";
import type { CcxtExchange } from "../ccxt-lib";
import { mapCcxtError } from "../errors";
import { closeSockets } from "../streams/pro-lib";
import {
  type CcxtBalanceRecord,
  type CcxtPrivateRecords,
  balanceRecords,
  numText,
  orderRecord,
  positionRecord,
} from "./ccxt-records";

export interface PrivateWatchOptions {
  /** For log lines: `okx private key:1a2b3c4d`. */
  name: string;
  logger: Logger;
  /** The kinds watched; orders and balances always, positions on contract mounts that stream them. */
  kinds: readonly PrivateKind[];
  /** The account's ccxt.pro instance, its markets adopted (may load them: called before each round). */
  instance: () => Promise<CcxtExchange>;
  /** Epoch ms of the last frame the instance's sockets received (a pong counts). */
  lastHeardAt: () => number;
  /** First retry delay after a failure (ms); doubles up to 30 s, with jitter. */
  reconnectMs: number;
  /**
   * A round not ready after this long (ms) is given up and tried again: a connection attempt that hangs,
   * or a login or subscription whose answer was lost on a socket that still answers pings, would
   * otherwise keep the account on REST for good (the keepalive only drops sockets that say nothing).
   */
  readyTimeoutMs: number;
}

/**
 * One account's private streams over ccxt.pro: a loop per watched kind (`watchOrders`, `watchBalance`,
 * `watchPositions`) calling it again and again and handing each result to the session as records copied
 * out of it.
 *
 * - **Ready.** ccxt gives no subscription ack. The watches start in a fixed order, `watchOrders` first:
 *   each waits for the same login, and the continuations run in the order they were registered, so the
 *   orders subscription is sent on the socket before the balance (and positions) one. The exchange answers
 *   a balance or positions subscription with a snapshot, which therefore arrives after it processed the
 *   orders subscription: once every kind but orders has delivered its first result, every subscription
 *   runs, and the session may take its REST snapshot (`ready`). Orders has no snapshot to wait for.
 * - **Down.** A watch that rejects (ccxt rejects every pending watch when the socket closes, a login is
 *   refused, or the keepalive drops a silent socket) takes the round down: the session stops serving at
 *   once, the instance's sockets are closed (ccxt keeps a refused login and its subscriptions on a socket
 *   that stays open, so a new round must dial afresh), and a new round starts after the core's backoff,
 *   which only a ready round resets: a refused login is retried at 1, 2, 4 … s, never in a storm.
 * - **Fresh caches per round.** ccxt keeps its orders, positions and merged balance across reconnects; each
 *   round starts them empty, so a currency that went to zero while disconnected is not pushed again from
 *   the old merge.
 */
export function connectCcxtPrivate(
  opts: PrivateWatchOptions,
  link: PrivateLink<CcxtPrivateRecords>,
): PrivateConnection {
  const backoff = new Backoff({ initialMs: opts.reconnectMs, maxMs: 30_000 });
  let round = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  let current: CcxtExchange | undefined;

  function fail(r: number, ex: CcxtExchange | undefined, err: unknown): void {
    if (r !== round || closed) return;
    round++;
    clearTimeout(watchdog);
    const reason = describe(err, ex?.id ?? "ccxt");
    const delay = backoff.next();
    opts.logger.warn(`${opts.name}: ${reason}; answering by REST, reconnecting in ${delay} ms`);
    link.down(reason);
    if (ex) closeSockets(ex);
    timer = setTimeout(() => void start(round), delay);
    timer.unref();
  }

  async function start(r: number): Promise<void> {
    let ex: CcxtExchange | undefined;
    try {
      ex = await opts.instance();
    } catch (err) {
      return fail(r, undefined, err);
    }
    if (r !== round || closed) return;
    current = ex;
    resetCaches(ex);
    const waiting = new Set<PrivateKind>(opts.kinds.filter((k) => k !== "orders"));
    const delivered = (kind: PrivateKind) => {
      if (!waiting.delete(kind) || waiting.size > 0) return;
      clearTimeout(watchdog);
      backoff.reset();
      link.ready();
    };
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (waiting.size === 0) return;
      fail(r, ex, new Error(`${ex.id} private websocket: not subscribed within ${opts.readyTimeoutMs} ms`));
    }, opts.readyTimeoutMs);
    watchdog.unref();
    const seen = new Map<string, string>();
    const loop = async <T>(kind: PrivateKind, watch: () => Promise<T>, feed: (result: T) => void) => {
      while (r === round && !closed) {
        let result: T;
        try {
          result = await watch();
        } catch (err) {
          return fail(r, ex, err);
        }
        if (r !== round || closed) return;
        feed(result);
        delivered(kind);
      }
    };
    // The order of these calls is the order of the subscriptions on the socket (see above).
    void loop(
      "orders",
      () => ex.watchOrders(),
      (orders: ccxt.Order[]) => link.orders(orders.map(orderRecord)),
    );
    void loop(
      "balances",
      () => ex.watchBalance(),
      (b: ccxt.Balances) => link.balances(changedBalances(balanceRecords(b), seen)),
    );
    if (opts.kinds.includes("positions")) {
      void loop(
        "positions",
        () => ex.watchPositions(),
        (positions: ccxt.Position[]) => link.positions(positions.map(positionRecord)),
      );
    }
  }

  void start(round);
  return {
    get lastMessageAt() {
      return opts.lastHeardAt();
    },
    close: () => {
      closed = true;
      round++;
      clearTimeout(timer);
      clearTimeout(watchdog);
      if (current) closeSockets(current);
    },
  };
}

/**
 * The currencies of a watched balance that changed since the last result of this round. ccxt answers
 * `watchBalance` with its whole merged balance; an exchange's push names only the currencies that changed
 * (OKX), and handing the session the unchanged ones at the push's time would overwrite a correction that
 * reconciliation made with ccxt's merged (and possibly stale) value.
 */
export function changedBalances(
  records: readonly CcxtBalanceRecord[],
  seen: Map<string, string>,
): CcxtBalanceRecord[] {
  const out: CcxtBalanceRecord[] = [];
  for (const r of records) {
    const now = `${numText(r.free)} ${numText(r.used)} ${numText(r.total)}`;
    if (seen.get(r.currency) === now) continue;
    seen.set(r.currency, now);
    out.push(r);
  }
  return out;
}

/** Empties ccxt's own private caches so a new round starts from what its new socket pushes. */
function resetCaches(ex: CcxtExchange): void {
  const caches = ex as unknown as { orders?: unknown; positions?: unknown; balance?: unknown };
  caches.orders = undefined;
  caches.positions = undefined;
  caches.balance = {};
}

function describe(err: unknown, exchangeId: string): string {
  const text = mapCcxtError(err, exchangeId, "private stream").message;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
