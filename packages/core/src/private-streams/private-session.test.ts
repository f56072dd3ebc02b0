import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import winston from "winston";
import { Telemetry, type MismatchEvent, type StreamEvent } from "../telemetry/telemetry";
import { waitFor } from "../test-support/wait-for";
import { accountScope } from "./account-scope";
import type { PrivateDriver, PrivateLink, PrivateTraits } from "./private-driver";
import { privateOrRest } from "./private-or-rest";
import { PrivateSession } from "./private-session";
import { PrivateStreams } from "./private-streams";

/** Records shaped like an exchange's: an order with a state, a balance, a position. */
interface Ord {
  id: string;
  state: "open" | "filled" | "canceled";
  filled: string;
  t: number;
}
interface Bal {
  ccy: string;
  free: string;
  t: number;
}
interface Pos {
  inst: string;
  qty: string;
  t: number;
}
interface Recs {
  orders: Ord;
  balances: Bal;
  positions: Pos;
}

const TRAITS: PrivateTraits<Recs> = {
  orders: {
    key: (o) => o.id,
    time: (o) => o.t,
    closed: (o) => o.state !== "open",
    filled: (o) => o.filled !== "0",
    fingerprint: (o) => `${o.state} ${o.filled}`,
  },
  balances: {
    key: (b) => b.ccy,
    time: (b) => b.t,
    closed: (b) => b.free === "0",
    fingerprint: (b) => b.free,
  },
  positions: {
    key: (p) => p.inst,
    time: (p) => p.t,
    closed: (p) => p.qty === "0",
    fingerprint: (p) => p.qty,
  },
};

/** The exchange's truth as REST answers it, and a fake socket the test pushes through. */
class FakeExchange {
  orders: Ord[] = [];
  balances: Bal[] = [{ ccy: "USDT", free: "100", t: 1 }];
  positions: Pos[] = [];
  restCalls: string[] = [];
  link?: PrivateLink<Recs>;
  heard = Date.now();
  connects = 0;
  closed = 0;
  /** A REST answer held until released: pushes can arrive while a snapshot is on its way. */
  gate?: Promise<void>;

  driver(): PrivateDriver<Recs> {
    const get = async <T>(what: string, rows: () => T[]): Promise<T[]> => {
      this.restCalls.push(what);
      const snapshot = rows().map((r) => ({ ...r }));
      await this.gate;
      return snapshot;
    };
    return {
      kinds: ["orders", "balances", "positions"],
      connect: (link) => {
        this.connects++;
        this.link = link;
        const heard = () => this.heard;
        return {
          get lastMessageAt() {
            return heard();
          },
          close: () => {
            this.closed++;
          },
        };
      },
      rest: {
        orders: () => get("orders", () => this.orders.filter((o) => o.state === "open")),
        order: async (held) => {
          this.restCalls.push(`order ${held.id}`);
          return this.orders.find((o) => o.id === held.id);
        },
        balances: () => get("balances", () => this.balances),
        positions: () => get("positions", () => this.positions),
      },
    };
  }
}

function capture(): { logger: winston.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = winston.createLogger({
    level: "debug",
    transports: [new winston.transports.Stream({ stream })],
  });
  return { logger, lines };
}

function setup(opts: { waitMs?: number; reconcileMs?: number; graceMs?: number } = {}) {
  const hub = new Telemetry();
  const mismatches: MismatchEvent[] = [];
  const states: StreamEvent[] = [];
  hub.on("mismatch", (e) => mismatches.push(e));
  hub.on("stream", (e) => states.push(e));
  const ex = new FakeExchange();
  const { logger, lines } = capture();
  const session = new PrivateSession<Recs>({
    scope: accountScope({ accessKey: "key-1", secret: "s", extras: [] }),
    name: "TEST private",
    driver: ex.driver(),
    traits: TRAITS,
    logger,
    telemetry: hub.forMount("TEST"),
    reconcileMs: opts.reconcileMs ?? 0,
    waitMs: opts.waitMs ?? 200,
    maxSilenceMs: 1_000,
    requestTimeoutMs: 1_000,
    graceMs: opts.graceMs ?? 20,
  });
  const far = () => Date.now() + 5_000;
  return { ex, session, hub, mismatches, states, lines, far };
}

async function live(s: ReturnType<typeof setup>) {
  s.ex.link!.ready();
  await waitFor(() => s.session.state === "live", { what: "the session to go live" });
}

