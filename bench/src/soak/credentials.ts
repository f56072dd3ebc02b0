import type { StandinCredential } from "@fmz-gateway/okx-standin";

/**
 * Marker substrings each soak credential carries in its middle, where neither a shortened key
 * (`soak…abcd`) nor anything else the gateway prints can contain them: finding one in a log line or a
 * reply means a key, a secret or a passphrase leaked.
 */
export const SECRET_MARKERS = ["K3yMid", "S3cretMid", "Pa55Mid"] as const;

export function soakCredential(i: number): StandinCredential {
  const n = String(i).padStart(3, "0");
  return {
    apiKey: `soak-${n}-K3yMid-${hex(i, 1)}`,
    secret: `${hex(i, 2)}S3cretMid${n}`,
    passphrase: `Soak-${n}-Pa55Mid!`,
  };
}

/** The Secret Key as typed on FMZ for an OKX key: `SECRET,PASSPHRASE`. */
export function fmzSecretKey(c: StandinCredential): string {
  return `${c.secret},${c.passphrase}`;
}

function hex(i: number, salt: number): string {
  return ((i + 1) * 2_654_435_761 * salt).toString(16).padStart(12, "0").slice(-12);
}
