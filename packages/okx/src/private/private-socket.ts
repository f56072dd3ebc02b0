import {
  type PrivateConnection,
  type PrivateKind,
  type PrivateLink,
  type WsConnection,
} from "@fmz-gateway/core";
import type { OkxAuth } from "../auth/credentials";
import { signRequest } from "../auth/sign";
import type { OkxBalance, OkxBalanceDetail, OkxOrder, OkxPosition } from "../okx-types";
import { type OkxConnectionTimings, okxConnection } from "../streams/okx-connection";
import type { OkxPrivateRecords } from "./okx-records";

/** `url` is `…/ws/v5/private` (or the demo / stand-in equivalent); `name` reads `OKX private key:1a2b3c4d`. */
export interface OkxPrivateSocketOptions extends OkxConnectionTimings {
  auth: OkxAuth;
  kinds: readonly PrivateKind[];
  /** OKX's time (epoch ms) for the login's timestamp; measured before each login when it can be. */
  okxNow: () => number;
  /** Brings `okxNow` up to date (a REST round trip to /public/time); never throws. */
  syncClock: () => Promise<void>;
}

interface OkxFrame {
  event?: string;
  code?: string;
  msg?: string;
  channel?: string;
  arg?: { channel?: string };
  data?: unknown[];
}

/**
 * The subscription of each kind (okx-ws.md §11.3): every instrument type, so one socket serves a mount.
 * Positions also ask for OKX's regular push every 2 s (the shortest it offers; the default is about 5 s):
 * a position's unrealized profit and cross margin move with the market, not with events, and that push is
 * what keeps them current.
 */
const SUBSCRIPTION: Record<PrivateKind, { channel: string; instType?: string; extraParams?: string }> = {
  orders: { channel: "orders", instType: "ANY" },
  balances: { channel: "account" },
  positions: {
    channel: "positions",
    instType: "ANY",
    extraParams: JSON.stringify({ updateInterval: "2000" }),
  },
};

/**
 * One account's `/ws/v5/private` socket (okx-ws.md §11): it logs in with the account's signature
 * (Base64 HMAC-SHA256 of `timestamp + "GET" + "/users/self/verify"`, timestamp in seconds of OKX's clock),
 * subscribes `orders`, `account` and, on contract mounts, `positions`, and tells the session when every
 * subscription is acknowledged. Pushes go to the session as OKX's own rows. A refused login or
 * subscription, a drop, a missed keepalive or OKX's upgrade notice takes it down; it reconnects with a
 * backoff that only a successful login and subscription resets, so a wrong secret is retried at 1, 2, 4 …
 * 30 s, never in a storm.
 */
export function connectOkxPrivate(
  opts: OkxPrivateSocketOptions,
  link: PrivateLink<OkxPrivateRecords>,
): PrivateConnection {
  const wanted = new Set(opts.kinds.map((k) => SUBSCRIPTION[k].channel));
  let acked = new Set<string>();
  let loggedIn = false;
  let generation = 0;

  const conn: WsConnection = okxConnection(opts, {
    healthyOn: "markHealthy",
    onOpen: () => void login(++generation),
    onMessage: (text) => onMessage(text),
    onDown: (why) => {
      loggedIn = false;
      acked = new Set();
      link.down(`websocket ${why}`);
    },
  });

  async function login(gen: number): Promise<void> {
    loggedIn = false;
    acked = new Set();
    await opts.syncClock();
    if (gen !== generation) return;
    const timestamp = String(Math.floor(opts.okxNow() / 1000));
    const { apiKey, passphrase, secret } = opts.auth;
    const sign = signRequest(secret, timestamp, "GET", "/users/self/verify", "");
    conn.send(JSON.stringify({ op: "login", args: [{ apiKey, passphrase, timestamp, sign }] }));
  }

  function fail(why: string): void {
    opts.logger.warn(`${opts.name}: ${why}; answering by REST until it is back`);
    link.down(why);
    conn.restart(why);
  }

  function onMessage(text: string): void {
    let msg: OkxFrame;
    try {
      msg = JSON.parse(text) as OkxFrame;
    } catch {
      return;
    }
    if (msg.event !== undefined) return onEvent(msg);
    const channel = msg.arg?.channel;
    if (!Array.isArray(msg.data) || channel === undefined) return;
    if (channel === "orders") link.orders(msg.data as OkxOrder[]);
    else if (channel === "account") link.balances(balanceRows(msg.data as OkxBalance[]));
    else if (channel === "positions") link.positions(msg.data as OkxPosition[]);
  }

  function onEvent(e: OkxFrame): void {
    switch (e.event) {
      case "login":
        if (e.code !== undefined && e.code !== "0")
          return fail(`login refused: OKX ${e.code} ${e.msg ?? ""}`);
        loggedIn = true;
        conn.send(
          JSON.stringify({ id: "sub", op: "subscribe", args: opts.kinds.map((k) => SUBSCRIPTION[k]) }),
        );
        return;
      case "subscribe":
        if (e.arg?.channel) acked.add(e.arg.channel);
        if ([...wanted].every((c) => acked.has(c))) {
          conn.markHealthy();
          link.ready();
        }
        return;
      case "error":
        return fail(
          `${loggedIn ? "subscription" : "login"} refused: OKX ${e.code ?? "?"} ${e.msg ?? ""}`.trim(),
        );
      case "channel-conn-count-error":
        // Over OKX's connection limit for the channel: OKX may stop pushing on this socket.
        return fail(`OKX refused another connection for ${e.channel ?? "a channel"}`);
      case "notice":
        // 64008: the server goes down for an upgrade; move to a fresh connection now.
        return fail(`notice ${e.code ?? ""}`.trim());
      default:
        return;
    }
  }

  conn.start();
  return {
    get lastMessageAt() {
      return conn.lastMessageAt;
    },
    close: () => {
      generation++;
      conn.stop();
    },
  };
}

/**
 * The `account` push's currencies, each with the time of its last change: the detail's own `uTime`, or
 * the push's when a detail carries none.
 */
function balanceRows(data: readonly OkxBalance[]): OkxBalanceDetail[] {
  const out: OkxBalanceDetail[] = [];
  for (const account of data)
    for (const d of account.details ?? []) out.push({ ...d, uTime: d.uTime || account.uTime });
  return out;
}
