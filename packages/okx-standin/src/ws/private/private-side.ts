// /ws/v5/private: login, the orders / account / positions / balance_and_position channels, and the private
// fault switches. Pushes follow the trading engine's change feed and leave synchronously inside the change
// (unless delayPrivate holds them), only to connections logged in with the changed account's key.

import type { StandinState } from "../../state";
import type { Account } from "../../trading/account";
import { balanceData, balanceRow, positionRows, positionWire } from "../../trading/account-handlers";
import type { AccountChange } from "../../trading/changes";
import type { WsLoginRefusal } from "../../types";
import type { WsConnection } from "../connection";
import { ackEvent, channelConnCountEvent, ERROR_TEXT, errorEvent, loginEvent } from "../events";
import {
  isPrivateArgError,
  parsePrivateArg,
  pushArgJson,
  selects,
  type PrivateArg,
  type PrivateChannel,
} from "./args";
import { bpPosition, dataFrame, eventFrame, orderRow } from "./frames";
import { checkLogin, loginApiKey } from "./login";

interface PrivateSub {
  arg: PrivateArg;
  argJson: string;
  /** account: ccy → the amounts last pushed; balance_and_position: ccy → cashBal last pushed. */
  sent: Map<string, string>;
}

interface Session {
  conn: WsConnection;
  apiKey: string;
  uid: string;
  subs: PrivateSub[];
  /** Pushes held back by delayPrivate, oldest first. */
  queue: { due: number; frame: string }[];
  timer: NodeJS.Timeout | undefined;
}

// Pushes of one change leave in this channel order: the order first, then what it did to the account.
const CHANNEL_ORDER: readonly PrivateChannel[] = ["orders", "positions", "account", "balance_and_position"];

// totalEq is the whole account's equity, whatever `ccy` the subscription narrowed its details to.

// The amounts whose change makes a currency part of an account event push (valuations like eqUsd follow
// the market and are not balance changes).
const BALANCE_FIELDS = ["cashBal", "eq", "availBal", "availEq", "frozenBal", "ordFrozen", "upl"] as const;

const balanceKey = (row: Record<string, unknown>): string => BALANCE_FIELDS.map((f) => row[f]).join("|");

const bump = (m: Map<string, number>, key: string): void => {
  m.set(key, (m.get(key) ?? 0) + 1);
};

const countOf = (m: Map<string, number>, key: string | undefined): number =>
  key === undefined ? [...m.values()].reduce((a, b) => a + b, 0) : (m.get(key) ?? 0);

export class PrivateSide {
  private readonly sessions = new Map<WsConnection, Session>();
  private readonly logins = new Map<string, number>();
  private readonly pushes = new Map<string, number>();
  private refusal: WsLoginRefusal | undefined;
  private delayMs = 0;
  private readonly suppressed = new Set<string>();

  constructor(private readonly st: StandinState) {
    st.engine.changes.wanted = (acct) => this.listening(acct.apiKey);
    st.engine.changes.listen((c) => this.onChange(c));
  }

  private listening(apiKey: string): boolean {
    for (const s of this.sessions.values()) if (s.apiKey === apiKey && s.subs.length > 0) return true;
    return false;
  }

  // --- login and requests -------------------------------------------------------------------------------

  login(conn: WsConnection, args: unknown[], id: string | undefined): void {
    bump(this.logins, loginApiKey(args));
    const error = (code: string, msg: string): void => {
      conn.send(errorEvent(code, msg, conn.connId, id), false);
    };
    if (this.refusal !== undefined) {
      error(this.refusal.code ?? "60009", this.refusal.msg ?? ERROR_TEXT.loginFailed());
      return;
    }
    if (this.sessions.has(conn)) {
      error("60031", ERROR_TEXT.repeatedLogin());
      return;
    }
    const r = checkLogin(this.st.credentials, args[0], this.st.now(), this.st.timeWindowMs);
    if (!r.ok) {
      error(r.code, r.msg);
      return;
    }
    const acct = this.st.accounts.get(r.key.apiKey) as Account;
    this.sessions.set(conn, {
      conn,
      apiKey: r.key.apiKey,
      uid: acct.uid,
      subs: [],
      queue: [],
      timer: undefined,
    });
    conn.send(loginEvent(conn.connId, id), false);
  }

