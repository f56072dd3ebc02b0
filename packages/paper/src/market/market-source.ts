import type { MountSource } from "@fmz-gateway/core";

/** Epoch milliseconds. Injectable so tests can move the simulated market's time. */
export type Clock = () => number;

/**
 * Where a paper mount reads public data: another mount of the gateway, or the simulated market. Both
 * answer the core's typed public methods with money as exact decimal text (core `SourceReplies`), so
 * the paper exchange neither knows which it has nor reads a price through a float.
 */
export interface MarketSource extends Pick<MountSource, "call"> {
  /** `simulated`, or the source mount's name (for error texts). */
  readonly name: string;
  /** The market's time: the wall clock for a live source, the injected clock for the simulated one. */
  now(): number;
}

/** A live source: another mount, on the wall clock. */
export function mountMarket(source: MountSource): MarketSource {
  return { name: source.name, call: (m, p, o) => source.call(m, p, o), now: () => Date.now() };
}
