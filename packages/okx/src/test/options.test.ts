// Mount options: validated at start, and what marginMode and baseUrl change on the wire.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Gateway, silentLogger } from "@fmz-gateway/core";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { DockerClient } from "@fmz-gateway/testkit";
import { LIVE, LIVE_SECRET_KEY, bodyOf } from "./harness";

let standin: OkxStandin;
before(async () => {
  standin = await startOkxStandin({ port: 0 });
});
after(async () => {
  await standin.close();
});

async function refused(options: Record<string, unknown>): Promise<string> {
  try {
    const gw = await Gateway.start({
      port: 0,
      logger: silentLogger(),
      exchanges: { X: { adapter: "OKX", options } },
    });
    await gw.close();
  } catch (err) {
    return (err as Error).message;
  }
  return "";
}

describe("options", () => {
  it("refuses a bad option at start, naming it", async () => {
    assert.match(await refused({ market: "options" }), /exchanges\.X\.options\.market/);
    assert.match(await refused({ marginMode: "portfolio" }), /exchanges\.X\.options\.marginMode/);
    assert.match(await refused({ timeoutMs: "fast" }), /exchanges\.X\.options\.timeoutMs/);
    assert.match(await refused({ baseUrl: "okx.com" }), /exchanges\.X\.options\.baseUrl/);
    assert.match(
      await refused({ baseURL: "https://www.okx.com" }),
      /unknown key exchanges\.X\.options\.baseURL/,
    );
  });

  it("trades swaps in isolated margin when the mount says so", async () => {
    const gw = await Gateway.start({
      port: 0,
      logger: silentLogger(),
      exchanges: {
        OKX_ISO: {
          adapter: "OKX",
          options: { baseUrl: standin.url, market: "swap", marginMode: "isolated" },
        },
      },
    });
    try {
      const c = new DockerClient({
        baseUrl: gw.url,
        exchange: "OKX_ISO",
        accessKey: LIVE.apiKey,
        secretKey: LIVE_SECRET_KEY,
      });
      assert.equal(await c.data("marginlevel", { symbol: "ETH_USDT", marginLevel: "3" }), true);
      const lever = standin.requests.filter((r) => r.path === "/api/v5/account/set-leverage").at(-1);
      assert.deepEqual(bodyOf(lever), { instId: "ETH-USDT-SWAP", lever: "3", mgnMode: "isolated" });
      await c.data("trade", { symbol: "ETH_USDT", type: "buy", price: "1000", amount: "1" });
      const placed = standin.requests
        .filter((r) => r.method === "POST" && r.path === "/api/v5/trade/order")
        .at(-1);
      assert.equal(bodyOf(placed).tdMode, "isolated");
    } finally {
      await gw.close(1_000);
    }
  });

  it("answers a clear network error when OKX cannot be reached", async () => {
    const gw = await Gateway.start({
      port: 0,
      logger: silentLogger(),
      exchanges: {
        OKX_DOWN: { adapter: "OKX", options: { baseUrl: "http://127.0.0.1:1", timeoutMs: 1000 } },
      },
    });
    try {
      const c = new DockerClient({ baseUrl: gw.url, exchange: "OKX_DOWN" });
      const r = await c.call("ticker", { symbol: "BTC_USDT" });
      assert.equal(r.error, "OKX network error on GET /api/v5/market/ticker: ECONNREFUSED");
    } finally {
      await gw.close(1_000);
    }
  });
});
