// The Secret Key's format and OKX's auth answers, as a strategy sees them.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Balance, OrderRef, Ticker } from "@fmz-gateway/core";
import { DEMO, DEMO_SECRET_KEY, type Harness, LIVE, startHarness } from "./harness";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

describe("credentials", () => {
  it("signs with the live key: no demo header", async () => {
    await h.spot.data<Balance[]>("accounts");
    const sent = h.requestsTo("GET", "/api/v5/account/balance").at(-1);
    assert.equal(sent?.apiKey, LIVE.apiKey);
    assert.equal(sent?.simulated, undefined);
  });

  it("selects demo trading with SECRET,PASSPHRASE,simulate: x-simulated-trading: 1 on every request", async () => {
    const demo = h.spot.with({ accessKey: DEMO.apiKey, secretKey: DEMO_SECRET_KEY });
    const balances = await demo.data<Balance[]>("accounts");
    assert.ok(balances.some((b) => b.currency === "USDT"));
    assert.equal(h.requestsTo("GET", "/api/v5/account/balance").at(-1)?.simulated, "1");
    const { id } = await demo.data<OrderRef>("trade", {
      symbol: "BTC_USDT",
      type: "buy",
      price: "30000",
      amount: "0.001",
    });
    const placed = h.standin.orders().find((o) => id.endsWith(`,${o.ordId}`));
    assert.equal(placed?.demo, true);
    await demo.data<Ticker>("ticker", { symbol: "BTC_USDT" });
    assert.equal(h.requestsTo("GET", "/api/v5/market/ticker").at(-1)?.simulated, "1", "public calls too");
  });

  it("carries OKX's 50101 when a live key asks for demo trading", async () => {
    const r = await h.spot.with({ secretKey: `${LIVE.secret},${LIVE.passphrase},simulate` }).call("accounts");
    assert.equal(r.error, "OKX 50101: APIKey does not match current environment.");
  });

  it("refuses a secret without a passphrase before sending anything", async () => {
    h.standin.clearRequests();
    const r = await h.spot.with({ secretKey: LIVE.secret }).call("accounts");
    assert.match(r.error ?? "", /^OKX needs the Secret Key as SECRET,PASSPHRASE: missing passphrase/);
    assert.ok(!(r.error ?? "").includes(LIVE.secret));
    const trade = await h.spot
      .with({ secretKey: `${LIVE.secret},` })
      .call("trade", { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0.001" });
    assert.match(trade.error ?? "", /passphrase/);
    assert.equal(h.standin.requests.length, 0);
  });

  it("carries OKX's code for a wrong passphrase, a wrong secret and an unknown key", async () => {
    const wrongPass = await h.spot.with({ secretKey: `${LIVE.secret},not-the-passphrase` }).call("accounts");
    assert.equal(wrongPass.error, "OKX 50105: Request header OK-ACCESS-PASSPHRASE incorrect.");
    const wrongSecret = await h.spot
      .with({ secretKey: `00112233445566778899,${LIVE.passphrase}` })
      .call("accounts");
    assert.equal(wrongSecret.error, "OKX 50113: Invalid Sign");
    const unknown = await h.spot.with({ accessKey: "no-such-key" }).call("accounts");
    assert.equal(unknown.error, "OKX 50111: Invalid OK-ACCESS-KEY");
  });

  it("refuses an unknown flag after the passphrase", async () => {
    const r = await h.spot.with({ secretKey: `${LIVE.secret},${LIVE.passphrase},typo` }).call("accounts");
    assert.match(r.error ?? "", /expected SECRET,PASSPHRASE or SECRET,PASSPHRASE,simulate/);
  });

  it("serves public methods without keys", async () => {
    const t = await h.spot
      .with({ accessKey: "", secretKey: "" })
      .data<Ticker>("ticker", { symbol: "ETH_USDT" });
    assert.equal(t.symbol, "ETH_USDT");
    assert.equal(h.requestsTo("GET", "/api/v5/market/ticker").at(-1)?.apiKey, undefined);
  });
});
