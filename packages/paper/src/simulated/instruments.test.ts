import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SimulatedMarket } from "./simulated-market";

describe("the simulated market's instruments", () => {
  test("each swap states its maximum leverage; spot pairs state none", async () => {
    const markets = await new SimulatedMarket(1, () => 1_700_000_000_000).call("getMarkets", {});
    assert.equal(markets["BTC_USDT.swap"].maxLeverage, "100");
    assert.equal(markets["ETH_USDT.swap"].maxLeverage, "75");
    assert.ok(!("maxLeverage" in markets.BTC_USDT) && !("maxLeverage" in markets.ETH_USDT));
  });
});
