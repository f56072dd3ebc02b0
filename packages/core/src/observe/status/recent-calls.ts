import type { CallEvent } from "../../telemetry/telemetry";

/**
 * The last `size` calls, as a ring of the events the dispatcher emitted (already free of secrets: the
 * error text is scrubbed, the access key shortened). Holding references costs no copy per call.
 */
export class RecentCalls {
  private readonly ring: (CallEvent | undefined)[];
  private next = 0;

  constructor(private readonly size = 100) {
    this.ring = new Array<CallEvent | undefined>(size);
  }

  add(e: CallEvent): void {
    this.ring[this.next] = e;
    this.next = (this.next + 1) % this.size;
  }

  /** Newest first. */
  list(): CallEvent[] {
    const out: CallEvent[] = [];
    for (let i = 1; i <= this.size; i++) {
      const e = this.ring[(this.next - i + this.size) % this.size];
      if (e) out.push(e);
    }
    return out;
  }
}