describe("private session", () => {
  it("serves nothing until ready and its snapshot, then the snapshot", async () => {
    const s = setup();
    s.ex.orders = [{ id: "1", state: "open", filled: "0", t: 10 }];
    assert.equal(await s.session.ready("orders", s.far()), false);
    await live(s);
    assert.equal(await s.session.ready("orders", s.far()), true);
    assert.deepEqual(
      s.session.orders.values().map((o) => o.id),
      ["1"],
    );
    assert.deepEqual(s.ex.restCalls.sort(), ["balances", "orders", "positions"]);
    s.session.close();
  });

  it("no gap at the start: a push during the snapshot is kept; an older one never overwrites a newer", async () => {
    const s = setup();
    let release!: () => void;
    s.ex.gate = new Promise((r) => (release = r));
    s.ex.orders = [{ id: "1", state: "open", filled: "0", t: 10 }];
    s.ex.link!.ready();
    await waitFor(() => s.ex.restCalls.length === 3, { what: "the snapshot requests" });
    // While REST is on its way the order fills, and a new one appears; the snapshot knows neither.
    s.ex.link!.orders([{ id: "1", state: "filled", filled: "1", t: 12 }]);
    s.ex.link!.orders([{ id: "2", state: "open", filled: "0", t: 13 }]);
    release();
    await waitFor(() => s.session.state === "live", { what: "live" });
    assert.equal(s.session.orders.get("1")?.value.state, "filled");
    assert.deepEqual(
      s.session.orders.values().map((o) => o.id),
      ["2"],
    );
    // A duplicate of an older state (OKX may send a message twice) changes nothing.
    s.ex.link!.orders([{ id: "1", state: "open", filled: "0", t: 11 }]);
    s.ex.link!.orders([{ id: "1", state: "open", filled: "0", t: 12 }]);
    assert.equal(s.session.orders.get("1")?.value.state, "filled");
    s.session.close();
  });

  it("read your writes: waits for the write's pushes; without them takes a REST snapshot of that kind", async () => {
    const s = setup({ waitMs: 50 });
    await live(s);
    s.ex.restCalls = [];
    s.session.wrote("place", "9");
    setTimeout(() => {
      s.ex.link!.orders([{ id: "9", state: "filled", filled: "1", t: 20 }]);
      s.ex.link!.balances([{ ccy: "USDT", free: "90", t: 20 }]);
    }, 5);
    assert.equal(await s.session.ready("orders", s.far()), true);
    assert.equal(await s.session.ready("balances", s.far()), true);
    assert.equal(s.session.balances.get("USDT")?.value.free, "90");
    // No positions push came for a filled order: positions are asked of REST once, then served.
    s.ex.positions = [{ inst: "X", qty: "1", t: 20 }];
    assert.equal(await s.session.ready("positions", s.far()), true);
    assert.deepEqual(s.ex.restCalls, ["positions"]);
    assert.equal(s.session.positions.get("X")?.value.qty, "1");
    assert.equal(await s.session.ready("positions", s.far()), true);
    assert.deepEqual(s.ex.restCalls, ["positions"]);
    s.session.close();
  });

  it("a write made while a snapshot is already on its way is settled by a fresh snapshot, not that one", async () => {
    const s = setup({ waitMs: 10 });
    await live(s);
    s.ex.restCalls = [];
    let release!: () => void;
    s.ex.gate = new Promise((r) => (release = r));
    s.session.wrote("place", "8");
    const first = s.session.ready("orders", s.far());
    await waitFor(() => s.ex.restCalls.length === 1, { what: "the first snapshot to be asked for" });
    // Order 9 is placed after that snapshot was asked for: it cannot show it.
    s.ex.orders = [{ id: "9", state: "open", filled: "0", t: 30 }];
    s.session.wrote("place", "9");
    const second = s.session.ready("orders", s.far());
    setTimeout(() => {
      s.ex.gate = undefined;
      release();
    }, 30);
    assert.deepEqual(await Promise.all([first, second]), [true, true]);
    assert.deepEqual(s.ex.restCalls, ["orders", "orders"]);
    assert.equal(s.session.orders.get("9")?.value.state, "open");
    s.session.close();
  });

  it("a cancel is shown only when the order is held closed", async () => {
    const s = setup({ waitMs: 30 });
    s.ex.orders = [{ id: "5", state: "open", filled: "0", t: 10 }];
    await live(s);
    s.ex.restCalls = [];
    s.session.wrote("cancel", "5");
    s.ex.orders = [{ id: "5", state: "canceled", filled: "0", t: 11 }];
    // No push: the wait ends and a snapshot (which no longer lists it) settles the read.
    assert.equal(await s.session.ready("orders", s.far()), true);
    assert.deepEqual(s.ex.restCalls, ["orders"]);
    assert.equal(s.session.orders.values().length, 0);
  });

  it("liveness: a silent socket is not served; a drop stops serving until the next snapshot", async () => {
    const s = setup();
    await live(s);
    s.ex.heard = Date.now() - 5_000;
    assert.equal(await s.session.ready("balances", s.far()), false);
    s.ex.heard = Date.now();
    assert.equal(await s.session.ready("balances", s.far()), true);
    s.ex.link!.down("websocket closed 1006");
    assert.equal(s.session.state, "down");
    assert.equal(await s.session.ready("balances", s.far()), false);
    s.ex.balances = [{ ccy: "USDT", free: "7", t: 30 }];
    await live(s);
    assert.equal(s.session.balances.get("USDT")?.value.free, "7");
    assert.ok(s.states.some((e) => e.channel === "private" && e.state === "down"));
    s.session.close();
  });

  it("reconciliation: a missed push is corrected, logged and counted; a push in flight is not", async () => {
    const s = setup({ graceMs: 30 });
    s.ex.orders = [{ id: "1", state: "open", filled: "0", t: 10 }];
    await live(s);
    assert.deepEqual(
      s.mismatches.map((m) => [m.kind, m.count]),
      [
        ["orders", 0],
        ["balances", 0],
        ["positions", 0],
      ],
    );
    // Healthy: nothing differs, nothing counted.
    assert.equal(await s.session.reconcile(), 0);
    // Order 1 filled and its push was lost; the balance change's push is on its way and lands in the grace.
    s.ex.orders = [{ id: "1", state: "filled", filled: "1", t: 15 }];
    s.ex.balances = [{ ccy: "USDT", free: "50", t: 15 }];
    setTimeout(() => s.ex.link!.balances([{ ccy: "USDT", free: "50", t: 15 }]), 5);
    assert.equal(await s.session.reconcile(), 1);
    assert.equal(s.session.orders.get("1")?.value.state, "filled");
    assert.equal(s.session.orders.values().length, 0);
    assert.deepEqual(s.mismatches.at(-1), { exchange: "TEST", kind: "orders", count: 1 });
    const warning = s.lines.find((l) => /reconciliation corrected 1 orders/.test(l));
    assert.ok(warning, s.lines.join(""));
    assert.match(warning, /key:[0-9a-f]{8}/);
    assert.ok(!warning.includes("key-1"));
    s.session.close();
  });
});

