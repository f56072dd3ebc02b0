/**
 * Keeps a label's values a bounded set. Mount names and wire methods are bounded by the config and the
 * method table, but an endpoint reached through `__api_` passthrough, or a limiter scope, is whatever an
 * adapter reports: past `limit` distinct values per mount, new ones fold into `other`, so a caller can
 * never grow the metrics (or the status page's memory) without end.
 */
export const OTHER = "other";

export class BoundedLabels {
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly limit: number) {}

  /** `value` if it is known or there is room for it under `exchange`, else `other`. */
  fold(exchange: string, value: string): string {
    let set = this.seen.get(exchange);
    if (!set) this.seen.set(exchange, (set = new Set()));
    if (set.has(value)) return value;
    if (set.size >= this.limit) return OTHER;
    set.add(value);
    return value;
  }
}

/** Calls to a path that is not a mount count under one exchange value (the path is the caller's text). */
export const UNKNOWN_EXCHANGE = "unknown";
