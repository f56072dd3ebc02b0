import type { CallResult } from "@fmz-gateway/testkit";
import { SECRET_MARKERS } from "./credentials";

const KEEP = 30;

/** What the clients saw: every reply counted and checked, failures kept (the first few in full). */
export class SoakStats {
  calls = 0;
  errors = 0;
  /** Replies that were not JSON, came after the deadline, or broke the protocol's shape. */
  failures = 0;
  readonly failureSamples: string[] = [];
  /** Replies that contained a key, a secret or a passphrase. */
  leaks = 0;
  /** Per mount, every call's milliseconds (replies and failures alike). */
  readonly latencies = new Map<string, number[]>();
  readonly byOp = new Map<string, { ok: number; error: number }>();
  /** FMZ order id → how many trade replies carried it (more than one would be a duplicate). */
  readonly ackedIds = new Map<string, number>();
  /** The error texts of failed trades by the client order id they name, to explain a lost order. */
  readonly tradeErrors = new Map<string, string>();
  readonly errorKinds = new Map<string, number>();

  reply(mount: string, op: string, ms: number, r: CallResult): void {
    this.calls++;
    this.time(mount, ms);
    const entry = this.entry(`${mount} ${op}`);
    const text = JSON.stringify(r);
    if (SECRET_MARKERS.some((m) => text.includes(m))) {
      this.leaks++;
      this.sample(`${mount} ${op}: a reply carried a credential`);
    }
    const shapeOk = r.status === 200 && "data" in r !== (r.error !== undefined);
    if (!shapeOk) this.fail(`${mount} ${op}: HTTP ${r.status}, reply ${text.slice(0, 160)}`);
    if (r.error !== undefined) {
      entry.error++;
      this.errors++;
      const kind = r.error
        .replace(/\d+/g, "N")
        .replace(/fmz[A-Za-z0-9]+/g, "ID")
        .slice(0, 90);
      this.errorKinds.set(
        `${mount} ${op}: ${kind}`,
        (this.errorKinds.get(`${mount} ${op}: ${kind}`) ?? 0) + 1,
      );
    } else entry.ok++;
  }

  failure(mount: string, op: string, ms: number, err: unknown): void {
    this.calls++;
    this.time(mount, ms);
    this.entry(`${mount} ${op}`).error++;
    this.fail(
      `${mount} ${op} after ${ms.toFixed(0)} ms: ${err instanceof Error ? err.message : String(err)}`,
    );
  }

  acked(id: string, _mount: string): void {
    this.ackedIds.set(id, (this.ackedIds.get(id) ?? 0) + 1);
  }

  tradeError(text: string): void {
    for (const m of text.matchAll(/client (?:order )?id ([A-Za-z0-9_-]+)/g)) {
      if (m[1]) this.tradeErrors.set(m[1], text);
    }
  }

  private time(mount: string, ms: number): void {
    let xs = this.latencies.get(mount);
    if (!xs) this.latencies.set(mount, (xs = []));
    xs.push(ms);
  }

  private fail(text: string): void {
    this.failures++;
    this.sample(text);
  }

  private sample(text: string): void {
    if (this.failureSamples.length < KEEP) this.failureSamples.push(text);
  }

  private entry(key: string): { ok: number; error: number } {
    let e = this.byOp.get(key);
    if (!e) this.byOp.set(key, (e = { ok: 0, error: 0 }));
    return e;
  }
}
