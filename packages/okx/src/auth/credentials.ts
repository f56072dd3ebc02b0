import { BadRequestError, type Credentials, requireExtras } from "@fmz-gateway/core";

/** What a signed OKX request needs, taken from the caller's keys on every call (never cached). */
export interface OkxAuth {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
  /** Demo trading: the request carries `x-simulated-trading: 1`, and only a demo key is accepted. */
  readonly demo: boolean;
}

const SIMULATE = "simulate";

/**
 * The Secret Key field on FMZ carries `SECRET,PASSPHRASE` or `SECRET,PASSPHRASE,simulate`. A missing
 * passphrase is refused before anything is sent, because OKX would only answer a less helpful 50104/50105.
 * Error texts never echo a part of the key: a user who mistyped may have put a secret in any slot.
 */
export function okxAuth(credentials: Credentials): OkxAuth {
  const [passphrase = "", ...flags] = requireExtras(credentials, ["passphrase"], "OKX");
  if (passphrase === "") {
    throw new BadRequestError("OKX needs the Secret Key as SECRET,PASSPHRASE: the passphrase is empty");
  }
  for (const flag of flags) {
    if (flag.toLowerCase() !== SIMULATE) {
      throw new BadRequestError(
        "OKX Secret Key: unexpected part after the passphrase; expected SECRET,PASSPHRASE or SECRET,PASSPHRASE,simulate",
      );
    }
  }
  return {
    apiKey: credentials.accessKey,
    secret: credentials.secret,
    passphrase,
    demo: flags.length > 0,
  };
}

/**
 * Whether a call should go to demo trading. Public calls need no keys, but a demo user's market data must
 * come from the demo environment too (OKX serves it under the same header), so the flag is read loosely.
 */
export function wantsDemo(credentials: Credentials): boolean {
  return credentials.extras.slice(1).some((part) => part.toLowerCase() === SIMULATE);
}
