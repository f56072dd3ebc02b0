import { BadRequestError, type Credentials } from "@fmz-gateway/core";

/**
 * How an FMZ key pair fills ccxt's credentials. The Access Key goes to `apiKey` (or, for exchanges that
 * sign with a wallet and need no apiKey, to `walletAddress`); the Secret Key's comma-separated parts
 * fill the remaining required credentials in the order ccxt's `requiredCredentials` lists them:
 * `secret` first, then `uid`, `accountId`, `login`, `password` (OKX's and KuCoin's passphrase) …
 * A trailing `simulate` part selects the exchange's sandbox for that key, as FMZ's OKX convention does.
 */
export interface CredentialLayout {
  /** The ccxt credential the Access Key fills, if the exchange requires any. */
  readonly accessKey?: string;
  /** The ccxt credentials the Secret Key's parts fill, in order. */
  readonly secretParts: readonly string[];
}

const SIMULATE = /^simulate$/i;

export function credentialLayout(required: readonly string[]): CredentialLayout {
  const accessKey = required.includes("apiKey")
    ? "apiKey"
    : required.includes("walletAddress")
      ? "walletAddress"
      : required[0];
  const rest = required.filter((n) => n !== accessKey);
  // `secret` (or `privateKey` where there is no secret) always comes first in the Secret Key.
  const first = rest.includes("secret") ? "secret" : rest.includes("privateKey") ? "privateKey" : undefined;
  const secretParts = first ? [first, ...rest.filter((n) => n !== first)] : rest;
  return { accessKey, secretParts };
}

/** How a user types the Secret Key for this layout: `SECRET,PASSWORD`. */
export function secretKeyFormat(layout: CredentialLayout): string {
  return layout.secretParts.map((n) => n.toUpperCase()).join(",") || "(none)";
}

export interface MappedCredentials {
  /** ccxt credential name → value. */
  readonly values: Readonly<Record<string, string>>;
  /** The caller asked for the sandbox with a trailing `simulate`. */
  readonly simulate: boolean;
}

/**
 * Maps the caller's keys onto ccxt's credential names, or throws a bad request naming what is missing
 * (in ccxt's words, `password`), so a user sees which part of the Secret Key to add.
 */
export function mapCredentials(
  c: Credentials,
  layout: CredentialLayout,
  exchangeId: string,
): MappedCredentials {
  const parts = [c.secret, ...c.extras];
  let simulate = false;
  if (parts.length > layout.secretParts.length && SIMULATE.test(parts[parts.length - 1] ?? "")) {
    simulate = true;
    parts.pop();
  }
  const format = secretKeyFormat(layout);
  const missing: string[] = [];
  if (layout.accessKey && c.accessKey === "") missing.push(layout.accessKey);
  layout.secretParts.forEach((name, i) => {
    if ((parts[i] ?? "") === "") missing.push(name);
  });
  if (missing.length > 0) {
    throw new BadRequestError(
      `${exchangeId} needs the Access Key as ${(layout.accessKey ?? "apiKey").toUpperCase()} and the Secret Key as ${format}[,simulate]: missing ${missing.join(", ")}`,
    );
  }
  if (parts.length > layout.secretParts.length) {
    throw new BadRequestError(
      `${exchangeId} takes the Secret Key as ${format}[,simulate]: it has ${parts.length} comma-separated parts, expected ${layout.secretParts.length}`,
    );
  }
  const values: Record<string, string> = {};
  if (layout.accessKey) values[layout.accessKey] = c.accessKey;
  layout.secretParts.forEach((name, i) => {
    values[name] = parts[i] ?? "";
  });
  return { values, simulate };
}
