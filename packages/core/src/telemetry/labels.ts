import { escapeControl } from "../logging/escape";
import { redactText } from "../logging/redact";

/**
 * Label values (endpoints, limiter scopes, channels) end up in `/metrics`, `/status.json` and the
 * status page. Some are built from a caller's text (an `exchange.IO` path) or carry ids (an adapter
 * that reports `/orders/123`), so every value is made safe where telemetry receives it: the caller's
 * secrets replaced by `***` (as log lines are), numeric and id-like path segments replaced by `{id}`
 * (so ids neither leak nor grow the label set), control characters written as `\xNN`, length bounded.
 */

/** Longest label value kept; longer ones end in `…`. */
export const LABEL_MAX = 120;
/** Input is cut to this before templating (a label is cut to LABEL_MAX anyway). */
const INPUT_MAX = 512;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Three or more digits: an id or a timestamp (versions like `2` or `v5` stay). */
const NUMERIC = /^\d{3,}$/;
/** Hex of 8+ characters with a digit: a hash, an order id, a key. */
const HEX_ID = /^(?=.*\d)[0-9a-f]{8,}$/i;
/** A long token mixing letters and digits (an id, a base64 key); endpoint names have few digits. */
const TOKEN_ID = /^(?=(?:.*\d){2})(?=.*[A-Za-z])[A-Za-z0-9\-_.=+:~]{12,}$/;
/** Any segment this long is data, not an endpoint name. */
const LONG_SEGMENT = 40;

/**
 * Whether one path segment is an id rather than part of an endpoint's name. The length test comes
 * first, so the patterns (TOKEN_ID's look-ahead backtracks) only ever see segments under 40 characters.
 */
function isIdSegment(segment: string): boolean {
  return (
    segment.length >= LONG_SEGMENT ||
    NUMERIC.test(segment) ||
    UUID.test(segment) ||
    HEX_ID.test(segment) ||
    TOKEN_ID.test(segment)
  );
}

/** `/api/v5/orders/12345678` → `/api/v5/orders/{id}`; a path's query string is dropped. */
export function templatePath(endpoint: string): string {
  const q = endpoint.indexOf("?");
  const path = q < 0 ? endpoint : endpoint.slice(0, q);
  return path
    .split("/")
    .map((segment) => (isIdSegment(segment) ? "{id}" : segment))
    .join("/");
}

/** Control characters escaped as in log lines, the text cut to `max` characters (ending in `…` when cut). */
export function escapeControls(value: string, max: number): string {
  const escaped = escapeControl(value.slice(0, max + 1));
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/** Control characters escaped, length bounded: safe in any label, whatever an adapter reported. */
export function safeLabel(value: string): string {
  return escapeControls(value, LABEL_MAX);
}

/**
 * Most reports repeat a handful of endpoints: their labels are kept, so the hot path does one map
 * look-up. Bounded: when full it starts over (a caller's varied paths cost work, never memory).
 */
const CACHE_MAX = 512;
const cache = new Map<string, string>();

/** The label of an endpoint (or a limiter scope `GET /path`): secrets redacted, ids templated, safe. */
export function endpointLabel(endpoint: string, secrets: readonly string[] = []): string {
  // Redacted before it is cut, so no part of a secret survives at the cut.
  const input = redactText(endpoint, secrets).slice(0, INPUT_MAX);
  let label = cache.get(input);
  if (label === undefined) {
    label = safeLabel(templatePath(input));
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(input, label);
  }
  return label;
}
