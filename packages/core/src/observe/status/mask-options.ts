/**
 * A mount's options as the status page shows them. Options are not meant to hold secrets (keys come
 * with each call), but a user may still put an `apiKey` or a proxy password in an adapter's pass-through
 * config, so any field whose name looks secret is masked whole, key fields included: the page is
 * read by people who should not learn even part of a key from it.
 */
const SECRET_NAME = /secret|pass|key|token|sign|private|credential|auth|cookie|session/i;

export function maskOptions(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (value === null || typeof value !== "object") return value;
  if (depth > 5) return "…";
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => maskOptions(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_NAME.test(k) && v !== undefined && v !== "" ? "***" : maskOptions(v, depth + 1);
  }
  return out;
}
