import { createHash } from "node:crypto";

/**
 * Secrets never leave the request: these helpers scrub them from anything that is logged, recorded or
 * answered. Access keys are shown shortened (an operator needs to tell callers apart); secrets,
 * passphrases and signatures never appear at all.
 */

const SECRET_FIELD = /secret|passphrase|password|sign|token|private|credential/i;
const KEY_FIELD = /^(access_?key|api_?key|key|ok-access-key)$/i;

/** Below this length a key's first and last four characters would show most of it. */
const SHORT_KEY = 12;

/**
 * `abcd…wxyz` for long keys. A short key (a paper account named `me`) is shown as `#` and the first 8
 * hex digits of its SHA-256: two short keys stay apart on the status page and in logs, and the label
 * never holds the key's text. Real exchange keys are long, so the hash never stands for one of them.
 */
export function shortenKey(key: string): string {
  if (key.length === 0) return "";
  // Already shortened (a redacted copy logged again): shown as it is, so one key has one label.
  if (SHORTENED.test(key)) return key;
  if (key.length >= SHORT_KEY) return `${key.slice(0, 4)}…${key.slice(-4)}`;
  return keyHash(key);
}

/** What `shortenKey` gives: `abcd…wxyz` or `#1a2b3c4d`. */
const SHORTENED = /^(.{4}….{4}|#[0-9a-f]{8})$/su;

const hashes = new Map<string, string>();

/** `#1a2b3c4d`: stable across restarts and processes, cached (a bounded map) for the per-call log line. */
export function keyHash(key: string): string {
  let h = hashes.get(key);
  if (h === undefined) {
    h = `#${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
    if (hashes.size >= 10_000) hashes.clear();
    hashes.set(key, h);
  }
  return h;
}

/** Replaces every occurrence of each secret value in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4 && out.includes(s)) out = out.split(s).join("***");
  }
  return out;
}

/** Deeper than this, a value is not copied at all: nothing below it can leak by being left unscrubbed. */
const MAX_DEPTH = 64;
/** Array items kept per array in a redacted copy. */
const MAX_ITEMS = 200;

/**
 * Deep-copies a value with secret-looking fields replaced, key fields shortened, and every known secret
 * value scrubbed from strings and from field names. Total: what is too deep, repeated (a cycle) or not plain data is
 * replaced by a marker, never passed through unscrubbed. Iteration, not recursion, so no input can
 * overflow the stack.
 */
export function redactValue(value: unknown, secrets: readonly string[] = []): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object") return value;
  const root: { v: unknown } = { v: undefined };
  const seen = new Set<object>();
  // Each job copies `src` into `dst[slot]`.
  const jobs: {
    src: unknown;
    dst: Record<string, unknown> | unknown[];
    slot: string | number;
    depth: number;
  }[] = [{ src: value, dst: root as unknown as Record<string, unknown>, slot: "v", depth: 0 }];
  while (jobs.length > 0) {
    const { src, dst, slot, depth } = jobs.pop()!;
    const put = (v: unknown) => ((dst as Record<string | number, unknown>)[slot] = v);
    if (typeof src === "string") {
      put(redactText(src, secrets));
      continue;
    }
    if (src === null || typeof src !== "object") {
      put(typeof src === "function" || typeof src === "symbol" ? undefined : src);
      continue;
    }
    if (depth >= MAX_DEPTH) {
      put("[too deep]");
      continue;
    }
    if (seen.has(src)) {
      put("[repeated]");
      continue;
    }
    seen.add(src);
    if (Array.isArray(src)) {
      const arr: unknown[] = [];
      put(arr);
      const n = Math.min(src.length, MAX_ITEMS);
      for (let i = 0; i < n; i++) jobs.push({ src: src[i], dst: arr, slot: i, depth: depth + 1 });
      continue;
    }
    if (src instanceof Error) {
      put(redactText(`${src.name}: ${src.message}`, secrets));
      continue;
    }
    // No prototype: a caller's field named `__proto__` stays a field, never a prototype.
    const obj = Object.create(null) as Record<string, unknown>;
    put(obj);
    for (const [k, v] of Object.entries(src)) {
      const name = redactText(k, secrets);
      if (KEY_FIELD.test(k) && typeof v === "string") obj[name] = shortenKey(v);
      else if (SECRET_FIELD.test(k)) obj[name] = v === "" || v === undefined ? v : "***";
      else jobs.push({ src: v, dst: obj, slot: name, depth: depth + 1 });
    }
  }
  return root.v;
}
