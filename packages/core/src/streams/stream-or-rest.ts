import type { Logger } from "../logging/logger";
import { type AdapterMethodName, wireName } from "../protocol/method-table";
import type { StreamCache } from "./stream-cache";
import { type StreamEntry, scopedKey } from "./stream-entry";

/** The scope of public data: one stream per (channel, key), shared by every caller of the mount. */
export const SHARED_SCOPE = "";

/** One "answer from the live stream, or by REST" question a handler asks; see `streamOrRest`. */
export interface StreamQuestion<V, T> {
  /**
   * The call asking (its `CallContext` fits): the debug line goes to its logger, tagged with the
   * exchange and method. Read only when debug logging is on, so a call that logs nothing makes no logger.
   */
  ctx: { readonly logger: Logger };
  /**
   * The adapter method asking (`getTicker`). Its wire name (`ticker`, through `wireName`) labels the
   * served-by counter: the method table's name, never the caller's spelling (an alias, another case),
   * so the label stays the same bounded set the call counters use.
   */
  method: AdapterMethodName;
  /** The cache channel (`tickers`, `watchOrderBook` …); one the mount does not stream goes to REST. */
  channel: string;
  /** The instrument (or instrument and period) within the channel. */
  key: string;
  /**
   * Whose stream answers: `SHARED_SCOPE` (the default) for public data every caller shares. Another
   * scope gets streams of its own, never shared with another scope: OKX's demo callers (`demo`, whose data
   * comes from other endpoints), an account for private streams (orders, balances). A scope is shown on
   * the status page beside the key (`scope:key`): a label or a hash, never a key or secret.
   */
  scope?: string;
  /** The answer from the live value, or `undefined` when this value cannot give it (a limit beyond it). */
  answer: (value: V) => T | undefined;
  /** The answer by REST, exactly as without streams. */
  rest: () => Promise<T>;
}

/**
 * Answers from the live stream of (channel, scope, key) when it can, else by REST:
 * - REST alone, uncounted, when the mount has no streams (`streams` undefined: `streams: false`, or no
 *   websocket for the exchange) or does not stream `channel`: the call is exactly as without streams;
 * - otherwise the demand is recorded (the first one opens the stream, in the background) and the answer
 *   comes from the stream only while it is live and `answer` can give one; anything else (connecting,
 *   down, closed, a value that cannot answer) goes to REST. No call waits on a socket.
 * Each answer of a streamed channel is counted as `stream` or `rest` (`telemetry.served`) and says at
 * debug level where it came from and why.
 */
export async function streamOrRest<V, T>(
  streams: StreamCache | undefined,
  q: StreamQuestion<V, T>,
): Promise<T> {
  if (streams === undefined || !streams.carries(q.channel)) return q.rest();
  const entry = streams.want<V>(q.channel, q.key, q.scope) as StreamEntry<V> | undefined;
  const debug = streams.logger.isLevelEnabled("debug");
  let why: string;
  if (!entry) why = "streams closed";
  else if (!entry.servable) why = `stream ${entry.state}`;
  else {
    const answer = q.answer(entry.value as V);
    if (answer !== undefined) {
      streams.telemetry.served(wireName(q.method), "stream");
      if (debug) q.ctx.logger.debug(`answered from stream ${q.channel} ${entry.shownKey}`);
      return answer;
    }
    why = "beyond what the stream holds";
  }
  streams.telemetry.served(wireName(q.method), "rest");
  if (debug)
    q.ctx.logger.debug(
      `answered by REST: ${why} (${q.channel} ${scopedKey(q.scope ?? SHARED_SCOPE, q.key)})`,
    );
  return q.rest();
}
