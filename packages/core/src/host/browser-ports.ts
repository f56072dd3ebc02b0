/**
 * The ports browsers refuse to open (the Fetch standard's "bad ports", which Chrome and Firefox follow:
 * `ERR_UNSAFE_PORT`). FMZ's guide puts plugins on 6666, one of them, so the status page gets a port of its
 * own when the API's port is on this list. Source: https://fetch.spec.whatwg.org/#port-blocking
 */
const BAD_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** The status page's port when the config names none and the API's port is one browsers refuse. */
export const DEFAULT_STATUS_PORT = 6680;

export function isBrowserBlockedPort(port: number): boolean {
  return BAD_PORTS.has(port);
}

/**
 * The status listener's port: as configured, else 6680 when browsers cannot open the API's port (an
 * ephemeral API port, 0, gets none: tests and embedders choose for themselves), else none (the API's
 * port serves the page too).
 */
export function statusPortFor(apiPort: number, configured: number | false | undefined): number | false {
  if (configured !== undefined) return configured;
  return apiPort !== 0 && isBrowserBlockedPort(apiPort) ? DEFAULT_STATUS_PORT : false;
}
