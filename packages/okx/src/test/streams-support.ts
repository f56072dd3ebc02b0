// What the OKX-only stream tests (streams.test.ts) need: the mount options that turn streams on with short
// timings. The suite every streamed mount shares runs in the ccxt package (stream-mounts.ts there).

/**
 * Short timings so faults heal within a test: ping after 500 ms quiet, drop 1 s later. Not shorter: the
 * stand-in shares the test's process, and on a loaded machine a pause of a few hundred ms in that one
 * event loop would drop a healthy socket.
 */
export const FAST_STREAMS = {
  streams: true,
  rateLimits: false,
  wsPingMs: 500,
  wsPongTimeoutMs: 1000,
  wsReconnectMs: 20,
};

/** The spot mount the harness serves, which the stream helpers read unless told another. */
export const MOUNT = "OKX";
