import { BadRequestError } from "../errors/gateway-errors";
import { escapeControl } from "../logging/escape";

/**
 * `exchange.IO("api", verb, path, query)` hands the gateway a path and a verb that an adapter signs and
 * sends to the exchange. Both are the caller's text, so they are checked here once, at parse time, for
 * every adapter, before anything is signed, queued or sent: the path is percent-decoded once and must
 * then be a plain absolute path (no `..` or `.` segments, no `//`, no backslash, no `;` parameters, no
 * query or fragment, no control character, only the characters REST paths use), so what an adapter
 * checks against its API prefix is what the exchange will route. Each adapter then narrows the prefix
 * and the verbs to what its exchange documents (`requireIoRoute`).
 */

/** Longer than any exchange's REST path; checked before any other work. */
export const IO_PATH_MAX = 256;

/** The verbs exchange REST APIs use; an adapter allows a subset (OKX: GET and POST). */
export const IO_VERBS: readonly string[] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/**
 * RFC 3986 path characters without `%` (decoding happened) and without `;` (matrix parameters, which
 * some servers strip before routing): letters, digits, `-._~`, `!$&'()*+,=`, `:@` and `/`.
 */
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,=:@/]*$/;
/** A percent-encoded `.`, `/`, `\` or `%`: only ever used to slip a segment or a second decoding past a check. */
const ENCODED_TRICK = /%(2e|2f|5c|25)/i;
/** C0 and C1 control characters and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The IO path, decoded and checked; throws a BadRequestError naming the rule the path breaks. */
export function normalizeIoPath(raw: string): string {
  if (raw.length > IO_PATH_MAX) {
    throw new BadRequestError(`invalid IO path: longer than ${IO_PATH_MAX} characters`);
  }
  const refuse = (rule: string): never => {
    throw new BadRequestError(`invalid IO path "${showPath(raw)}": ${rule}`);
  };
  if (ENCODED_TRICK.test(raw)) refuse("a percent-encoded '.', '/', '\\' or '%' is not allowed");
  let path: string;
  try {
    path = raw.includes("%") ? decodeURIComponent(raw) : raw;
  } catch {
    return refuse("malformed percent-encoding");
  }
  if (!path.startsWith("/")) path = `/${path}`;
  if (path === "/") refuse("empty");
  if (CONTROL.test(path)) refuse("control characters are not allowed");
  if (/\s/.test(path)) refuse("whitespace is not allowed");
  if (path.includes("?") || path.includes("#")) {
    refuse("a query or fragment belongs in the IO call's parameters, not in the path");
  }
  if (path.includes("\\")) refuse("backslashes are not allowed");
  if (path.includes(";")) refuse("';' (matrix parameters) is not allowed");
  if (path.includes("//")) refuse("empty segments ('//') are not allowed");
  if (path.split("/").some((s) => s === "." || s === "..")) refuse("'.' and '..' segments are not allowed");
  if (!PATH_CHARS.test(path)) {
    refuse("only letters, digits, '/' and the characters -._~!$&'()*+,=:@ are allowed");
  }
  return path;
}

/** The IO verb from the `Http-Method` header (GET when absent or blank), upper-cased; one of `IO_VERBS`. */
export function normalizeIoVerb(raw: string | undefined): string {
  const verb = (raw ?? "").trim().toUpperCase() || "GET";
  if (!IO_VERBS.includes(verb)) {
    throw new BadRequestError(
      `invalid IO verb "${showPath(verb.slice(0, 20))}": use one of ${IO_VERBS.join(", ")}`,
    );
  }
  return verb;
}

export interface IoRoute {
  /** The exchange's name for the error text (`OKX`). */
  readonly exchange: string;
  /** Path prefixes the exchange's API lives under, each ending in `/` (`/api/v5/`). */
  readonly prefixes: readonly string[];
  /** The verbs its API documents. */
  readonly verbs: readonly string[];
}

/**
 * An adapter's own rule on a (normalised) IO call: the path lies under one of its API prefixes and the
 * verb is one its exchange documents. Throws a BadRequestError naming both rules otherwise.
 */
export function requireIoRoute(p: { httpMethod: string; path: string }, route: IoRoute): void {
  if (!route.verbs.includes(p.httpMethod)) {
    throw new BadRequestError(
      `invalid IO verb ${p.httpMethod}: ${route.exchange} accepts ${route.verbs.join(" and ")}`,
    );
  }
  if (!route.prefixes.some((prefix) => p.path.startsWith(prefix) && p.path.length > prefix.length)) {
    throw new BadRequestError(
      `invalid IO path "${showPath(p.path)}": ${route.exchange} endpoints are under ${route.prefixes.join(" or ")}`,
    );
  }
}

/** A caller's path as an error quotes it: quotes and backslashes escaped, then controls as in log lines. */
function showPath(text: string): string {
  const shown = escapeControl(text.slice(0, 80).replace(/["\\]/g, (c) => `\\${c}`));
  return text.length > 80 ? `${shown}…` : shown;
}
