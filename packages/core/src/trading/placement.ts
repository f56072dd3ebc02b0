import { setTimeout as delay } from "node:timers/promises";
import {
  GatewayError,
  type LostReply,
  OrderNotPlacedError,
  OrderStateUnknownError,
  TimeoutError,
  describeFailure,
  markMayHaveBeenSent,
  mayHaveReachedExchange,
} from "../errors/gateway-errors";
import type { Logger } from "../logging/logger";

/** What the exchange said when asked for the order by its client id. */
export type LookupAnswer =
  /** The order exists: the exchange's own order id. */
  | { readonly found: string }
  /** The exchange answered and its answer proves it has no such order. */
  | { readonly absent: true }
  /** The exchange answered, but cannot tell (no way to list orders, two orders alike): why, in words. */
  | { readonly unknown: string };

/**
 * When an order whose reply was unclear is looked up: at once, then after short pauses in case the
 * exchange was still processing it. A look-up that failed (no answer, a 5xx: not one that found
 * nothing) says nothing about the order, and a strategy told "unknown" may well place it again, so
 * failed look-ups go on every `retryMs` for up to `persistMs` after the reply was lost. All of it stays
 * `marginMs` inside the call's deadline, so the strategy gets this answer and not the host's timeout.
 */
export interface LookupTiming {
  /**
   * The time kept for look-ups after a send that has not answered: a send still pending this long before
   * the deadline (a third of the time left, when that is less) is treated as a lost reply and looked up,
   * rather than left to run into the host's timeout, which could only say "no answer".
   */
  readonly sendReserveMs: number;
  readonly pausesMs: readonly number[];
  readonly retryMs: number;
  readonly persistMs: number;
  readonly marginMs: number;
}

export const LOOKUP_TIMING: LookupTiming = {
  sendReserveMs: 3_000,
  pausesMs: [0, 300, 1_000],
  retryMs: 500,
  persistMs: 10_000,
  marginMs: 250,
};

export interface PlaceOnce {
  /** The exchange's name as the adapter shows it in texts (`OKX`, `okx`). */
  readonly exchange: string;
  /** The FMZ wire method, for texts: `wireName("createOrder")`. */
  readonly method: string;
  /** The id the order carries (core `newClientOrderId`): what makes a look-up possible. */
  readonly clientOrderId: string;
  /**
   * Sends the order, exactly once (never called again), and resolves with the exchange's order id,
   * or undefined/"" when its reply named none. It throws gateway errors; an unclear one carries the
   * MayHaveBeenSent marker (adapters map their own failures into it before they throw).
   */
  send(): Promise<string | undefined>;
  /**
   * Asks the exchange for the order by its client id. Throws when the look-up itself fails; `signal`
   * fires when the look-ups must stop (the call's signal, or the margin before its deadline).
   */
  lookup(signal: AbortSignal): Promise<LookupAnswer>;
  /** The call's deadline (epoch ms) and signal (`CallContext`). */
  readonly deadline: number;
  readonly signal: AbortSignal;
  readonly logger: Pick<Logger, "warn">;
  /** Tests only: other numbers than LOOKUP_TIMING. */
  readonly timing?: LookupTiming;
}

export interface Placed {
  /** The exchange's order id. */
  readonly orderId: string;
  /** True when the reply was lost and the order was found by its client id. */
  readonly recovered: boolean;
}

/**
 * The one placement policy: send once, never retry; a failure that is not unclear (the exchange
 * refused, a rate limit, a request refused before it left) is thrown as it is. An unclear one (the
 * MayHaveBeenSent marker, or a success reply without an order id) is settled by looking the order up by
 * its client id (LOOKUP_TIMING): found, the strategy gets its id as if the reply had come; proven
 * absent, an OrderNotPlacedError; anything else an OrderStateUnknownError, which tells the strategy
 * to check its orders before placing again.
 */
export async function placeOnce(o: PlaceOnce): Promise<Placed> {
  const late: LateReply = {};
  let failure: unknown;
  try {
    const orderId = await sendInTime(o, late);
    if (orderId) return { orderId, recovered: false };
    failure = markMayHaveBeenSent(
      new GatewayError(`${o.exchange} ${o.method}: the exchange accepted the order but named no order id`),
      "no-order-id",
    );
  } catch (err) {
    if (!mayHaveReachedExchange(err)) throw err;
    failure = err;
  }
  return { orderId: await settleLostReply(o, failure, late), recovered: true };
}

/**
 * A send given up on while still pending: whether it has settled since, and its order id should its
 * reply still come while the order is looked up.
 */
