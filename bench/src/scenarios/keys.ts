import { DEFAULT_LIVE_CREDENTIAL } from "@fmz-gateway/okx-standin";

/** Deterministic bench credentials: the stand-in registers them, the load generator cycles them. */
export function benchCredential(i: number): { apiKey: string; secret: string; passphrase: string } {
  return { apiKey: `bench-key-${i}`, secret: `bench-secret-${i}`, passphrase: `bench-pass-${i}` };
}

/** A docker request body for a call, as the FMZ docker sends it. */
export function fmzBody(method: string, params: Record<string, string>, keyIndex = 0): string {
  const c = benchCredential(keyIndex);
  return JSON.stringify({
    access_key: c.apiKey,
    secret_key: `${c.secret},${c.passphrase}`,
    nonce: Date.now() * 1_000_000,
    method,
    params,
  });
}

/**
 * A docker request body signed with the stand-in's live test key (`DEFAULT_LIVE_CREDENTIAL`), whose
 * account the private-stream rows trade in and read.
 */
export function liveBody(method: string, params: Record<string, string>): string {
  const c = DEFAULT_LIVE_CREDENTIAL;
  return JSON.stringify({
    access_key: c.apiKey,
    secret_key: `${c.secret},${c.passphrase}`,
    nonce: Date.now() * 1_000_000,
    method,
    params,
  });
}
