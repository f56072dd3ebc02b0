// API keys the stand-in accepts. Test credentials only: they are published in the README on purpose.

import type { PosMode, StandinCredential } from "../types";

export const DEFAULT_LIVE_CREDENTIAL: Readonly<StandinCredential> = Object.freeze({
  apiKey: "standin-live-0000-4000-8000-000000000001",
  secret: "5D1A3C7E9B2F4A6C8E0D1F3B5A7C9E21",
  passphrase: "Standin-Live-1",
  demo: false,
});

export const DEFAULT_DEMO_CREDENTIAL: Readonly<StandinCredential> = Object.freeze({
  apiKey: "standin-demo-0000-4000-8000-000000000002",
  secret: "9E7C5A3B1F0D8E6C4A2F9B7E3C1A5D42",
  passphrase: "Standin-Demo-1",
  demo: true,
});

/** One live and one demo key; each gets its own account funded with DEFAULT_BALANCES. */
export const DEFAULT_CREDENTIALS: readonly StandinCredential[] = Object.freeze([
  DEFAULT_LIVE_CREDENTIAL,
  DEFAULT_DEMO_CREDENTIAL,
]);

/** What every account holds after start-up and after reset(). */
export const DEFAULT_BALANCES: Readonly<Record<string, string>> = Object.freeze({
  USDT: "10000",
  BTC: "1",
  ETH: "10",
});

export interface KeyEntry {
  apiKey: string;
  demo: boolean;
  /** The position mode the key's account starts in (and returns to on reset()). */
  posMode: PosMode;
  // Kept as buffers so the hot path does not re-encode them on every request.
  secret: Buffer;
  passphrase: Buffer;
}

export class CredentialStore {
  private readonly keys = new Map<string, KeyEntry>();

  add(c: StandinCredential): KeyEntry {
    const entry: KeyEntry = {
      apiKey: c.apiKey,
      demo: c.demo === true,
      posMode: c.posMode ?? "net_mode",
      secret: Buffer.from(c.secret, "utf8"),
      passphrase: Buffer.from(c.passphrase, "utf8"),
    };
    this.keys.set(c.apiKey, entry);
    return entry;
  }

  get(apiKey: string): KeyEntry | undefined {
    return this.keys.get(apiKey);
  }

  all(): KeyEntry[] {
    return [...this.keys.values()];
  }
}
