import {
  ADAPTER_METHOD_TABLE,
  type AdapterMethodName,
  type AdapterMethodSpec,
  METHOD_TABLE,
  type MethodTable,
  methodResolver,
  resolveMethod,
} from "@fmz-gateway/core";

/** The name the unknown-method probe reports under (and that `methods` accepts to select it). */
export const UNKNOWN_METHOD_PROBE = "unknown-method";

/** The wire methods a table's suite exercises, in table order, then the unknown-method probe. */
export function suiteMethods(table: MethodTable): readonly string[] {
  return [...table.map((s) => s.wire), UNKNOWN_METHOD_PROBE];
}

/**
 * Every method the suite exercises, in report order (the core's method table: market data, account, the
 * order round trip, futures), then the unknown-method probe.
 */
export const SUITE_METHODS: readonly string[] = suiteMethods(METHOD_TABLE);

/**
 * The suite methods a `methods` filter selects, in report order. Names go through the method table, so
 * aliases (`getticker`, `position`) select their method; an unknown name is an error, not a silent no-op.
 */
export function selectMethods(filter?: readonly string[], table: MethodTable = METHOD_TABLE): string[] {
  const suite = table === METHOD_TABLE ? SUITE_METHODS : suiteMethods(table);
  if (!filter || filter.length === 0) return [...suite];
  const resolve = table === METHOD_TABLE ? resolveMethod : methodResolver(table);
  const wanted = new Set<string>();
  for (const name of filter) {
    const trimmed = name.trim();
    const wire =
      trimmed.toLowerCase() === UNKNOWN_METHOD_PROBE ? UNKNOWN_METHOD_PROBE : resolve(trimmed)?.spec.wire;
    if (!wire || !suite.includes(wire)) {
      throw new Error(`unknown method "${name}" in methods: expected some of ${suite.join(", ")}`);
    }
    wanted.add(wire);
  }
  return suite.filter((m) => wanted.has(m));
}

/** The core's table entry of an adapter method: its wire name, reply schema, privacy. */
export function methodSpec(method: AdapterMethodName): AdapterMethodSpec {
  const found = ADAPTER_METHOD_TABLE.find((s) => s.method === method);
  if (!found) throw new Error(`${method} is not in the method table`);
  return found;
}
