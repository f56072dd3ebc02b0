import type { OkxCall } from "../okx-call";

export interface StreamQuestion<V, T> {
  /** The wire method, for the served-by counter. */
  method: string;
  /** The cache channel: `tickers`, `books`, `trades`, `candle1m` … */
  channel: string;
  instId: string;
  /** The answer from the live stream's value, or `undefined` when the value cannot give it. */
  answer: (value: V) => T | undefined;
  /** The answer by REST, exactly as without streams. */
  rest: () => Promise<T>;
}

/** "Ask the stream cache; REST when it says no", and REST alone on a mount with `streams: false`. */
export function streamOrRest<V, T>(call: OkxCall, q: StreamQuestion<V, T>): Promise<T> {
  return call.streams ? call.streams.serve(call, q) : q.rest();
}
