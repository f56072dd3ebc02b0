import { resolveMethod } from "@fmz-gateway/core";

/** The name the unknown-method probe reports under (and that `methods` accepts to select it). */
export const UNKNOWN_METHOD_PROBE = "unknown-method";

/** Every method the suite exercises, in report order: market data, account, the order round trip, futures. */
export const SUITE_METHODS: readonly string[] = [
  "ticker",
  "depth",
  "trades",
  "records",
  "markets",
  "tickers",
  "accounts",
  "assets",
  "trade",
  "order",
  "orders",
  "cancel",
  "historyorders",
  "positions",
  "marginlevel",
  "fundings",
  UNKNOWN_METHOD_PROBE,
];

/**
 * The suite methods a `methods` filter selects, in report order. Names go through the core's method table,
 * so aliases (`getticker`, `position`) select their method; an unknown name is an error, not a silent no-op.
 */
export function selectMethods(filter?: readonly string[]): string[] {
  if (!filter || filter.length === 0) return [...SUITE_METHODS];
  const wanted = new Set<string>();
  for (const name of filter) {
    const trimmed = name.trim();
    const wire =
      trimmed.toLowerCase() === UNKNOWN_METHOD_PROBE
        ? UNKNOWN_METHOD_PROBE
        : resolveMethod(trimmed)?.spec.wire;
    if (!wire || !SUITE_METHODS.includes(wire)) {
      throw new Error(`unknown method "${name}" in methods: expected some of ${SUITE_METHODS.join(", ")}`);
    }
    wanted.add(wire);
  }
  return SUITE_METHODS.filter((m) => wanted.has(m));
}
