import { createHash } from "node:crypto";
import type { Credentials } from "../adapter/credentials";

/**
 * Whose private stream a call reads: one per set of credentials (and whatever else makes an account
 * another one, such as OKX's demo flag).
 *
 * `id` is the full SHA-256 of every part of the credentials: two callers share held orders and balances
 * only when they hold the same key, secret and passphrase. A caller with the right key and a wrong
 * secret gets a stream of its own, whose login fails, so it is answered by REST with the exchange's
 * own error and never sees the real account's data. 256 bits leave no room for a collision; an 8-digit
 * hash would (one in four billion per pair of keys).
 *
 * `shown` is what people see (status page, `/status.json`, log lines): `key:` and 8 hex digits of the
 * access key's hash. An operator can tell accounts apart; nothing of the key itself is shown.
 */
export interface AccountScope {
  readonly id: string;
  readonly shown: string;
}

const SEP = "\u0000";

export function accountScope(credentials: Credentials, ...distinct: readonly string[]): AccountScope {
  const { accessKey, secret, extras } = credentials;
  const id = createHash("sha256")
    .update([accessKey, secret, ...extras, ...distinct].join(SEP))
    .digest("hex");
  const flag = distinct.filter((d) => d !== "").join("+");
  return { id, shown: `${shownKey(accessKey)}${flag ? `+${flag}` : ""}` };
}

/**
 * How an account is named wherever people look (status page, paper account page, log lines): `key:`
 * and 8 hex digits of the access key's SHA-256. The same key reads the same everywhere; a key cannot be
 * recovered from 32 bits of its hash.
 */
export function shownKey(accessKey: string): string {
  return `key:${createHash("sha256").update(accessKey).digest("hex").slice(0, 8)}`;
}
