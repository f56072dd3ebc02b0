// Whole checks the okx and ccxt stream suites make alike, differing only in the mount and its names:
// one upstream subscription however many robots ask, the least recently used stream let go at
// maxStreams, no stream at all with streams off, every answer from a stream after a warm-up, and REST
// while the socket is cut.
import assert from "node:assert/strict";
import type { OkxStandin } from "../types";
import type { ServedReport, StreamReport } from "./gateway-streams";
import type { FmzDataClient } from "./market-checks";
import { subscribed } from "./subscribed";
import { whileHeld } from "./held";
import { gatewayMarketRequests, restMarketRequestsSince } from "./truth";
import { waitFor } from "./wait";

export interface SharedSubscriptionCase {
  /** Robots, each with its own key, on the same mount. */
  clients: FmzDataClient[];
  /** The FMZ symbol they poll, and the stand-in's instId for it. */
  symbol: string;
  instId: string;
  standin: Pick<OkxStandin, "ws">;
  /** The mount's streams, and the key its ticker stream of `symbol` has there. */
  streamsOf: () => readonly StreamReport[];
  streamKey: string;
}

/** Every client polls the ticker at 10 Hz for a second; the stand-in holds one subscription for all. */
export async function assertOneSharedSubscription(c: SharedSubscriptionCase): Promise<void> {
  const poll = async (client: FmzDataClient) => {
    for (let n = 0; n < 10; n++) {
      const t = await client.data<{ symbol: string }>("ticker", { symbol: c.symbol });
      assert.equal(t.symbol, c.symbol);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await Promise.all(c.clients.map(poll));
  const subs = c.standin.ws.subscriptions().filter((s) => s.channel === "tickers" && s.instId === c.instId);
  assert.deepEqual(
    subs.map((s) => s.connections),
    [1],
    "one subscription on one connection",
  );
  assert.equal(c.streamsOf().filter((s) => s.key === c.streamKey).length, 1);
}

/** With streams off, five tickers and five depths are ten REST requests, and no websocket opens. */
export async function assertRestOnly(
  client: FmzDataClient,
  standin: Pick<OkxStandin, "requests" | "ws">,
  streamsOf: () => readonly StreamReport[],
): Promise<void> {
  const before = gatewayMarketRequests(standin.requests);
  for (let i = 0; i < 5; i++) {
    await client.data("ticker", { symbol: "BTC_USDT" });
    await client.data("depth", { symbol: "BTC_USDT" });
  }
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(gatewayMarketRequests(standin.requests), before + 10);
  assert.equal(standin.ws.connectionCount(), 0);
  assert.equal(streamsOf().length, 0);
}

/**
 * On a mount with maxStreams 2, tickers of BTC, ETH, LTC and BTC again: never more than two streams, and
 * BTC and LTC kept, at the gateway and at the stand-in. `streamKey` spells an instId as the mount's
 * stream key.
 */
export async function assertLeastRecentlyUsedGo(
  client: FmzDataClient,
  standin: Pick<OkxStandin, "ws">,
  streamsOf: () => readonly StreamReport[],
  streamKey: (instId: string) => string,
): Promise<void> {
  for (const symbol of ["BTC_USDT", "ETH_USDT", "LTC_USDT", "BTC_USDT"]) {
    const t = await client.data<{ symbol: string }>("ticker", { symbol });
    assert.equal(t.symbol, symbol);
    assert.ok(streamsOf().length <= 2);
  }
  assert.deepEqual(
    streamsOf()
      .map((s) => s.key)
      .sort(),
    [streamKey("BTC-USDT"), streamKey("LTC-USDT")],
  );
  await waitFor(
    () => subscribed(standin.ws, "tickers").join() === "BTC-USDT,LTC-USDT",
    8000,
    "the stand-in holds two",
  );
}

/**
 * After a warm-up (the gateway had made `before` REST market-data requests, `served` logged its answers
 * since): no REST market-data request, and every answer on `mount` from a stream, but for minute bars at
 * a minute's turn, which the gateway rightly asks REST for (`restMarketRequestsSince`).
 */
export function assertServedFromStreams(
  requests: OkxStandin["requests"],
  before: number,
  served: readonly ServedReport[],
  mount: string,
): void {
  const rest = restMarketRequestsSince(requests, before);
  assert.deepEqual(rest.unexpected, [], "no REST market-data request after warm-up");
  const byRest = served.filter((e) => e.exchange === mount && e.source === "rest");
  assert.ok(
    byRest.every((e) => e.method === "records") && byRest.length <= rest.atMinuteTurn,
    `answered by REST only for bars at a minute's turn: ${JSON.stringify(byRest)}`,
  );
  assert.ok(
    served.some((e) => e.exchange === mount && e.source === "stream"),
    "answers came from the streams",
  );
}

export interface DroppedSocketCase {
  standin: Pick<OkxStandin, "ws">;
  /** Whether the gateway's ticker stream has stopped being live. */
  tickerDown: () => boolean;
  /** Moves the market, so a stale answer would show. */
  moveMarket: () => void;
  servedLog: () => ServedReport[];
  /** Each checks the gateway's answer against the stand-in's true state. */
  tickerMatches: () => Promise<void>;
  depthMatches: () => Promise<void>;
}

/**
 * Cuts every socket, with the ticker's resubscription held so the stream stays down meanwhile: the
 * answers are the true state, and the ticker's came by REST. The stream comes back on release.
 */
export async function assertRestWhileDropped(c: DroppedSocketCase): Promise<void> {
  await whileHeld(c.standin.ws, "tickers", async () => {
    c.standin.ws.dropAll();
    await waitFor(c.tickerDown);
    c.moveMarket();
    const served = c.servedLog();
    await c.tickerMatches();
    await c.depthMatches();
    assert.ok(
      served.some((e) => e.method === "ticker" && e.source === "rest"),
      "the next call went by REST",
    );
  });
}
