import type { FaultKind, FaultSpec, OkxStandin, RecordedRequest } from "@fmz-gateway/okx-standin";

const ORDER_PATH = "/api/v5/trade/order";
const KINDS: FaultKind[] = ["reset", "hang", "http500", "garbage", "rate-limit", "slow", "drop-after-accept"];

/**
 * Random faults driven by the traffic itself: every request the stand-in saw has a `rate` chance of
 * arming a fault for the next request to the same endpoint, so busy and quiet endpoints are hit alike.
 * Reading the stand-in's record also tells which order requests lost their reply: a drop after the
 * order was accepted, or a reply slower than the gateway's HTTP timeout.
 */
export class FaultInjector {
  readonly hits = new Map<string, number>();
  /** Client order ids of orders whose placement reply never reached the gateway in time. */
  readonly lostReplies = new Set<string>();
  requests = 0;
  /** Faults armed but not yet applied, per endpoint, in the order the stand-in applies them. */
  private readonly armed = new Map<string, FaultSpec[]>();
  private timer?: NodeJS.Timeout;
  private sinceForced = 0;

  constructor(
    private readonly standin: OkxStandin,
    private readonly rate: number,
    private readonly httpTimeoutMs: number,
  ) {}

  start(everyMs = 100): void {
    this.timer = setInterval(() => this.poll(everyMs), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.poll(0);
    this.standin.faults.clear();
  }

  private poll(everyMs: number): void {
    // Read and cleared in one synchronous turn: no request can be recorded in between.
    const seen: RecordedRequest[] = this.standin.requests.slice();
    this.standin.clearRequests();
    this.requests += seen.length;
    for (const r of seen) {
      if (r.fault) this.applied(r);
      if (everyMs > 0 && Math.random() < this.rate) this.arm(r.method, r.path, randomFault());
    }
    // Every 5 s at least one lost order reply, so the recovery path is exercised in every run.
    this.sinceForced += everyMs;
    if (everyMs > 0 && this.sinceForced >= 5_000) {
      this.sinceForced = 0;
      this.arm("POST", ORDER_PATH, { kind: "drop-after-accept" });
    }
  }

  private arm(method: string, path: string, f: Omit<FaultSpec, "path" | "method">): void {
    const spec: FaultSpec = { ...f, path, method, times: 1 };
    const key = `${method} ${path}`;
    const queue = this.armed.get(key) ?? [];
    queue.push(spec);
    this.armed.set(key, queue);
    this.standin.faults.add(spec);
  }

  private applied(r: RecordedRequest): void {
    const spec = this.armed.get(`${r.method} ${r.path}`)?.shift();
    const kind = r.fault ?? "none";
    this.hits.set(kind, (this.hits.get(kind) ?? 0) + 1);
    if (r.method !== "POST" || r.path !== ORDER_PATH) return;
    const lost =
      kind === "drop-after-accept" || (kind === "slow" && (spec?.delayMs ?? 0) >= this.httpTimeoutMs);
    if (!lost) return;
    try {
      const clOrdId = (JSON.parse(r.body) as { clOrdId?: unknown }).clOrdId;
      if (typeof clOrdId === "string") this.lostReplies.add(clOrdId);
    } catch {
      // Not an order body: nothing to account for.
    }
  }
}

function randomFault(): Omit<FaultSpec, "path" | "method"> {
  const kind = KINDS[Math.floor(Math.random() * KINDS.length)] ?? "http500";
  if (kind !== "slow") return { kind };
  // Either well inside the gateway's HTTP timeout (1 s) or well past it, never at the edge.
  const delayMs = Math.random() < 0.5 ? 200 + Math.random() * 500 : 1_400 + Math.random() * 1_100;
  return { kind, delayMs: Math.round(delayMs) };
}
