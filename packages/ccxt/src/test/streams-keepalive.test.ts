// The keepalive with a ccxt okx mount's default options (wsKeepaliveMs 30 s, ccxt pinging every 10 s), not
// the short timings of the other stream suites: a socket that goes silent (no pushes, no pongs) stops being
// served within the window, the answers meanwhile come by REST and are the truth, and the socket is
// replaced. It takes about the window.
import "../index";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Gateway, type Ticker, silentLogger } from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import {
  type ServedReport,
  assertTrueTicker,
  checkUntilStreamServes,
  gatewayStreams,
  setLast,
  tickerFields,
  trueTicker,
  waitFor,
} from "@fmz-gateway/okx-standin/test-support";
import type { DockerClient } from "@fmz-gateway/testkit";
import { STREAM_DEFAULTS } from "../options";
import { ccxtMount, liveClient } from "./harness";

const MOUNT = "OKXC";
const TICKER = "watchTicker";
const KEEPALIVE_MS = STREAM_DEFAULTS.wsKeepaliveMs;
/**
 * What the bound allows past the window: the stand-in shares this process, and on a loaded machine (CI
 * runs this beside other suites) a timer or a reply may come late. Generous, yet below the 40 s and more
 * the defect served a stale ticker for, so the old code still fails it.
 */
const GRACE_MS = 8_000;

let standin: OkxStandin;
let gateway: Gateway;
let c: DockerClient;
const { servedLog, streamState, streamsOf, waitLive } = gatewayStreams(() => gateway.telemetry, MOUNT);

before(async () => {
  standin = await startOkxStandin({ port: 0, enforceRateLimits: false });
  gateway = await Gateway.start({
    port: 0,
    logger: silentLogger(),
    // Streams on, and nothing else: every stream option at its default (the websocket on baseUrl's host).
    exchanges: { [MOUNT]: ccxtMount(standin.url, { streams: true }) },
  });
  c = liveClient(gateway.url, MOUNT);
});
after(async () => {
  await gateway.close(1_000);
  await standin.close();
});

let price = 50_000;
function moveMarket(): void {
  price += 7;
  setLast(standin, "BTC-USDT", price);
}

const tickerMatches = () => assertTrueTicker(c, standin.url, "BTC_USDT", "BTC-USDT");

/**
 * One ticker call: where its answer came from (read in `served`, the gateway's log), and the answer checked
 * against the truth when it came by REST.
 */
async function askTicker(served: readonly ServedReport[]): Promise<"stream" | "rest"> {
  const from = served.length;
  const t = await c.data<Ticker>("ticker", { symbol: "BTC_USDT" });
  const source = served.slice(from).find((e) => e.exchange === MOUNT && e.method === "ticker")?.source;
  assert.ok(source, "the gateway reported where the answer came from");
  if (source === "rest") assert.deepEqual(tickerFields(t), await trueTicker(standin.url, "BTC-USDT"));
  return source;
}

describe("ccxt streams: the keepalive with default options", () => {
  it("a silent socket is served no longer than the window, REST answers the truth, then a new socket", async () => {
    await c.data("ticker", { symbol: "BTC_USDT" });
    await waitLive(TICKER, "BTC/USDT");
    await checkUntilStreamServes(servedLog, MOUNT, "ticker", tickerMatches);
    const reconnects = streamsOf().find((s) => s.channel === TICKER)?.reconnects ?? 0;

    // Silent within seconds of the socket opening, before ccxt's first ping on it: the case where ccxt
    // counted a pong that never came and the stale ticker was served 40 s and more.
    const served = servedLog();
    const silentAt = Date.now();
    standin.ws.goSilent(true);
    try {
      moveMarket(); // the move the silent socket never delivers
      // Asked until an answer comes by REST; each answer still from the stream must be inside the window.
      await waitFor(
        async () => {
          if ((await askTicker(served)) === "rest") return true;
          const silentFor = Date.now() - silentAt;
          assert.ok(
            silentFor <= KEEPALIVE_MS + GRACE_MS,
            `the stale ticker is still served ${silentFor} ms after the socket went silent (keepalive ${KEEPALIVE_MS} ms)`,
          );
          return false;
        },
        2 * (KEEPALIVE_MS + GRACE_MS),
        "an answer by REST",
      );
      // Dropped, not skipped once: while the exchange stays silent every answer is REST's, and the truth.
      assert.notEqual(streamState(TICKER, "BTC/USDT"), "live");
      for (let i = 0; i < 3; i++) {
        moveMarket();
        assert.equal(await askTicker(served), "rest");
      }
    } finally {
      standin.ws.goSilent(false);
    }

    // Replaced: a new socket (the silent one is gone at the stand-in too) carries the stream again. The
    // stand-in pushes a ticker only when it changes, so the market moves while the stream comes back.
    let polls = 0;
    await waitFor(
      () => {
        if (polls++ % 20 === 0) moveMarket();
        return streamState(TICKER, "BTC/USDT") === "live" && standin.ws.connectionCount() === 1;
      },
      KEEPALIVE_MS,
      "the stream live again on one new socket",
    );
    assert.ok((streamsOf().find((s) => s.channel === TICKER)?.reconnects ?? 0) > reconnects, "resubscribed");
    await checkUntilStreamServes(servedLog, MOUNT, "ticker", tickerMatches);
  });
});
