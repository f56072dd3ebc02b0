import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startOkxStandin } from "../index";

describe("restDelayMs", () => {
  it("handles each REST request that long after it arrives, and close() drops the waiting ones", async () => {
    const s = await startOkxStandin({ enforceRateLimits: false, restDelayMs: 1500 });
    try {
      const reply = fetch(`${s.url}/api/v5/market/ticker?instId=BTC-USDT`).then((r) => r.json());
      // Moved while the request waits: a delayed request sees the market as it is when it is handled.
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(s.requests.length, 0);
      s.setTicker("BTC-USDT", { last: "61000" });
      const body = (await reply) as { data: { last: string }[] };
      assert.equal(body.data[0]?.last, "61000");
      const hung = fetch(`${s.url}/api/v5/public/time`).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 50));
      await s.close();
      assert.ok((await hung) instanceof Error);
    } finally {
      await s.close();
    }
  });
});
