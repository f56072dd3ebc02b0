// Steps and checks the okx and ccxt stream suites run alike against a gateway mount: move the stand-in's
// market, and assert that what a docker gets is the stand-in's true state.
import assert from "node:assert/strict";
import type { OkxStandin } from "../types";
import { type FmzBar, type FmzBook, type FmzTickerFields, tickerFields } from "./fmz-fields";
import type { ServedReport } from "./gateway-streams";
import { trueBars, trueBook, trueTicker } from "./truth";
import { waitFor } from "./wait";

/** How the checks call a mount, as a docker would (testkit's `DockerClient` fits). */
export interface FmzDataClient {
  data<T>(method: string, params?: Record<string, unknown>): Promise<T>;
}

/** Sets `instId`'s last price at the stand-in, bid and ask 0.1 either side. */
export function setLast(standin: Pick<OkxStandin, "setTicker">, instId: string, last: number): void {
  standin.setTicker(instId, {
    last: String(last),
    bidPx: String(last - 0.1),
    askPx: String(last + 0.1),
  });
}

/** Waits until the mount's ticker shows `last` (a push is on its way, not instant). */
export async function waitForLast(client: FmzDataClient, symbol: string, last: number): Promise<void> {
  await waitFor(async () => (await client.data<FmzTickerFields>("ticker", { symbol })).last === last);
}

/** Asserts that the mount's ticker is the stand-in's, field by field. */
export async function assertTrueTicker(
  client: FmzDataClient,
  standinUrl: string,
  symbol: string,
  instId: string,
): Promise<void> {
  const t = await client.data<FmzTickerFields>("ticker", { symbol });
  assert.deepEqual(tickerFields(t), await trueTicker(standinUrl, instId));
}

/** Asserts that the mount's `limit`-level depth is the stand-in's book, level by level. */
export async function assertTrueDepth(
  client: FmzDataClient,
  standinUrl: string,
  symbol: string,
  instId: string,
  limit: number,
): Promise<void> {
  const d = await client.data<FmzBook>("depth", { symbol, limit });
  assert.deepEqual(
    { asks: d.asks, bids: d.bids },
    await trueBook(standinUrl, instId, limit),
    "the true book, level by level",
  );
}

/**
 * Asserts that the mount's 1-minute records are the stand-in's latest 100 bars as read just before or
 * just after the call: a minute may turn between the reads, and either side of it is the truth.
 */
export async function assertTrueMinuteBars(
  client: FmzDataClient,
  standinUrl: string,
  symbol: string,
  instId: string,
  message: string,
): Promise<void> {
  const pre = await trueBars(standinUrl, instId, "1m", 100);
  const bars = await client.data<FmzBar[]>("records", { symbol, period: 1 });
  const post = await trueBars(standinUrl, instId, "1m", 100);
  assert.ok(
    JSON.stringify(bars) === JSON.stringify(pre) || JSON.stringify(bars) === JSON.stringify(post),
    message,
  );
}

/**
 * Runs `check` until an answer of `method` on `mount` came from the stream again, so every answer on
 * the way is checked too. `servedLog` is the gateway's (see `gatewayStreams`).
 */
export async function checkUntilStreamServes(
  servedLog: () => ServedReport[],
  mount: string,
  method: string,
  check: () => Promise<void>,
): Promise<void> {
  const served = servedLog();
  await waitFor(async () => {
    served.length = 0;
    await check();
    return served.some((e) => e.exchange === mount && e.method === method && e.source === "stream");
  });
}
