/**
 * Secrets never leave the request: these helpers scrub them from anything that is logged, recorded or
 * answered. Access keys are shown shortened (an operator needs to tell callers apart); secrets,
 * passphrases and signatures never appear at all.
 */

const SECRET_FIELD = /secret|passphrase|password|sign|token|private|credential/i;
const KEY_FIELD = /^(access_?key|api_?key|key|ok-access-key)$/i;

/** `abcd…wxyz` for long keys; `***` for short ones, which would be mostly revealed by a prefix. */
export function shortenKey(key: string): string {
  if (key.length < 12) return key.length === 0 ? "" : "***";
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/** Replaces every occurrence of each secret value in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4 && out.includes(s)) out = out.split(s).join("***");
  }
  return out;
}

/**
 * Deep-copies a value with secret-looking fields replaced and key fields shortened, and every known
 * secret value scrubbed from strings. Depth- and size-bounded: this runs on the error path only.
 */
export function redactValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => redactValue(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (KEY_FIELD.test(k) && typeof v === "string") out[k] = shortenKey(v);
    else if (SECRET_FIELD.test(k)) out[k] = v === "" || v === undefined ? v : "***";
    else out[k] = redactValue(v, secrets, depth + 1);
  }
  return out;
}
