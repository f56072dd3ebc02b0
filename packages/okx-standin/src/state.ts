// Everything the stand-in holds, in one place, so reset() can put it all back.

import { CredentialStore, DEFAULT_BALANCES } from "./auth/credentials";
import { FaultRegistry } from "./faults";
import { MarketState } from "./market/state";
import { stringSeed } from "./market/prng";
import { RateLimiter } from "./rate-limits";
import { Account } from "./trading/account";
import { Engine } from "./trading/engine";
import type { PosMode, RecordedRequest, StandinCredential } from "./types";

export interface StateOptions {
  credentials: readonly StandinCredential[];
  enforceRateLimits: boolean;
  timeWindowMs: number;
  maxRecordedRequests: number;
  clockOffsetMs?: number;
}

export class StandinState {
  readonly market = new MarketState();
  readonly engine = new Engine(this.market);
  readonly credentials = new CredentialStore();
  readonly accounts = new Map<string, Account>();
  readonly faults = new FaultRegistry();
  readonly limiter: RateLimiter;
  /** Mutated in place (never replaced) so a reference a test holds stays current. */
  readonly requests: RecordedRequest[] = [];
  readonly timeWindowMs: number;
  private readonly maxRecorded: number;
  /** The stand-in's clock minus the host's (ms): what /public/time, auth and futures expiry go by. */
  clockOffsetMs: number;
  /** A swap's coming funding settlement set by a test (setFunding), in place of the 8-hourly one. */
  readonly funding = new Map<string, { time: number; rate: string }>();

  constructor(opts: StateOptions) {
    this.limiter = new RateLimiter(opts.enforceRateLimits);
    this.timeWindowMs = opts.timeWindowMs;
    this.maxRecorded = Math.max(1, opts.maxRecordedRequests);
    this.clockOffsetMs = opts.clockOffsetMs ?? 0;
    for (const c of opts.credentials) this.addCredential(c);
  }

  addCredential(c: StandinCredential): void {
    const existing = this.accounts.get(c.apiKey);
    this.credentials.add(c);
    // Re-adding a key keeps its account unless the environment changed, which makes it another account.
    if (existing === undefined || existing.demo !== (c.demo === true)) {
      this.accounts.set(c.apiKey, this.newAccount(c.apiKey, c.demo === true, c.posMode));
    }
  }

  /** The stand-in's clock (host clock + clockOffsetMs), Unix ms. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  private newAccount(apiKey: string, demo: boolean, posMode: PosMode = "net_mode"): Account {
    const uid = String(400_000_000_000_000_000n + BigInt(stringSeed(apiKey)) * 1_000n);
    return new Account(apiKey, demo, uid, DEFAULT_BALANCES, this.now(), posMode);
  }

  record(r: RecordedRequest): void {
    if (this.requests.length >= this.maxRecorded) {
      // Drop a tenth at once so trimming stays amortised O(1) per request.
      this.requests.splice(0, Math.max(1, Math.floor(this.maxRecorded / 10)));
    }
    this.requests.push(r);
  }

  reset(): void {
    this.market.reset();
    this.engine.reset();
    for (const key of this.credentials.all())
      this.accounts.set(key.apiKey, this.newAccount(key.apiKey, key.demo, key.posMode));
    this.faults.clear();
    this.funding.clear();
    this.requests.length = 0;
    this.limiter.reset();
  }
}