  /** subscribe / unsubscribe on /ws/v5/private. */
  request(conn: WsConnection, op: string, args: unknown[], id: string | undefined): void {
    const s = this.sessions.get(conn);
    if (s === undefined) {
      conn.send(errorEvent("60011", ERROR_TEXT.pleaseLogIn(), conn.connId, id), false);
      return;
    }
    for (const raw of args) {
      const arg = parsePrivateArg(raw);
      if (isPrivateArgError(arg)) {
        conn.send(errorEvent(arg.code, arg.msg, conn.connId, id), false);
        continue;
      }
      const i = s.subs.findIndex((x) => x.arg.identity === arg.identity);
      if (i >= 0) s.subs.splice(i, 1);
      if (op === "unsubscribe") {
        conn.send(ackEvent("unsubscribe", arg.sent, conn.connId, id), false);
        continue;
      }
      const sub: PrivateSub = { arg, argJson: pushArgJson(arg, s.uid), sent: new Map() };
      s.subs.push(sub);
      conn.send(ackEvent("subscribe", arg.sent, conn.connId, id), false);
      conn.send(
        channelConnCountEvent(arg.channel, this.connCount(s.apiKey, arg.channel), conn.connId),
        false,
      );
      const snapshot = this.snapshot(s, sub);
      if (snapshot !== undefined) this.push(s, snapshot);
    }
  }

  private connCount(apiKey: string, channel: string): number {
    let n = 0;
    for (const s of this.sessions.values())
      if (s.apiKey === apiKey && s.subs.some((x) => x.arg.channel === channel)) n++;
    return n;
  }

  closed(conn: WsConnection): void {
    const s = this.sessions.get(conn);
    if (s?.timer !== undefined) clearTimeout(s.timer);
    this.sessions.delete(conn);
  }

  // --- snapshots and change pushes ----------------------------------------------------------------------

  private account(s: Session): Account {
    return this.st.accounts.get(s.apiKey) as Account;
  }

  private wantedCcys(acct: Account, sub: PrivateSub): string[] {
    return sub.arg.ccy !== "" ? [sub.arg.ccy] : [...acct.balances.keys()];
  }

  /** The push that follows the ack: none for orders ("Data will not be pushed when first subscribed"). */
  private snapshot(s: Session, sub: PrivateSub): string | undefined {
    const st = this.st;
    const acct = this.account(s);
    switch (sub.arg.channel) {
      case "orders":
        return undefined;
      case "account": {
        const wanted = this.wantedCcys(acct, sub);
        const rows: Record<string, unknown>[] = [];
        for (const ccy of wanted) {
          const row = balanceRow(st, acct, ccy);
          if (row === undefined) continue;
          rows.push(row);
          sub.sent.set(ccy, balanceKey(row));
        }
        return eventFrame(sub.argJson, true, [balanceData(st, acct, [...acct.balances.keys()], rows)]);
      }
      case "positions":
        return eventFrame(
          sub.argJson,
          true,
          positionRows(st, acct, (p) => selects(sub.arg, p.inst)),
        );
      case "balance_and_position": {
        const balData: Record<string, unknown>[] = [];
        for (const [ccy, b] of acct.balances) {
          if (b.cash === 0n) continue;
          const cashBal = balanceRow(st, acct, ccy)?.cashBal as string;
          balData.push({ ccy, cashBal, uTime: String(acct.uTime) });
          sub.sent.set(ccy, cashBal);
        }
        const posData = [...acct.positions.values()].map((p) => bpPosition(st, p));
        const row = { pTime: String(st.now()), eventType: "snapshot", balData, posData, trades: [] };
        return dataFrame(sub.argJson, [row]);
      }
    }
  }

  private onChange(c: AccountChange): void {
    for (const s of this.sessions.values()) {
      if (s.apiKey !== c.account.apiKey || this.account(s) !== c.account) continue;
      for (const channel of CHANNEL_ORDER)
        for (const sub of s.subs)
          if (sub.arg.channel === channel) for (const f of this.changeFrames(sub, c)) this.push(s, f);
    }
  }