describe("private streams registry", () => {
  it("one session per account, shared; LRU past maxStreams; idle release; keys apart", async () => {
    const hub = new Telemetry();
    let clock = 1_000_000;
    const exchanges: FakeExchange[] = [];
    const streams = new PrivateStreams<Recs>({
      name: "TEST private",
      traits: TRAITS,
      logger: winston.createLogger({
        silent: true,
        transports: [new winston.transports.Console({ silent: true })],
      }),
      telemetry: hub.forMount("TEST"),
      idleMs: 1_000,
      maxStreams: 2,
      reconcileMs: 0,
      waitMs: 10,
      maxSilenceMs: 1_000,
      requestTimeoutMs: 1_000,
      now: () => clock,
    });
    const open = (key: string, secret = "s") =>
      streams.session({ accessKey: key, secret, extras: ["p"] }, () => {
        const ex = new FakeExchange();
        exchanges.push(ex);
        return ex.driver();
      })!;
    const a = open("a");
    assert.equal(open("a"), a, "ten robots on one key share one session");
    const wrongSecret = open("a", "wrong");
    assert.notEqual(wrongSecret, a, "a wrong secret never reads the real account's stream");
    assert.equal(exchanges.length, 2);
    open("b");
    assert.equal(streams.size, 2);
    assert.equal(exchanges[0].closed, 1, "the least recently used went first");
    const shown = hub.streams("TEST").map((x) => x.key);
    assert.ok(
      shown.every((k) => /^key:[0-9a-f]{8}$/.test(k)),
      shown.join(),
    );
    clock += 2_000;
    streams.sweep();
    assert.equal(streams.size, 0);
    streams.close();
  });

  it("privateOrRest: REST when no session or not ready, the held answer when ready, counted", async () => {
    const s = setup();
    const served: string[] = [];
    s.hub.on("served", (e) => served.push(e.source));
    const ask = () =>
      privateOrRest(s.session, {
        ctx: { logger: winston.createLogger({ silent: true }), deadline: s.far() },
        method: "getAccount",
        kind: "balances",
        answer: (sess) => sess.balances.values().map((b) => b.free),
        rest: async () => ["rest"],
      });
    assert.deepEqual(await ask(), ["rest"]);
    await live(s);
    assert.deepEqual(await ask(), ["100"]);
    assert.deepEqual(served, ["rest", "stream"]);
    assert.deepEqual(
      await privateOrRest(undefined, {
        ctx: { logger: winston.createLogger({ silent: true }), deadline: s.far() },
        method: "getAccount",
        kind: "balances",
        answer: () => ["never"],
        rest: async () => ["rest"],
      }),
      ["rest"],
    );
    s.session.close();
  });
});
