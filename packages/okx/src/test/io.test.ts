// exchange.IO("api", …) passthrough: signed, verb from Http-Method, OKX's reply unchanged.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Harness, bodyOf, startHarness } from "./harness";

interface Envelope {
  code: string;
  msg: string;
  data: Record<string, unknown>[];
}

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

describe("IO passthrough", () => {
  it("GET: params become the signed query; the data is OKX's reply unchanged", async () => {
    const r = await h.spot.io<Envelope>("GET", "/api/v5/account/balance", "ccy=USDT");
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.data?.code, "0");
    assert.equal(r.data?.msg, "");
    const details = r.data?.data[0].details as { ccy: string; availBal: string }[];
    assert.deepEqual(
      details.map((d) => d.ccy),
      ["USDT"],
    );
    assert.equal(typeof details[0].availBal, "string", "OKX's strings stay strings");
    assert.equal(h.requestsTo("GET", "/api/v5/account/balance").at(-1)?.query, "ccy=USDT");
  });

  it("POST: params become the JSON body; an order placed this way is OKX's reply", async () => {
    const r = await h.spot.io<Envelope>(
      "POST",
      "/api/v5/trade/order",
      "instId=BTC-USDT&tdMode=cash&side=buy&ordType=limit&px=30000&sz=0.01",
    );
    assert.equal(r.data?.code, "0");
    assert.match(String(r.data?.data[0].ordId), /^\d+$/);
    assert.deepEqual(bodyOf(h.requestsTo("POST", "/api/v5/trade/order").at(-1)), {
      instId: "BTC-USDT",
      tdMode: "cash",
      side: "buy",
      ordType: "limit",
      px: "30000",
      sz: "0.01",
    });
  });

  it("passes an OKX-level failure through as data, since the strategy reads code itself", async () => {
    const r = await h.spot.io<Envelope>(
      "POST",
      "/api/v5/trade/order",
      "instId=BTC-USDT&tdMode=cash&side=buy&ordType=limit&px=30000&sz=9999",
    );
    assert.equal(r.error, undefined);
    assert.equal(r.data?.code, "1");
    assert.equal(r.data?.data[0].sCode, "51008");
  });

  it("answers HTTP-level failures as errors", async () => {
    const missing = await h.spot.io("GET", "/api/v5/no/such-endpoint");
    assert.equal(missing.error, "OKX 404: Not Found");
    const outside = await h.spot.io("GET", "/v3/something");
    assert.match(
      outside.error ?? "",
      /invalid IO path "\/v3\/something": OKX endpoints are under \/api\/v5\//,
    );
    h.standin.faults.add({ path: "/api/v5/account/balance", kind: "rate-limit" });
    const limited = await h.spot.io("GET", "/api/v5/account/balance");
    assert.equal(limited.error, "OKX 50011: Too Many Requests");
  });

  it("decodes values the strategy left percent-encoded", async () => {
    const r = await h.spot.io<Envelope>("GET", "/api/v5/account/balance", "ccy=US%2544T");
    assert.equal(h.requestsTo("GET", "/api/v5/account/balance").at(-1)?.query, "ccy=USDT");
    assert.equal(r.data?.code, "0");
  });
});
