import type { Logger } from "../logging/logger";
import { type AdapterMethodName, wireName } from "../protocol/method-table";
import type { PrivateKind, PrivateRecords } from "./private-driver";
import type { PrivateSession } from "./private-session";

/** One "answer from the account's private stream, or by REST" question; see `privateOrRest`. */
export interface PrivateQuestion<R extends PrivateRecords, T> {
  /** The call asking: its deadline bounds any wait, its logger gets the debug line. */
  ctx: { readonly logger: Logger; readonly deadline: number };
  /** The adapter method asking; its wire name labels the served-by counter. */
  method: AdapterMethodName;
  /** The kind of state the answer is built from. */
  kind: PrivateKind;
  /**
   * The answer from the held state, or `undefined` when it cannot give one (an order it never saw). It may
   * wait for the adapter's own caches (names of instruments) but never for the network about the account.
   */
  answer: (session: PrivateSession<R>) => T | undefined | Promise<T | undefined>;
  /** The answer by REST, exactly as without private streams. */
  rest: () => Promise<T>;
}

/**
 * Answers from the account's private stream when its state may answer (`PrivateSession.ready`: live,
 * heard from recently, every write through the gateway visible in it), else by REST, exactly as without
 * private streams. `session` undefined (private streams off, or a call without keys) is REST alone,
 * uncounted. Every other answer is counted as `stream` or `rest` in the served-by metric.
 */
export function privateOrRest<R extends PrivateRecords, T>(
  session: PrivateSession<R> | undefined,
  q: PrivateQuestion<R, T>,
): Promise<T> {
  if (session === undefined) return q.rest();
  // The steady state, answered without a wait: live, heard from, every write already shown.
  if (session.readyNow(q.kind)) {
    const answer = q.answer(session);
    if (!(answer instanceof Promise)) {
      if (answer !== undefined) return Promise.resolve(served(session, q, answer));
      return byRest(session, q, "not held by the private stream");
    }
    return answer.then((a) =>
      a !== undefined ? served(session, q, a) : byRest(session, q, "not held by the private stream"),
    );
  }
  return slowPath(session, q);
}

/** Not ready at once: a write's pushes may still come (or a REST snapshot of the kind settle it). */
async function slowPath<R extends PrivateRecords, T>(
  session: PrivateSession<R>,
  q: PrivateQuestion<R, T>,
): Promise<T> {
  if (!(await session.ready(q.kind, q.ctx.deadline))) {
    return byRest(session, q, `private stream ${session.state}`);
  }
  const answer = await q.answer(session);
  return answer !== undefined
    ? served(session, q, answer)
    : byRest(session, q, "not held by the private stream");
}

function served<R extends PrivateRecords, T>(
  session: PrivateSession<R>,
  q: PrivateQuestion<R, T>,
  answer: T,
): T {
  session.telemetry.served(wireName(q.method), "stream");
  return answer;
}

function byRest<R extends PrivateRecords, T>(
  session: PrivateSession<R>,
  q: PrivateQuestion<R, T>,
  why: string,
): Promise<T> {
  session.telemetry.served(wireName(q.method), "rest");
  if (q.ctx.logger.isLevelEnabled("debug")) q.ctx.logger.debug(`answered by REST: ${why}`);
  return q.rest();
}
