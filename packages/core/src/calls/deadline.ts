import type { CallContext } from "../adapter/call-context";
import { TimeoutError } from "../errors/gateway-errors";

/** Signals of running deadlines: each aborts at its call's deadline with the call's own timeout text. */
const TIMED_SIGNALS = new WeakSet<AbortSignal>();

/**
 * One call's deadline: the single place where the gateway races work against time. The host runs
 * every dispatched call and every mount-source call through it, and adapters race a request that
 * cannot take an abort signal (ccxt's) through `withinDeadline`.
 *
 * - At the deadline the run rejects with a `TimeoutError` naming the call (`OKX ticker: no answer
 *   within 30000 ms`) and the call's signal aborts with that error.
 * - The signal is made on first read: most calls finish without anyone asking for it, and creating
 *   an AbortController is a measurable part of a fast call.
 * - `abort(reason)` asks the work to stop (the docker hung up): the signal aborts, and the run still
 *   answers with what the work does (an order it placed is still logged as placed), or at the deadline.
 * - A caller's own signal (`parent`) abandons the run when it aborts: the signal aborts and the run
 *   rejects at once with the caller's reason, since nobody waits for this answer any more.
 * - The timer and the listener on the caller's signal are released however the run ends.
 */
export class CallDeadline {
  private controller?: AbortController;
  private abortedWith?: Error;
  /** Whether `run` holds a timer that aborts the signal at `at`. */
  private timed = false;

  /**
   * @param label names the call in the timeout's text: `MOUNT method`.
   * @param at epoch milliseconds after which the run answers with a timeout (Infinity: never).
   * @param budgetMs the time the call was given, for the timeout's text.
   * @param parent the caller's own signal; its abort abandons this run.
   */
  constructor(
    readonly label: string,
    readonly at: number,
    private readonly budgetMs: number,
    private readonly parent?: AbortSignal,
  ) {}

  /** A deadline `timeoutMs` from now. */
  static after(label: string, timeoutMs: number, parent?: AbortSignal): CallDeadline {
    return new CallDeadline(label, Date.now() + timeoutMs, timeoutMs, parent);
  }

  /** A deadline at an epoch-ms time (a caller's, passed down). */
  static at(label: string, at: number, parent?: AbortSignal): CallDeadline {
    return new CallDeadline(label, at, Math.max(0, Math.round(at - Date.now())), parent);
  }

  /** Aborted at the deadline, on `abort`, or when the caller's signal aborts. Made on first read. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      const reason = this.abortedWith ?? this.parentReason();
      if (reason) this.controller.abort(reason);
      if (this.timed) TIMED_SIGNALS.add(this.controller.signal);
    }
    return this.controller.signal;
  }

  /** Why the call was aborted, if it was. */
  get reason(): Error | undefined {
    return this.abortedWith ?? this.parentReason();
  }

  /** Asks the work to stop; the first reason wins. The run still waits for the work or the deadline. */
  abort(reason: Error): void {
    this.abortedWith ??= reason;
    this.controller?.abort(this.abortedWith);
  }

  /**
   * Runs `fn` under the deadline: its result, or a rejection at the deadline, or at once when the
   * caller's signal aborts. Nothing is started when the deadline has passed or the caller has given up
   * before `fn` was due to start. An abandoned `fn`'s late outcome is dropped (never an unhandled
   * rejection).
   */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const early = this.parentReason() ?? (Date.now() >= this.at ? this.timeout() : undefined);
    if (early) {
      this.abort(early);
      return Promise.reject(early);
    }
    return new Promise<T>((resolve, reject) => {
      let gaveUp: Error | undefined;
      // Released as soon as the run settles, however: the work may never settle.
      const release = () => {
        clearTimeout(timer);
        this.parent?.removeEventListener("abort", onParentAbort);
        this.timed = false;
        if (this.controller) TIMED_SIGNALS.delete(this.controller.signal);
      };
      const giveUp = (reason: Error) => {
        gaveUp ??= reason;
        release();
        this.abort(reason);
        reject(reason);
      };
      const onParentAbort = () => giveUp(this.parentReason() ?? this.timeout());
      const timer = Number.isFinite(this.at)
        ? setTimeout(() => giveUp(this.timeout()), this.at - Date.now())
        : undefined;
      this.timed = timer !== undefined;
      if (this.timed && this.controller) TIMED_SIGNALS.add(this.controller.signal);
      this.parent?.addEventListener("abort", onParentAbort, { once: true });
      Promise.resolve()
        // The work starts on the next microtask: not at all if the run was given up before then.
        .then(() => {
          if (gaveUp) throw gaveUp;
          return fn();
        })
        .then(
          (value) => {
            release();
            resolve(value);
          },
          (err: unknown) => {
            release();
            reject(err);
          },
        );
    });
  }

  private timeout(): TimeoutError {
    return new TimeoutError(`${this.label}: no answer within ${this.budgetMs} ms`);
  }

  /**
   * The caller's abort reason as the error to answer with. A bare `abort()` or `AbortSignal.timeout`
   * gives a DOMException, which names no call: it becomes a TimeoutError naming this one (its cause).
   */
  private parentReason(): Error | undefined {
    const p = this.parent;
    if (!p?.aborted) return undefined;
    return p.reason instanceof Error && !(p.reason instanceof DOMException)
      ? p.reason
      : new TimeoutError(`${this.label}: abandoned by its caller`, { cause: p.reason });
  }
}

/** What `withinDeadline` reads of a call: a CallContext has it. */
export type DeadlineContext = Pick<CallContext, "exchange" | "method" | "deadline" | "signal">;

/**
 * Races work that takes no abort signal (a ccxt request) against the call's own deadline and signal:
 * it rejects at `ctx.deadline` with a TimeoutError naming the call, or when `ctx.signal` aborts with
 * its reason, whichever comes first. Concurrent calls each get their own race; nothing shared is
 * changed. Under the host (a dispatched or mount-source call) the signal itself aborts at the deadline
 * with the call's timeout text, so the race adds no timer of its own and the docker sees that text.
 */
export function withinDeadline<T>(ctx: DeadlineContext, fn: () => Promise<T> | T): Promise<T> {
  const label = `${ctx.exchange} ${ctx.method}`;
  const signal = ctx.signal;
  const race = TIMED_SIGNALS.has(signal)
    ? new CallDeadline(label, Infinity, 0, signal)
    : CallDeadline.at(label, ctx.deadline, signal);
  return race.run(fn);
}
