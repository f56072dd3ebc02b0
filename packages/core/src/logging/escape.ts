/**
 * Caller text in a log line: a CR or LF from a mount path, a method, a symbol or an order id would start
 * a forged line of its own, and an ANSI escape could rewrite what a terminal shows. Control characters
 * (C0, DEL, C1) and the Unicode line and paragraph separators are written as visible escapes instead.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function escapeControl(text: string): string {
  // The test first: almost every line is clean, and a test allocates nothing.
  if (!HAS_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => NAMED[c] ?? hexEscape(c.charCodeAt(0)));
}

/** `\x1b` for a byte-sized code, `\u2028` beyond. */
function hexEscape(code: number): string {
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * A caller's string made fit for a log line or a label: control characters escaped, and cut to `max`
 * characters so a megabyte-long method name costs a log line no more than a short one.
 */
export function callerText(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
  return escapeControl(cut);
}
