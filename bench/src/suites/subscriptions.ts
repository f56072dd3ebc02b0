import { throughput } from "../load/throughput";
import { call, liveStreams, servedCounts, warmStream } from "../load/served";
import { Child } from "../processes/child";
import type { ScaleResult } from "../report/format";
import { fmzBody } from "../scenarios/keys";
import { TICKER } from "../scenarios/rows";
import { streamsOption } from "../scenarios/streams-support";
import { type BenchSettings, MB } from "../settings";

export const SUBSCRIPTIONS = 1000;
const MOUNT = "OKX_WS";

export interface SubscriptionsResult extends ScaleResult {
  /** Streams live once every instrument had its first call. */
  live: number;
  /** Answers REST gave in the second pass (0: every one came from its stream). */
  secondPassRest: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * 1,000 live `tickers` subscriptions on one OKX stream mount (`maxStreams` 1,000), one per synthetic spot
 * pair of a stand-in seeded with them: the live heap with one stream, with all 1,000 live, and after a
 * second pass over them all (served from the streams). Undefined for an OKX adapter without streams.
 */
export async function subscriptionsSuite(s: BenchSettings): Promise<SubscriptionsResult | undefined> {
  if (!streamsOption("OKX", true).streams) return undefined;
  const standin = await Child.startWithEnv("processes/standin-process.js", ["1", "0"], {
    OKX_STANDIN_EXTRA_SPOT_PAIRS: String(SUBSCRIPTIONS),
  });
  const exchanges = {
    [MOUNT]: {
      adapter: "OKX",
      options: { baseUrl: standin.url, rateLimits: false, streams: true, maxStreams: SUBSCRIPTIONS },
    },
  };
  const gateway = await Child.start("processes/gateway-process.js", [
    JSON.stringify({ exchanges, logLevel: "info" }),
  ]);
  try {
    const bodies = Array.from({ length: SUBSCRIPTIONS }, (_, i) =>
      fmzBody(TICKER, { symbol: `S${String(i + 1).padStart(4, "0")}_USDT` }),
    );
    const target = { url: gateway.url, method: "POST" as const, paths: [`/${MOUNT}`], bodies };
    await warmStream(gateway.url, MOUNT, TICKER, bodies[0]);
    for (let i = 0; i < 200; i++) await call(gateway.url, MOUNT, bodies[0]);
    const before = await gateway.memory();
    // Each instrument's first call is answered by REST and opens its subscription.
    const first = await throughput(target, { connections: s.connections, amount: SUBSCRIPTIONS });
    const live = await waitForLive(gateway.url, SUBSCRIPTIONS, 30_000);
    const withAll = await gateway.memory();
    const rest = (await servedCounts(gateway.url, MOUNT, TICKER)).rest;
    const second = await throughput(target, { connections: s.connections, amount: SUBSCRIPTIONS * 5 });
    const secondPassRest = (await servedCounts(gateway.url, MOUNT, TICKER)).rest - rest;
    const after = await gateway.memory();
    const result: SubscriptionsResult = {
      name: `${SUBSCRIPTIONS.toLocaleString("en-US")} live ticker subscriptions on one OKX stream mount`,
      rps: second.rps,
      errors: first.errors + second.errors,
      rssMb: after.rss / MB,
      heapBeforeMb: before.heapUsed / MB,
      heapMb: withAll.heapUsed / MB,
      heapSecondPassMb: after.heapUsed / MB,
      live,
      secondPassRest,
    };
    console.log(
      `  ${SUBSCRIPTIONS} subscriptions: ${live} live, live heap ${result.heapBeforeMb?.toFixed(1)} → ${result.heapMb.toFixed(1)} → ${result.heapSecondPassMb?.toFixed(1)} MB, RSS ${(before.rss / MB).toFixed(1)} → ${(withAll.rss / MB).toFixed(1)} → ${result.rssMb.toFixed(1)} MB, second pass ${Math.round(second.rps)} req/s with ${secondPassRest} REST answers`,
    );
    return result;
  } finally {
    await gateway.stop();
    await standin.stop();
  }
}

async function waitForLive(gatewayUrl: string, want: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let live = await liveStreams(gatewayUrl, MOUNT);
  while (live < want && Date.now() < deadline) {
    await sleep(200);
    live = await liveStreams(gatewayUrl, MOUNT);
  }
  return live;
}
