/** How long and how often the bench measures; `--quick` is one short round (a smoke test of the bench). */
export interface BenchSettings {
  quick: boolean;
  rounds: number;
  /** Seconds of each throughput round. */
  durationS: number;
  /** Timed requests of each latency round (at one connection). */
  latencyRequests: number;
  /** Concurrent connections of the throughput rounds. */
  connections: number;
  /** Seconds the ten robots poll after warm-up: a minute, so one reconciliation falls inside it. */
  robotsSpanS: number;
}

export function benchSettings(quick: boolean): BenchSettings {
  return {
    quick,
    rounds: quick ? 1 : 3,
    durationS: quick ? 1 : 3,
    latencyRequests: quick ? 300 : 2000,
    connections: 16,
    robotsSpanS: quick ? 5 : 60,
  };
}

export const MB = 2 ** 20;

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
