// OKX private streams when things go wrong, through the real gateway against the stand-in: a missed push
// (corrected by reconciliation, counted in /metrics, logged), a dropped socket, a silent socket and a
// refused login. Answers stay right (by REST meanwhile), the stream comes back, and logins stay bounded.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { Order } from "@fmz-gateway/core";
import { waitFor } from "@fmz-gateway/okx-standin/test-support";
import { LIVE } from "./harness";
import { type PrivateHarness, startPrivateHarness } from "./private-support";

let h: PrivateHarness;
before(async () => {
  h = await startPrivateHarness({ mountOptions: { reconcileMs: 400 } });
});
after(async () => {
  await h.close();
});
afterEach(() => {
  h.standin.ws.clearFaults();
});

interface OrderRef {
  id: string;
}

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${h.gateway.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? NaN : Number(line.slice(line.lastIndexOf(" ") + 1));
}

const MISMATCHES = "fmz_gateway_private_stream_mismatches_total";

describe("OKX private streams: faults", () => {
  it("a suppressed push is corrected by reconciliation, logged and counted; healthy kinds stay at 0", async () => {
    const { ps, rest } = h;
    await h.waitPrivateLive(ps.spot);
    assert.equal(await metric(MISMATCHES, 'exchange="OKX_PS",kind="orders"'), 0);
    const placed = await ps.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: 45000,
      amount: "0.01",
    });
    assert.equal((await ps.spot.data<Order>("order", { id: placed.id })).status, "pending");
    // The fill's order push never comes: the stream holds the order open until reconciliation finds it.
    h.standin.ws.suppressOrder(placed.id.split(",")[1]);
    h.standin.setTicker("BTC-USDT", { last: "44990" });
    assert.equal((await rest.spot.data<Order>("order", { id: placed.id })).status, "filled");
    await waitFor(
      async () => (await ps.spot.data<Order>("order", { id: placed.id })).status === "filled",
      8000,
      "reconciliation to correct the missed fill",
    );
    assert.deepEqual(
      await ps.spot.data("orders", { symbol: "BTC_USDT" }),
      await rest.spot.data("orders", { symbol: "BTC_USDT" }),
    );
    assert.ok((await metric(MISMATCHES, 'exchange="OKX_PS",kind="orders"')) >= 1);
    assert.equal(await metric(MISMATCHES, 'exchange="OKX_PS",kind="balances"'), 0);
    assert.match(h.log.text(), /warn.*OKX private stream key:[0-9a-f]{8}: reconciliation corrected 1 orders/);
    h.standin.setTicker("BTC-USDT", { last: "60000" });
  });

  it("a dropped socket: answers stay right by REST, then the stream is back", async () => {
    const { ps, rest } = h;
    await h.waitPrivateLive(ps.spot);
    h.standin.ws.hold("orders");
    h.standin.ws.dropAll();
    await waitFor(() => h.privateState(ps.spot) !== "live", 5000, "the stream to stop being served");
    const placed = await rest.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: 41000,
      amount: "0.01",
    });
    const mark = h.mark();
    assert.deepEqual(
      await ps.spot.data("orders", { symbol: "BTC_USDT" }),
      await rest.spot.data("orders", { symbol: "BTC_USDT" }),
    );
    assert.ok(h.privateReadsSince(mark).length > 0, "answered by REST while the stream is down");
    h.standin.ws.release();
    await h.waitPrivateLive(ps.spot);
    assert.ok(
      (await ps.spot.data<Order[]>("orders", { symbol: "BTC_USDT" })).some((o) => o.id === placed.id),
    );
    await rest.spot.data("cancel", { id: placed.id });
  });

  it("a silent socket stops being served within the keepalive; a change meanwhile is answered right", async () => {
    const { ps, rest } = h;
    await h.waitPrivateLive(ps.spot);
    h.standin.ws.goSilent(true);
    const placed = await rest.spot.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: 42000,
      amount: "0.01",
    });
    // Silent past ping + pong timeout (1.5 s): not served any more, even before a new socket is up.
    await waitFor(() => h.privateState(ps.spot) !== "live", 8000, "the silent stream to go down");
    const order = await ps.spot.data<Order>("order", { id: placed.id });
    assert.equal(order.status, "pending");
    assert.deepEqual(await ps.spot.data("accounts"), await rest.spot.data("accounts"));
    h.standin.ws.goSilent(false);
    await h.waitPrivateLive(ps.spot);
    assert.deepEqual(
      await ps.spot.data("orders", { symbol: "BTC_USDT" }),
      await rest.spot.data("orders", { symbol: "BTC_USDT" }),
    );
    await rest.spot.data("cancel", { id: placed.id });
  });

  it("a refused login: REST answers, logins retry with backoff (no storm), and the stream returns", async () => {
    const { ps, rest } = h;
    await h.waitPrivateLive(ps.spot);
    h.standin.ws.refuseLogins();
    const before = h.standin.ws.loginAttempts(LIVE.apiKey);
    h.standin.ws.dropAll();
    const started = Date.now();
    await waitFor(
      () => h.standin.ws.loginAttempts(LIVE.apiKey) >= before + 3,
      15_000,
      "three refused logins",
    );
    const elapsed = Date.now() - started;
    const attempts = h.standin.ws.loginAttempts(LIVE.apiKey) - before;
    // With a backoff starting at 20 ms and doubling, a storm would be hundreds in this time.
    assert.ok(attempts <= 2 + Math.log2(elapsed / 20 + 1) * 2, `${attempts} logins in ${elapsed} ms`);
    assert.notEqual(h.privateState(ps.spot), "live");
    assert.deepEqual(await ps.spot.data("accounts"), await rest.spot.data("accounts"));
    h.standin.ws.refuseLogins(false);
    await h.waitPrivateLive(ps.spot);
  });
});
