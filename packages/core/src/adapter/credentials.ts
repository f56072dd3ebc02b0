import { BadRequestError } from "../errors/gateway-errors";

/**
 * The caller's credentials, as the docker sends them with every request. Extra credentials ride in the
 * Secret Key, comma-separated: for OKX `SECRET,PASSPHRASE` or `SECRET,PASSPHRASE,simulate`.
 */
export interface Credentials {
  readonly accessKey: string;
  /** The first comma-separated part of the Secret Key. */
  readonly secret: string;
  /** The remaining parts, in order (a passphrase, a flag such as `simulate`, a uid …). */
  readonly extras: readonly string[];
}

export function parseCredentials(accessKey: string, secretKey: string): Credentials {
  const [secret = "", ...extras] = secretKey.split(",").map((part) => part.trim());
  return { accessKey: accessKey.trim(), secret, extras };
}

export function hasCredentials(c: Credentials): boolean {
  return c.accessKey !== "" && c.secret !== "";
}

/** Throws a bad request naming what is missing; for adapters whose exchange needs more than a key pair. */
export function requireExtras(c: Credentials, names: readonly string[], exchange: string): readonly string[] {
  if (!hasCredentials(c)) throw new BadRequestError(`${exchange} needs an Access Key and a Secret Key`);
  // `SECRET,` (an empty passphrase) is as missing as no passphrase at all.
  const missing = names.filter((_, i) => !c.extras[i]);
  if (missing.length > 0) {
    throw new BadRequestError(
      `${exchange} needs the Secret Key as ${["SECRET", ...names.map((n) => n.toUpperCase())].join(",")}: missing ${missing.join(", ")}`,
    );
  }
  return c.extras;
}

/** The secret values a call's credentials hold (as `secretValues`), for scrubbing what the call logs. */
export function credentialSecrets(c: Credentials): string[] {
  return secretValues(c.accessKey, [c.secret, ...c.extras].join(","));
}

/** Every secret value in a request (whole secret key and each part), longest first, for redaction. */
export function secretValues(accessKey: string, secretKey: string): string[] {
  const parts = secretKey.split(",").map((p) => p.trim());
  return [secretKey, ...parts, accessKey]
    .filter((v) => v.length >= 4 && !/^(simulate|true|false)$/i.test(v))
    .sort((a, b) => b.length - a.length);
}
