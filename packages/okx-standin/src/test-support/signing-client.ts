// Test helper for the stand-in's own tests (not in the test-support barrel): a minimal OKX client that signs like ccxt does, with knobs to
// break each part of the signature on purpose.

import { computeSignature } from "../auth/sign-check";
import type { StandinCredential } from "../types";

export type Row = Record<string, unknown>;

export interface OkxBody {
  code: string;
  msg: string;
  data: Row[];
  inTime?: string;
  outTime?: string;
}

export interface Resp {
  status: number;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body: OkxBody | undefined;
}

export interface RequestOptions {
  /** Object bodies are sent as compact JSON (ccxt style); strings are sent byte for byte. */
  body?: unknown;
  /** Credential to sign with; null sends no auth headers at all. */
  cred?: StandinCredential | null;
  timestamp?: string;
  /** Value for x-simulated-trading; default "1" for demo credentials and no header for live ones. */
  simulated?: string | null;
  /** Header names (lower case) to leave out. */
  omit?: string[];
  /** Overrides for individual auth headers. */
  sign?: string;
  passphrase?: string;
  apiKey?: string;
  /** Signs this request-target instead of the one sent (to prove the raw target is what counts). */
  signTarget?: string;
}

export class TestClient {
  constructor(
    readonly base: string,
    readonly cred: StandinCredential | null = null,
  ) {}

  with(cred: StandinCredential | null): TestClient {
    return new TestClient(this.base, cred);
  }

  async request(method: string, target: string, opts: RequestOptions = {}): Promise<Resp> {
    const cred = opts.cred === undefined ? this.cred : opts.cred;
    const bodyText =
      opts.body === undefined ? "" : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = {};
    if (bodyText !== "") headers["content-type"] = "application/json";
    if (cred !== null) {
      const ts = opts.timestamp ?? new Date().toISOString();
      headers["ok-access-key"] = opts.apiKey ?? cred.apiKey;
      headers["ok-access-timestamp"] = ts;
      headers["ok-access-passphrase"] = opts.passphrase ?? cred.passphrase;
      headers["ok-access-sign"] =
        opts.sign ?? computeSignature(cred.secret, ts + method + (opts.signTarget ?? target) + bodyText);
      const sim = opts.simulated === undefined ? (cred.demo ? "1" : null) : opts.simulated;
      if (sim !== null) headers["x-simulated-trading"] = sim;
    } else if (opts.simulated !== undefined && opts.simulated !== null) {
      headers["x-simulated-trading"] = opts.simulated;
    }
    for (const h of opts.omit ?? []) delete headers[h];
    const res = await fetch(this.base + target, {
      method,
      headers,
      body: bodyText === "" ? undefined : bodyText,
    });
    const text = await res.text();
    let body: OkxBody | undefined;
    try {
      body = JSON.parse(text) as OkxBody;
    } catch {
      body = undefined;
    }
    return { status: res.status, text, body };
  }

  get(target: string, opts?: RequestOptions): Promise<Resp> {
    return this.request("GET", target, opts);
  }

  post(target: string, body: unknown, opts?: RequestOptions): Promise<Resp> {
    return this.request("POST", target, { ...opts, body });
  }
}

/** data[i] of a response, failing loudly when absent. */
export function row(r: Resp, i = 0): Row {
  const d = r.body?.data[i];
  if (d === undefined) throw new Error(`no data[${i}] in ${r.text}`);
  return d;
}

export function balanceOf(r: Resp, ccy: string): Row | undefined {
  const details = row(r).details as Row[];
  return details.find((d) => d.ccy === ccy);
}
