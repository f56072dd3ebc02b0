import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ExchangeError,
  NetworkError,
  RateLimitedError,
  TimeoutError,
  markMayHaveBeenSent,
} from "../errors/gateway-errors";
import { silentLogger } from "../logging/logger";
import { waitFor } from "../test-support/wait-for";
import { type LookupAnswer, type LookupTiming, type PlaceOnce, placeOnce } from "./placement";

/** Short pauses, so the policy's shape is tested without waiting out today's numbers. */
const FAST: LookupTiming = {
  sendReserveMs: 50,
  pausesMs: [0, 5, 10],
  retryMs: 5,
  persistMs: 200,
  marginMs: 20,
};

/** A send reserve wide enough that the look-ups after a given-up send have room on a busy machine. */
const RESERVED: LookupTiming = { ...FAST, sendReserveMs: 400 };

const lostConnection = () =>
  markMayHaveBeenSent(new NetworkError("X network error on POST /order: ECONNRESET"), "connection");

interface Script {
  send: () => Promise<string | undefined>;
  /** What each look-up does, the last one repeated; "hang" (or none given) waits for its signal. */
  lookups?: Array<LookupAnswer | Error | "hang">;
  deadlineMs?: number;
  signal?: AbortSignal;
  timing?: LookupTiming;
  /** Told of every look-up as it starts. */
  onLookup?: () => void;
}

/** Runs the policy on a scripted exchange; counts sends and look-ups. */
async function run(s: Script) {
  let sends = 0;
  let lookups = 0;
  const signals: AbortSignal[] = [];
  const deadline = Date.now() + (s.deadlineMs ?? 10_000);
  const opts: PlaceOnce = {
    exchange: "X",
    method: "trade",
    clientOrderId: "fmzabc",
    send: () => {
      sends++;
      return s.send();
    },
    lookup: async (signal) => {
      s.onLookup?.();
      signals.push(signal);
      const next = s.lookups?.[Math.min(lookups, (s.lookups?.length ?? 1) - 1)];
      lookups++;
      if (next === undefined || next === "hang") {
        // Hangs as a request does, until its signal fires.
        return new Promise<never>((_, reject) =>
          signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true }),
        );
      }
      if (next instanceof Error) throw next;
      return next;
    },
    deadline,
    signal: s.signal ?? new AbortController().signal,
    logger: silentLogger(),
    timing: s.timing ?? FAST,
  };
  let result: unknown;
  let error: unknown;
  try {
    result = await placeOnce(opts);
  } catch (err) {
    error = err;
  }
  return {
    result,
    error: error as (Error & { kind?: string }) | undefined,
    sends,
    lookups,
    deadline,
    signals,
  };
}

