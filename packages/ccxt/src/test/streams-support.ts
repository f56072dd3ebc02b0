// What the ccxt streams suites alone need: a real gateway with ccxt `okx` mounts pointed at the stand-in's
// REST (`baseUrl`) and websocket (`wsUrl`), with short stream timings. The rest (the stand-in's true state,
// waits, the gateway's stream reports) is shared with the OKX suites in @fmz-gateway/okx-standin/test-support.
import "../index";
import { Gateway, type Logger, silentLogger } from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import type { DockerClient } from "@fmz-gateway/testkit";
import { ccxtMount, liveClient } from "./harness";

/**
 * Short timings so faults heal within a test: ccxt pings every 500 ms, a socket quiet 1.5 s is dropped.
 * Not shorter: the stand-in shares the test's process, and on a loaded machine a pause of a few hundred
 * ms in that one event loop would drop a healthy socket.
 */
export const FAST_STREAMS = {
  streams: true,
  wsKeepaliveMs: 1500,
  wsReconnectMs: 20,
  ccxt: { enableRateLimit: false },
};

/** The spot mount the harness serves, which the stream helpers read unless told another. */
export const MOUNT = "OKXC";

export interface StreamHarness {
  standin: OkxStandin;
  gateway: Gateway;
  /** The spot mount (`/OKXC`) with the live stand-in key. */
  spot: DockerClient;
  close(): Promise<void>;
}

/**
 * The stand-in and a gateway with `OKXC` (spot) and `OKXC_SWAP`, streams on with `FAST_STREAMS`, and
 * `OKXC_REST`, the spot mount with streams off.
 */
export async function startStreamHarness(
  mountOptions: Record<string, unknown> = {},
  logger?: Logger,
): Promise<StreamHarness> {
  const standin = await startOkxStandin({ port: 0, enforceRateLimits: false });
  const wsUrl = standin.url.replace(/^http/, "ws");
  const options = { wsUrl, ...FAST_STREAMS, ...mountOptions };
  const gateway = await Gateway.start({
    port: 0,
    logger: logger ?? silentLogger(),
    exchanges: {
      OKXC: ccxtMount(standin.url, options),
      OKXC_SWAP: ccxtMount(standin.url, { ...options, market: "swap" }),
      // The same exchange without streams: what REST answers, to compare with.
      OKXC_REST: ccxtMount(standin.url, { ...options, streams: false }),
    },
  });
  const spot = liveClient(gateway.url);
  return {
    standin,
    gateway,
    spot,
    close: async () => {
      await gateway.close(1_000);
      await standin.close();
    },
  };
}
