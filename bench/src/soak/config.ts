/** What one soak run does; `npm run soak` takes `--seconds N`, the rest are fixed so runs compare. */
export interface SoakConfig {
  seconds: number;
  /** Docker-like clients, half on the OKX mount and half on the ccxt okx mount, one API key each. */
  clients: number;
  /** Share of the stand-in's requests that get a random fault. */
  faultRate: number;
  /** The mounts' per-request HTTP timeout: a hang or a very slow reply ends here. */
  httpTimeoutMs: number;
  /** The host's per-call deadline; a client gives up (and counts a failure) a little after it. */
  callTimeoutMs: number;
  /** How often the gateway's RSS, live heap and open file descriptors are read. */
  sampleEveryMs: number;
  /** A strategy's pause between two calls (uniform in this range). */
  thinkMs: [number, number];
}

export function soakConfig(seconds: number): SoakConfig {
  return {
    seconds,
    clients: 64,
    faultRate: 0.04,
    httpTimeoutMs: 1_000,
    callTimeoutMs: 6_000,
    sampleEveryMs: seconds >= 120 ? 5_000 : 2_000,
    thinkMs: [150, 650],
  };
}

/** Memory must be flat from here to the end: the second minute on, or the last two thirds of a short run. */
export function windowStartS(seconds: number): number {
  return seconds >= 180 ? 60 : Math.floor(seconds / 3);
}