describe("placeOnce: the one placement policy", () => {
  it("a clear reply: its id, no look-up", async () => {
    const r = await run({ send: () => Promise.resolve("42") });
    assert.deepEqual(r.result, { orderId: "42", recovered: false });
    assert.equal(r.sends, 1);
    assert.equal(r.lookups, 0);
  });

  it("a definite failure is thrown as it is, untouched, and nothing is looked up", async () => {
    for (const refusal of [
      new ExchangeError("X", "51008", "Insufficient balance"),
      new RateLimitedError("X", "429", "Too Many Requests"),
      new NetworkError("X network error on POST /order: ECONNREFUSED"),
    ]) {
      const r = await run({ send: () => Promise.reject(refusal) });
      assert.equal(r.error, refusal);
      assert.equal(r.sends, 1);
      assert.equal(r.lookups, 0);
    }
  });

  it("placed: a lost reply whose order is found answers its id, sent once", async () => {
    const r = await run({
      send: () => Promise.reject(lostConnection()),
      lookups: [{ absent: true }, { found: "77" }],
    });
    assert.deepEqual(r.result, { orderId: "77", recovered: true });
    assert.equal(r.sends, 1);
    assert.equal(r.lookups, 2);
  });

  it("a send still pending at the reserve before the deadline is looked up, not left to time out", async () => {
    const r = await run({
      send: () => new Promise<never>(() => undefined), // the client's own timeout is longer than the call
      lookups: [{ found: "88" }],
      deadlineMs: 1_000,
      timing: RESERVED,
    });
    assert.deepEqual(r.result, { orderId: "88", recovered: true });
    assert.equal(r.sends, 1);
  });

  it("absent proves nothing while the order's request is still pending: unknown, never 'not placed'", async () => {
    const r = await run({
      send: () => new Promise<never>(() => undefined),
      lookups: [{ absent: true }],
      deadlineMs: 1_000,
      timing: RESERVED,
    });
    assert.equal(r.error?.kind, "order-state-unknown");
    assert.match(r.error?.message ?? "", /found nothing while the order's request was still unanswered/);
    assert.ok(r.lookups > 3, "looked again while the request was pending");
    assert.equal(r.sends, 1);
  });

  it("a reply that comes late, while the order is looked up, is the answer", async () => {
    let reply: (id: string) => void = () => undefined;
    let lookedUp = false;
    const r = run({
      send: () => new Promise<string>((resolve) => (reply = resolve)),
      lookups: [{ absent: true }],
      deadlineMs: 1_000,
      timing: RESERVED,
      onLookup: () => (lookedUp = true),
    });
    // Given up at the send reserve; the reply comes once the look-ups have started.
    await waitFor(() => lookedUp, { what: "the first look-up" });
    reply("55");
    const done = await r;
    assert.deepEqual(done.result, { orderId: "55", recovered: true });
    assert.equal(done.sends, 1);
  });

  it("placed: a success reply without an order id is looked up too", async () => {
    const r = await run({ send: () => Promise.resolve(""), lookups: [{ found: "9" }] });
    assert.deepEqual(r.result, { orderId: "9", recovered: true });
  });

  it("not placed: every look-up answers absent; one text, the exchange's code kept", async () => {
    const failure = markMayHaveBeenSent(new ExchangeError("X", "50026", "System error", 500), "server-error");
    const r = await run({ send: () => Promise.reject(failure), lookups: [{ absent: true }] });
    assert.equal(r.error?.kind, "order-not-placed");
    assert.equal(
      r.error?.message,
      "X trade: the order was not placed: X answered 50026: System error, and X has no order with client order id fmzabc",
    );
    assert.equal((r.error as { code?: string }).code, "50026");
    assert.equal((r.error as { exchangeMessage?: string }).exchangeMessage, "System error");
    assert.equal(r.error?.cause, failure);
    assert.equal(r.lookups, 3, "absent is asked again after each pause");
    assert.equal(r.sends, 1);
  });

  it("unknown: look-ups that keep failing go on, then say so, inside the deadline", async () => {
    const r = await run({
      send: () => Promise.reject(markMayHaveBeenSent(new TimeoutError("X did not answer"))),
      lookups: [new ExchangeError("X", "50026", "System error")],
    });
    assert.equal(r.error?.kind, "order-state-unknown");
    assert.equal(
      r.error?.message,
      "X trade: the order may have been placed: no answer in time, and looking it up by client order id fmzabc failed (X answered 50026: System error); check open orders (orders) and recent orders (historyorders) before placing it again",
    );
    assert.ok(r.lookups > FAST.pausesMs.length, `failed look-ups are retried (${r.lookups})`);
    assert.equal(r.sends, 1);
  });

  it("a look-up cut short at the deadline does not hide the failure before it", async () => {
    const r = await run({
      send: () => Promise.reject(lostConnection()),
      lookups: [new ExchangeError("X", "50026", "System error"), "hang"],
      deadlineMs: 150,
      timing: { ...FAST, persistMs: 10_000, marginMs: 50 },
    });
    assert.equal(r.error?.kind, "order-state-unknown");
    assert.match(r.error?.message ?? "", /failed \(X answered 50026: System error\);/);
    assert.equal(r.lookups, 2);
  });

  it("unknown: an answer that cannot tell ends the look-ups at once", async () => {
    const r = await run({
      send: () => Promise.reject(lostConnection()),
      lookups: [{ unknown: "two orders alike" }],
    });
    assert.equal(r.error?.kind, "order-state-unknown");
    assert.match(r.error?.message ?? "", /by client order id fmzabc could not tell \(two orders alike\);/);
    assert.equal(r.lookups, 1);
  });

  it("a look-up that hangs is stopped by its signal a margin before the deadline", async () => {
    const r = await run({
      send: () => Promise.reject(lostConnection()),
      lookups: [],
      deadlineMs: 150,
      timing: { ...FAST, persistMs: 10_000, marginMs: 50 },
    });
    assert.equal(r.error?.kind, "order-state-unknown");
    assert.ok(r.signals[0]?.aborted, "the look-up's signal fired");
    assert.ok(Date.now() < r.deadline, "answered before the call's deadline");
  });

  it("look-ups end when the call's signal fires (the caller hung up)", async () => {
    const call = new AbortController();
    let lookups = 0;
    const settled = placeOnce({
      exchange: "X",
      method: "trade",
      clientOrderId: "fmzabc",
      send: () => Promise.reject(lostConnection()),
      lookup: () => {
        lookups++;
        if (lookups === 2) call.abort(new TimeoutError("the caller hung up"));
        return Promise.reject(new ExchangeError("X", "50026", "System error", 500));
      },
      deadline: Date.now() + 60_000,
      signal: call.signal,
      logger: silentLogger(),
      timing: { ...FAST, persistMs: 60_000 },
    });
    await assert.rejects(settled, { kind: "order-state-unknown" });
    assert.equal(lookups, 2);
  });

  it("no time left at all: unknown, without a look-up", async () => {
    const r = await run({
      send: () => Promise.reject(lostConnection()),
      lookups: [{ found: "1" }],
      deadlineMs: 10,
    });
    assert.equal(r.error?.kind, "order-state-unknown");
    assert.match(r.error?.message ?? "", /was cut short by the call's deadline/);
    assert.equal(r.lookups, 0);
  });
});