interface LateReply {
  pending?: boolean;
  orderId?: string;
}

/**
 * Calls `send` once and waits for it until the send reserve before the deadline. A send still pending
 * then (an exchange client whose own timeout is longer than the call's) becomes an unclear timeout, so
 * the look-ups have time; its reply, should it still come, is taken in `late`, and its failure dropped.
 */
function sendInTime(o: PlaceOnce, late: LateReply): Promise<string | undefined> {
  const timing = o.timing ?? LOOKUP_TIMING;
  const sent = o.send();
  const left = o.deadline - Date.now();
  const waitMs = left - Math.min(timing.sendReserveMs, Math.max(0, left) / 3);
  let timer: NodeJS.Timeout | undefined;
  const givenUp = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        late.pending = true;
        sent.then(
          (id) => {
            late.pending = false;
            late.orderId = id || undefined;
          },
          () => (late.pending = false),
        );
        reject(
          markMayHaveBeenSent(
            new TimeoutError(`${o.exchange} ${o.method}: no reply to the order in ${Math.round(waitMs)} ms`),
            "timeout",
          ),
        );
      },
      Math.max(0, waitMs),
    );
  });
  return Promise.race([sent, givenUp]).finally(() => clearTimeout(timer));
}

async function settleLostReply(o: PlaceOnce, failure: unknown, late: LateReply): Promise<string> {
  const lost: LostReply = {
    exchange: o.exchange,
    method: o.method,
    clientOrderId: o.clientOrderId,
    failure,
  };
  const reason = failure instanceof Error ? failure.message : String(failure);
  o.logger.warn(
    `${o.exchange} ${o.method}: order reply lost (${reason}); looking it up by client order id ${o.clientOrderId}`,
  );
  const timing = o.timing ?? LOOKUP_TIMING;
  const giveUpAt = Math.min(o.deadline - timing.marginMs, Date.now() + timing.persistMs);
  // One signal for every look-up: it fires at giveUpAt or with the call's, so a hanging look-up
  // ends inside the deadline too.
  const stop = new AbortController();
  const onAbort = () => stop.abort(o.signal.reason);
  o.signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(
    () => stop.abort(new TimeoutError(`${o.exchange} ${o.method}: look-ups stopped before the deadline`)),
    Math.max(0, giveUpAt - Date.now()),
  );
  try {
    let absent = false;
    let lookupError: unknown;
    // Absent proves nothing while the request itself is still pending (it may yet reach the exchange,
    // from a client's queue): only an absence seen after it settled counts, so the look-ups go on.
    for (let i = 0; i < timing.pausesMs.length || lookupError !== undefined || !absent; i++) {
      const pause = timing.pausesMs[i] ?? timing.retryMs;
      if (stop.signal.aborted || Date.now() + pause >= giveUpAt) break;
      if (pause > 0 && !(await sleep(pause, stop.signal))) break;
      if (late.orderId) return foundLate(o, reason, late.orderId);
      const requestSettled = !late.pending;
      let answer: LookupAnswer;
      try {
        answer = await o.lookup(stop.signal);
      } catch (err) {
        // A look-up cut short by our own stop says less than the failure before it: keep that one.
        if (!stop.signal.aborted || lookupError === undefined) lookupError = err;
        continue;
      }
      lookupError = undefined;
      if ("found" in answer) {
        o.logger.warn(
          `${o.exchange} ${o.method}: order reply lost (${reason}); found it by client order id ${o.clientOrderId}: order ${answer.found}`,
        );
        return answer.found;
      }
      if ("unknown" in answer) throw new OrderStateUnknownError(lost, `could not tell (${answer.unknown})`);
      if (requestSettled) absent = true;
    }
    if (late.orderId) return foundLate(o, reason, late.orderId);
    if (absent && lookupError === undefined) throw new OrderNotPlacedError(lost);
    throw new OrderStateUnknownError(
      lost,
      lookupError !== undefined
        ? `failed (${describeFailure(lookupError)})`
        : late.pending
          ? "found nothing while the order's request was still unanswered"
          : "was cut short by the call's deadline",
    );
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener("abort", onAbort);
  }
}

function foundLate(o: PlaceOnce, reason: string, orderId: string): string {
  o.logger.warn(
    `${o.exchange} ${o.method}: order reply late (${reason}); it came while looking the order up: order ${orderId}`,
  );
  return orderId;
}

/** Waits `ms`; false when `signal` fired first (or had already). */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return delay(ms, true, { signal }).catch(() => false);
}