  private changeFrames(sub: PrivateSub, c: AccountChange): string[] {
    const st = this.st;
    const acct = c.account;
    switch (sub.arg.channel) {
      case "orders":
        return c.orders
          .filter((u) => !this.suppressed.has(u.order.ordId) && selects(sub.arg, u.order.inst))
          .map((u) => dataFrame(sub.argJson, [orderRow(st, u)]));
      case "positions": {
        const rows = c.positions.filter((p) => selects(sub.arg, p.inst)).map((p) => positionWire(st, p));
        return rows.length === 0 ? [] : [eventFrame(sub.argJson, false, rows)];
      }
      case "account": {
        const wanted = this.wantedCcys(acct, sub);
        const rows: Record<string, unknown>[] = [];
        for (const ccy of new Set([...wanted, ...(sub.arg.ccy === "" ? sub.sent.keys() : [])])) {
          const row = balanceRow(st, acct, ccy);
          if (row === undefined) {
            // Gone to nothing since the last push: said once, with zeros.
            if (sub.sent.delete(ccy)) rows.push(balanceRow(st, acct, ccy, true) as Record<string, unknown>);
            continue;
          }
          const key = balanceKey(row);
          if (sub.sent.get(ccy) === key) continue;
          sub.sent.set(ccy, key);
          rows.push(row);
        }
        return rows.length === 0
          ? []
          : [eventFrame(sub.argJson, false, [balanceData(st, acct, [...acct.balances.keys()], rows)])];
      }
      case "balance_and_position": {
        const balData: Record<string, unknown>[] = [];
        for (const ccy of new Set([...acct.balances.keys(), ...sub.sent.keys()])) {
          const cashBal = (balanceRow(st, acct, ccy)?.cashBal as string | undefined) ?? "0";
          if ((sub.sent.get(ccy) ?? "0") === cashBal) continue;
          if (cashBal === "0") sub.sent.delete(ccy);
          else sub.sent.set(ccy, cashBal);
          balData.push({ ccy, cashBal, uTime: String(c.time) });
        }
        const posData = c.positions.map((p) => bpPosition(st, p));
        if (balData.length === 0 && posData.length === 0) return [];
        const eventType = c.cause === "order" ? "filled" : c.cause;
        const row = { pTime: String(c.time), eventType, balData, posData, trades: c.trades };
        return [dataFrame(sub.argJson, [row])];
      }
    }
  }

  // --- delivery -----------------------------------------------------------------------------------------

  private push(s: Session, frame: string): void {
    if (this.delayMs === 0 && s.queue.length === 0) {
      this.sendNow(s, frame);
      return;
    }
    s.queue.push({ due: Date.now() + this.delayMs, frame });
    this.drain(s);
  }

  private sendNow(s: Session, frame: string): void {
    if (s.conn.send(frame, true)) bump(this.pushes, s.apiKey);
  }

  private drain(s: Session): void {
    if (s.timer !== undefined) return;
    const now = Date.now();
    while (s.queue.length > 0 && (s.queue[0] as { due: number }).due <= now)
      this.sendNow(s, (s.queue.shift() as { frame: string }).frame);
    const head = s.queue[0];
    if (head === undefined) return;
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.drain(s);
    }, head.due - now);
  }

  // --- controls -----------------------------------------------------------------------------------------

  refuseLogins(error: WsLoginRefusal | false | undefined): void {
    this.refusal = error === false ? undefined : (error ?? {});
  }

  delayPrivate(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`delayPrivate: ${ms} is not a number of ms`);
    this.delayMs = ms;
    // Ending the delay lets what it held go now, in order, so a test need not wait out a long delay.
    if (ms === 0) for (const sess of this.sessions.values()) this.release(sess);
  }

  private release(s: Session): void {
    if (s.timer !== undefined) clearTimeout(s.timer);
    s.timer = undefined;
    for (const q of s.queue.splice(0)) this.sendNow(s, q.frame);
  }

  suppressOrder(ordId: string): void {
    this.suppressed.add(ordId);
  }

  privateConnections(apiKey?: string): number {
    let n = 0;
    for (const s of this.sessions.values())
      if (s.conn.path === "private" && (apiKey === undefined || s.apiKey === apiKey)) n++;
    return n;
  }

  loginAttempts(apiKey?: string): number {
    return countOf(this.logins, apiKey);
  }

  privatePushes(apiKey?: string): number {
    return countOf(this.pushes, apiKey);
  }

  clearFaults(): void {
    this.refusal = undefined;
    this.delayPrivate(0);
    this.suppressed.clear();
  }

  /** reset(): faults and counters back to zero (sessions stay; their accounts are the fresh ones). */
  reset(): void {
    this.clearFaults();
    this.logins.clear();
    this.pushes.clear();
  }

  close(): void {
    for (const s of this.sessions.values()) if (s.timer !== undefined) clearTimeout(s.timer);
    this.sessions.clear();
  }
}
