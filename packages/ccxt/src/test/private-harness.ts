// A stand-in OKX and a gateway serving ccxt okx on it four times: `P` and `P_SWAP` with private streams,
// `R` and `R_SWAP` without (REST truth for the same account), plus a plain ccxt okx client signing with
// the same key, the way another program trading the account outside the gateway would.
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { Gateway, type Logger, silentLogger } from "@fmz-gateway/core";
import { type OkxStandin, type RecordedRequest, startOkxStandin } from "@fmz-gateway/okx-standin";
import { waitFor } from "@fmz-gateway/okx-standin/test-support";
import type { DockerClient } from "@fmz-gateway/testkit";
import * as ccxt from "ccxt";
import { overrideRestRoots } from "../ccxt-lib";
import { LIVE, ccxtMount, liveClient } from "./harness";

export interface PrivateHarness {
  standin: OkxStandin;
  gateway: Gateway;
  /** Spot and swap mounts with private streams. */
  p: DockerClient;
  pSwap: DockerClient;
  /** The same account through mounts without private streams: what REST answers. */
  r: DockerClient;
  rSwap: DockerClient;
  /** ccxt okx signing with the account's key, straight to the stand-in: trades outside the gateway. */
  outside: ccxt.Exchange;
  /** The stand-in's private REST requests (orders, balances, positions) since the last clear. */
  privateRequests(): RecordedRequest[];
  close(): Promise<void>;
}

/** Short timings so faults heal within a test (see stream-mounts.ts: not shorter, the process is shared). */
const FAST = {
  privateStreams: true,
  streams: false,
  wsKeepaliveMs: 1500,
  wsReconnectMs: 20,
  ccxt: { enableRateLimit: false },
};

const PRIVATE_PATH = /^\/api\/v5\/(trade\/orders?|trade\/orders-pending|account\/(balance|positions))$/;

export async function startPrivateHarness(
  options: Record<string, unknown> = {},
  logger: Logger = silentLogger(),
): Promise<PrivateHarness> {
  const standin = await startOkxStandin({ port: 0, enforceRateLimits: false });
  const stream = { wsUrl: standin.url.replace(/^http/, "ws"), ...FAST, ...options };
  const gateway = await Gateway.start({
    port: 0,
    logger,
    exchanges: {
      P: ccxtMount(standin.url, stream),
      P_SWAP: ccxtMount(standin.url, { ...stream, market: "swap" }),
      R: ccxtMount(standin.url, { ccxt: { enableRateLimit: false } }),
      R_SWAP: ccxtMount(standin.url, { market: "swap", ccxt: { enableRateLimit: false } }),
    },
  });
  const p = liveClient(gateway.url, "P");
  const outside = new ccxt.okx({
    apiKey: LIVE.apiKey,
    secret: LIVE.secret,
    password: LIVE.passphrase,
    enableRateLimit: false,
  });
  overrideRestRoots(outside, standin.url);
  await outside.loadMarkets();
  return {
    standin,
    gateway,
    p,
    pSwap: p.with({ exchange: "P_SWAP" }),
    r: p.with({ exchange: "R" }),
    rSwap: p.with({ exchange: "R_SWAP" }),
    outside,
    privateRequests: () => standin.requests.filter((q) => q.method === "GET" && PRIVATE_PATH.test(q.path)),
    close: async () => {
      await outside.close();
      await gateway.close(1_000);
      await standin.close();
    },
  };
}

export interface Question {
  method: string;
  params?: Record<string, unknown>;
  /** The mounts asked: private streams first, REST truth second. */
  via: readonly [DockerClient, DockerClient];
}

type Ask = (method: string, params?: Record<string, unknown>) => Question;

/** Question builders for the spot and swap pairs of mounts (the harness is read when a question is built). */
export function questionsOf(h: () => PrivateHarness): { spot: Ask; swap: Ask } {
  return {
    spot: (method, params) => ({ method, params, via: [h().p, h().r] }),
    swap: (method, params) => ({ method, params, via: [h().pSwap, h().rSwap] }),
  };
}

/**
 * Asks `q` through the private-stream mount, then the same through the REST mount: the first must cause
 * no private REST request, and both must answer the same. Requests are counted between the two calls, so
 * only the private-stream mount's own are seen.
 */
async function askBoth(
  h: PrivateHarness,
  q: Question,
): Promise<{ stream: unknown; rest: unknown; requests: string[] }> {
  h.standin.clearRequests();
  const a = await q.via[0].call(q.method, q.params ?? {});
  const requests = h.privateRequests().map((r) => r.path);
  const b = await q.via[1].call(q.method, q.params ?? {});
  assert.equal(a.error, undefined, a.error);
  assert.equal(b.error, undefined, b.error);
  return { stream: a.data, rest: b.data, requests };
}

/**
 * After a change: waits until the private-stream mount's answer equals REST's and comes without a REST
 * request (the pushes landed), then asks once more and requires exactly that.
 */
export async function assertServedAsRest(h: PrivateHarness, q: Question, what = q.method): Promise<void> {
  let last: Awaited<ReturnType<typeof askBoth>> | undefined;
  try {
    await waitFor(
      async () => {
        last = await askBoth(h, q);
        return last.requests.length === 0 && isDeepStrictEqual(last.stream, last.rest);
      },
      10_000,
      `${what} served from the private stream as REST answers it`,
    );
  } catch (err) {
    assert.fail(`${String(err)}: last ${JSON.stringify(last)}`);
  }
  const once = await askBoth(h, q);
  assert.deepEqual(once.requests, [], `${what}: no private REST request`);
  assert.deepEqual(once.stream, once.rest, `${what}: the answer REST gives`);
}

/** Right at once, however it was served: the private-stream mount's answer equals REST's. */
export async function assertRightNow(q: Question): Promise<void> {
  const a = await q.via[0].call(q.method, q.params ?? {});
  const b = await q.via[1].call(q.method, q.params ?? {});
  assert.equal(a.error, undefined, a.error);
  assert.deepEqual(a.data, b.data, `${q.method} ${JSON.stringify(q.params ?? {})}: the answer REST gives`);
}

/** The mismatch counter's value for `kind` on `/metrics` (0 when absent). */
export async function mismatches(h: PrivateHarness, mount: string, kind: string): Promise<number> {
  const text = await (await fetch(`${h.gateway.url}/metrics`)).text();
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith("fmz_gateway_private_stream_mismatches_total{") &&
        l.includes(`exchange="${mount}"`) &&
        l.includes(`kind="${kind}"`),
    );
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}
