// Private streams on a ccxt okx mount when the stand-in's private websocket misbehaves: a missed order
// update corrected by reconciliation and counted; a dropped, silent or login-refusing socket leaves every
// answer right (by REST meanwhile) and the stream comes back, without a storm of logins.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { OrderRef } from "@fmz-gateway/core";
import { waitFor } from "@fmz-gateway/okx-standin/test-support";
import { LIVE } from "./harness";
import {
  type PrivateHarness,
  assertRightNow,
  assertServedAsRest,
  mismatches,
  questionsOf,
  startPrivateHarness,
} from "./private-harness";

let h: PrivateHarness;
const { spot } = questionsOf(() => h);
before(async () => {
  h = await startPrivateHarness();
});
after(async () => {
  await h.close();
});

/** What robots poll, each right at once whatever serves it. */
async function rightNow(ids: readonly string[] = []): Promise<void> {
  await assertRightNow(spot("accounts"));
  await assertRightNow(spot("orders", { symbol: "BTC_USDT" }));
  for (const id of ids) await assertRightNow(spot("order", { id }));
}

/** The same, and served by the stream without REST once it is back. */
async function servedAsRest(ids: readonly string[] = []): Promise<void> {
  await assertServedAsRest(h, spot("accounts"));
  await assertServedAsRest(h, spot("orders", { symbol: "BTC_USDT" }));
  for (const id of ids) await assertServedAsRest(h, spot("order", { id }), `order ${id}`);
}

async function placeResting(on = h): Promise<string> {
  const r = await on.p.call<OrderRef>("trade", {
    symbol: "BTC_USDT",
    type: "buy",
    price: "30000",
    amount: "0.01",
  });
  assert.equal(r.error, undefined, r.error);
  return r.data?.id ?? "";
}

describe("ccxt okx private streams: reconciliation", () => {
  it("a missed order update is corrected by reconciliation and counted on /metrics", async () => {
    // A stand-in of its own: reconciliation's REST requests every 300 ms would blur the other tests' count.
    const rh = await startPrivateHarness({ reconcileMs: 300 });
    try {
      const id = await placeResting(rh);
      const held = async () => (await rh.p.data<{ status: string }>("order", { id })).status;
      await waitFor(async () => (await held()) === "pending", 5_000, "the order held");
      const ordId = id.slice(id.indexOf(",") + 1);
      // Its cancellation is never pushed: only reconciliation can learn of it.
      rh.standin.ws.suppressOrder(ordId);
      await rh.outside.cancelOrder(ordId, "BTC/USDT");
      await waitFor(async () => (await mismatches(rh, "P", "orders")) > 0, 10_000, "a counted mismatch");
      assert.equal(await held(), "canceled");
      const orders = { method: "orders", params: { symbol: "BTC_USDT" }, via: [rh.p, rh.r] } as const;
      await assertRightNow(orders);
      assert.deepEqual(await rh.p.data("orders", { symbol: "BTC_USDT" }), []);
    } finally {
      await rh.close();
    }
  });
});

describe("ccxt okx private streams under faults", () => {
  it("every socket dropped: answers stay right, and the stream comes back", async () => {
    const id = await placeResting();
    await servedAsRest([id]);
    h.standin.ws.dropAll();
    await rightNow([id]);
    await servedAsRest([id]);
  });

  it("a silent socket: answers stay right, and the stream comes back once it speaks", async () => {
    await servedAsRest();
    h.standin.ws.goSilent(true);
    try {
      // Within the keepalive window a silent socket may still be served (as a slow one would be); past
      // it, nothing is served from it.
      await waitFor(
        async () => {
          h.standin.clearRequests();
          await h.p.call("accounts", {});
          return h.privateRequests().length > 0;
        },
        10_000,
        "accounts by REST while the socket is silent",
      );
      const id = await placeResting();
      await rightNow([id]);
      h.standin.setTicker("BTC-USDT", { last: "29500" });
      await rightNow([id]);
    } finally {
      h.standin.ws.goSilent(false);
    }
    h.standin.setTicker("BTC-USDT", { last: "60000" });
    await servedAsRest();
  });

  it("refused logins: answers stay right, logins back off, and the stream comes back", async () => {
    await servedAsRest();
    h.standin.ws.refuseLogins();
    const attemptsBefore = h.standin.ws.loginAttempts(LIVE.apiKey);
    const started = Date.now();
    h.standin.ws.dropAll();
    const id = await placeResting();
    // Robots keep asking while every login is refused: each answer is REST's.
    for (let i = 0; i < 10; i++) await rightNow([id]);
    const attempts = h.standin.ws.loginAttempts(LIVE.apiKey) - attemptsBefore;
    const elapsed = Date.now() - started;
    // The backoff waits at least half of 20, 40, 80 … ms before each retry (two mounts log in): a storm
    // of retries would far exceed this ceiling.
    const ceiling = 2 * (2 + Math.log2(elapsed / 10 + 1));
    assert.ok(attempts <= ceiling, `${attempts} logins in ${elapsed} ms (at most ${ceiling.toFixed(1)})`);
    h.standin.ws.refuseLogins(false);
    await servedAsRest([id]);
  });
});
