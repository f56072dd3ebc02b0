// A paper mount over another mount's public data (here a SIM mount, standing in for a live exchange),
// through the core's mount-source facility; and the refusals at start.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Dec, type Depth, Gateway, type Order, silentLogger } from "@fmz-gateway/core";
import { type Harness, T0, startHarness } from "./harness";

let h: Harness;
before(async () => {
  h = await startHarness({ LIVE: { adapter: "PAPER", options: { source: "SIM" } } });
  h.clock.now = T0;
});
after(async () => {
  await h.close();
});

describe("paper over another mount", () => {
  it("answers the source's data and fills against the source's book", async () => {
    const live = h.spot.with({ exchange: "LIVE", accessKey: "over-mount" });
    const depth = await live.data<Depth>("depth", { symbol: "BTC_USDT", limit: 5 });
    assert.deepEqual(depth, await h.spot.data<Depth>("depth", { symbol: "BTC_USDT", limit: 5 }));
    const sell = await live.call("trade", { symbol: "BTC_USDT", type: "sell", price: -1, amount: "0.01" });
    assert.match(sell.error ?? "", /^LIVE INSUFFICIENT_BALANCE: needs 0\.01 BTC/);
    const buy = await live.data<{ id: string }>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "99999",
      amount: "0.01",
    });
    const order = await live.data<Order>("order", { id: buy.id, symbol: "BTC_USDT" });
    assert.equal(order.status, "filled");
    assert.equal(order.avg_price, depth.asks[0][0]);
    const [usdt] = (await live.data<Array<{ currency: string; free: number }>>("accounts")).filter(
      (b) => b.currency === "USDT",
    );
    assert.equal(usdt.free, new Dec(10000).minus(new Dec(depth.asks[0][0]).mul("0.01")).toNumber());
    // Its accounts are its own: the same key on SIM has nothing.
    assert.deepEqual(
      await h.spot.with({ accessKey: "over-mount" }).data("orders", { symbol: "BTC_USDT" }),
      [],
    );
  });

  it("an unknown or circular source is refused at start, naming the config path", async () => {
    const start = (exchanges: Record<string, { adapter: string; options: Record<string, unknown> }>) =>
      Gateway.start({ port: 0, logger: silentLogger(), baseDir: h.dir, exchanges });
    await assert.rejects(
      start({ P: { adapter: "PAPER", options: { source: "NOWHERE" } } }),
      /exchanges\.P\.options: no mount named "NOWHERE"/,
    );
    await assert.rejects(
      start({
        A: { adapter: "PAPER", options: { source: "B" } },
        B: { adapter: "PAPER", options: { source: "A" } },
      }),
      /circular source: A → B → A/,
    );
  });
});
