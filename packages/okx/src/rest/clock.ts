import type { Logger } from "@fmz-gateway/core";

/** How often the offset is measured again while private calls keep coming: host clocks drift slowly. */
export const CLOCK_REFRESH_MS = 5 * 60_000;
/** An offset beyond this is logged (and `doctor` flags it): see `OkxClock.measure`. */
export const CLOCK_WARN_MS = 1_000;

/** Reads OKX's server time once: GET /api/v5/public/time, `data[0].ts` (reference §4.1). */
export type ServerTimeProbe = () => Promise<number>;

export interface ClockSample {
  /** OKX's clock minus this host's, in ms (positive: OKX is ahead). */
  readonly offsetMs: number;
  /** The request's round trip; the offset is exact to within half of it. */
  readonly rttMs: number;
}

/**
 * OKX refuses a signed request whose timestamp is more than 30 s from its own clock (50102, reference
 * §1.1), and advises syncing with `public/time` first. This keeps the offset per mount (one OKX, one host
 * clock): measured lazily before the first private call, again every few minutes, and at once when OKX
 * answers 50102. Concurrent callers share one measurement. A failed measurement keeps the last offset: the
 * signed request then fails, or succeeds, on its own merits.
 */
export class OkxClock {
  private offset = 0;
  private measuredAt = 0;
  private pending?: Promise<ClockSample>;
  private lastLogged?: number;

  constructor(
    private readonly probe: ServerTimeProbe,
    private readonly logger?: Logger,
    /** This host's time (epoch ms): the container's `CLOCK`, the offset is measured against it. */
    private readonly hostNow: () => number = Date.now,
  ) {}

  /** OKX's time now, as far as we know it. */
  now(): number {
    return this.hostNow() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  get measured(): boolean {
    return this.measuredAt > 0;
  }

  /** Measures when never measured or the last one is older than CLOCK_REFRESH_MS; never throws. */
  async ensureFresh(): Promise<void> {
    if (this.measured && this.hostNow() - this.measuredAt < CLOCK_REFRESH_MS) return;
    await this.measure().catch(() => undefined);
  }

  /**
   * One round trip to OKX: the offset is server time minus the midpoint of the request, which is right to
   * within half the round trip. Logged when beyond a second, the point where a host's clock is visibly
   * wrong (FMZ's own logs, candle times and `since` filters use it) though far inside OKX's 30 s window.
   */
  measure(): Promise<ClockSample> {
    this.pending ??= (async () => {
      try {
        const sent = this.hostNow();
        const serverMs = await this.probe();
        const received = this.hostNow();
        const sample = { offsetMs: Math.round(serverMs - (sent + received) / 2), rttMs: received - sent };
        this.offset = sample.offsetMs;
        this.measuredAt = received;
        this.report(sample);
        return sample;
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }

  private report(sample: ClockSample): void {
    const big = Math.abs(sample.offsetMs) > CLOCK_WARN_MS;
    // Logged when it first exceeds a second and when it moves by another second, not every five minutes.
    if (!big || (this.lastLogged !== undefined && Math.abs(this.lastLogged - sample.offsetMs) < 1_000))
      return;
    this.lastLogged = sample.offsetMs;
    this.logger?.warn(
      `OKX clock offset ${describeOffset(sample.offsetMs)}; signing with OKX's time. Sync this host's clock with NTP`,
    );
  }
}

/** `+45.2 s (this host is behind OKX)`. */
export function describeOffset(offsetMs: number): string {
  const s = (Math.abs(offsetMs) / 1000).toFixed(1);
  if (Math.abs(offsetMs) < 50) return `${offsetMs >= 0 ? "+" : "-"}${s} s`;
  return offsetMs > 0 ? `+${s} s (this host is behind OKX)` : `-${s} s (this host is ahead of OKX)`;
}
