// The one deadline runner: timeouts, the lazily made signal, hang-ups, a caller giving up, and the
// timer released however a run ends. Time is the mock clock's, moved by hand: nothing here waits.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { TimeoutError } from "../errors/gateway-errors";
import { CallDeadline, type DeadlineContext, withinDeadline } from "./deadline";

const NEVER = () => new Promise<never>(() => undefined);

/** Lets pending microtasks run (a run's work starts on one). */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Whether a promise has settled, read after pending microtasks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return done;
}

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "Date"], now: 1_000_000 }));
afterEach(() => mock.timers.reset());

describe("CallDeadline", () => {
  it("answers at the deadline with a TimeoutError naming the call, and aborts the signal with it", async () => {
    const d = CallDeadline.after("OKX ticker", 1_000);
    assert.equal(d.at, 1_001_000);
    let seen: unknown;
    const run = d.run(() => {
      d.signal.addEventListener("abort", () => (seen = d.signal.reason));
      return NEVER();
    });
    mock.timers.tick(999);
    assert.equal(await settled(run), false);
    mock.timers.tick(1);
    await assert.rejects(run, (err: Error) => {
      assert.ok(err instanceof TimeoutError);
      assert.equal(err.message, "OKX ticker: no answer within 1000 ms");
      assert.equal(seen, err, "the work's signal aborts with the same error");
      return true;
    });
  });

  it("a signal first read after the call was aborted is made already aborted, with the reason", async () => {
    const d = CallDeadline.after("OKX depth", 500);
    const run = d.run(NEVER);
    mock.timers.tick(500);
    await assert.rejects(run, /^TimeoutError: OKX depth: no answer within 500 ms$/);
    assert.equal(d.signal.aborted, true);
    assert.match(String(d.signal.reason), /no answer within 500 ms/);
  });

  it("passes the work's result and error through", async () => {
    assert.equal(await CallDeadline.after("A b", 100).run(() => 7), 7);
    assert.equal(await CallDeadline.after("A b", 100).run(async () => "x"), "x");
    await assert.rejects(
      CallDeadline.after("A b", 100).run(() => {
        throw new Error("sync boom");
      }),
      /sync boom/,
    );
    await assert.rejects(
      CallDeadline.after("A b", 100).run(() => Promise.reject(new Error("boom"))),
      /boom/,
    );
  });

  it("a hang-up aborts the signal; the run still answers with what the work did", async () => {
    const d = CallDeadline.after("OKX trade", 10_000);
    let stopped = "";
    const run = d.run(async () => {
      const signal = d.signal;
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener("abort", resolve));
      stopped = String(signal.reason);
      return "placed anyway";
    });
    d.abort(new TimeoutError("the caller hung up"));
    assert.equal(await run, "placed anyway");
    assert.equal(stopped, "TimeoutError: the caller hung up");
    // The first reason wins; a signal read later is born aborted with it.
    d.abort(new TimeoutError("something else"));
    assert.match(String(d.signal.reason), /the caller hung up/);
  });

  it("a caller's own signal abandons the run at once, with the caller's reason", async () => {
    const caller = new AbortController();
    const d = CallDeadline.after("OKX ticker", 10_000, caller.signal);
    const run = d.run(NEVER);
    assert.equal(await settled(run), false);
    caller.abort(new TimeoutError("PAPER ticker: no answer within 300 ms"));
    await assert.rejects(run, /^TimeoutError: PAPER ticker: no answer within 300 ms$/);
    assert.equal(d.signal.aborted, true);

    const bare = new AbortController();
    const other = CallDeadline.after("OKX depth", 10_000, bare.signal);
    const pending = other.run(NEVER);
    bare.abort();
    await assert.rejects(pending, /^TimeoutError: OKX depth: abandoned by its caller$/);
  });

  it("starts nothing once the deadline has passed or the caller has given up", async () => {
    let started = 0;
    const work = () => ++started;
    await assert.rejects(
      CallDeadline.at("OKX ticker", Date.now() - 1).run(work),
      /OKX ticker: no answer within 0 ms/,
    );
    const gone = new AbortController();
    gone.abort(new Error("gone"));
    await assert.rejects(CallDeadline.after("OKX ticker", 1_000, gone.signal).run(work), /gone/);
    // Given up in the same tick it was asked for: the work was never due to start.
    const caller = new AbortController();
    const run = CallDeadline.after("OKX trade", 1_000, caller.signal).run(work);
    caller.abort(new Error("hung up at once"));
    await assert.rejects(run, /hung up at once/);
    assert.equal(started, 0);
  });

  it("releases its timer and the caller's listener however the run ends", async () => {
    const caller = new AbortController();
    const ok = CallDeadline.after("A ok", 1_000, caller.signal);
    const failed = CallDeadline.after("A failed", 1_000, caller.signal);
    const okSignal = ok.signal;
    const failedSignal = failed.signal;
    await ok.run(() => "done");
    await assert.rejects(
      failed.run(() => Promise.reject(new Error("no"))),
      /no/,
    );
    mock.timers.tick(5_000); // a timer left behind would fire here and abort its signal
    assert.equal(okSignal.aborted, false);
    assert.equal(failedSignal.aborted, false);
    caller.abort(new Error("later")); // a listener left behind would abort them now
    assert.equal(okSignal.aborted, false);
    assert.equal(failedSignal.aborted, false);
  });

  it("drops the late outcome of work it gave up on (no unhandled rejection)", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on("unhandledRejection", onUnhandled);
    try {
      const d = CallDeadline.after("OKX ticker", 100);
      const run = d.run(() => new Promise((_, reject) => setTimeout(() => reject(new Error("late")), 200)));
      mock.timers.tick(100);
      await assert.rejects(run, /no answer within 100 ms/);
      mock.timers.tick(100);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("withinDeadline", () => {
  const ctx = (deadline: number, signal = new AbortController().signal): DeadlineContext => ({
    exchange: "OKXC",
    method: "ticker",
    deadline,
    signal,
  });

  it("races work that takes no signal with the call's own deadline", async () => {
    const race = withinDeadline(ctx(Date.now() + 250), NEVER);
    mock.timers.tick(249);
    assert.equal(await settled(race), false);
    mock.timers.tick(1);
    await assert.rejects(race, /^TimeoutError: OKXC ticker: no answer within 250 ms$/);
  });

  it("concurrent races over one shared resource each end at their own deadline", async () => {
    let calls = 0;
    const shared = () => {
      calls++;
      return NEVER();
    };
    const short = withinDeadline(ctx(Date.now() + 300), shared);
    const long = withinDeadline(ctx(Date.now() + 900), shared);
    await flush();
    mock.timers.tick(300);
    await assert.rejects(short, /no answer within 300 ms/);
    assert.equal(await settled(long), false, "the short call's timeout does not end the long one");
    mock.timers.tick(600);
    await assert.rejects(long, /no answer within 900 ms/);
    assert.equal(calls, 2);
  });

  it("under a running call deadline, the call's own timeout is the answer (same error, no second timer)", async () => {
    const d = CallDeadline.after("OKXC ticker", 400);
    let inner: Promise<unknown> | undefined;
    const run = d.run(() => {
      inner = withinDeadline({ exchange: "OKXC", method: "ticker", deadline: d.at, signal: d.signal }, NEVER);
      return inner;
    });
    await flush();
    mock.timers.tick(400);
    await assert.rejects(run, /^TimeoutError: OKXC ticker: no answer within 400 ms$/);
    assert.ok(inner);
    await assert.rejects(inner, (err) => err === d.reason);
  });

  it("a caller that gives up ends the race at once with its reason", async () => {
    const caller = new AbortController();
    const race = withinDeadline(ctx(Date.now() + 10_000, caller.signal), NEVER);
    caller.abort(new TimeoutError("the caller hung up"));
    await assert.rejects(race, /the caller hung up/);
  });
});
