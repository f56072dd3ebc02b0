// IO through the ccxt bridge takes only the verbs and paths of ccxt's description of the exchange's API;
// the fallback that finds OKX's endpoints by their tail (`/api/v5/` is added by ccxt's signer) holds
// only where ccxt would request that very path.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createExchange, listEndpoints } from "../ccxt-lib";
import { matchEndpoint, signsToPath } from "../methods/io";
import { type Harness, startHarness } from "./harness";

describe("matchEndpoint with ccxt's signer as the judge of a fallback match", () => {
  const okx = createExchange("okx", { apiKey: "k", secret: "s", password: "p" });
  const endpoints = listEndpoints(okx);
  const match = (verb: string, path: string) =>
    matchEndpoint(endpoints, verb, path, true, signsToPath(okx, path, {}));

  it("a path under OKX's /api/v5/ still finds its endpoint", () => {
    assert.equal(match("GET", "/api/v5/market/ticker")?.endpoint.path, "market/ticker");
    assert.equal(match("POST", "/api/v5/trade/order")?.endpoint.path, "trade/order");
  });

  it("a path outside the API root that merely ends like an endpoint is not that endpoint", () => {
    assert.ok(
      matchEndpoint(endpoints, "GET", "/elsewhere/market/ticker", true),
      "what the bare suffix rule took",
    );
    for (const path of ["/elsewhere/market/ticker", "/api/v4/market/ticker", "/x/api/v5/market/ticker"])
      assert.equal(match("GET", path), undefined, path);
  });

  it("only the verbs ccxt describes for the path", () => {
    assert.equal(match("PUT", "/api/v5/market/ticker"), undefined);
    assert.equal(match("DELETE", "/api/v5/trade/order"), undefined);
  });

  it("a placeholder value never moves the request to another path", () => {
    const list = [{ api: "private", method: "GET", path: "orders/{id}", rootPath: "/v2" }];
    assert.deepEqual(matchEndpoint(list, "GET", "/v2/orders/abc-1", true)?.pathParams, { id: "abc-1" });
    for (const path of [
      "/v2/orders/..",
      "/v2/orders/.",
      "/v2/orders/a%2Fb",
      "/v2/orders/a%5Cb",
      "/v2/orders/%zz",
    ])
      assert.equal(matchEndpoint(list, "GET", path, true), undefined, path);
  });
});

describe("IO on a ccxt mount, through the gateway", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it("refuses tricks, foreign verbs and paths outside the API root, and sends none of them", async () => {
    const okxc = h.client("OKXC");
    const ok = await okxc.io<{ code: string }>("GET", "/api/v5/market/ticker", "instId=BTC-USDT");
    assert.equal(ok.error, undefined, ok.error);
    assert.equal(ok.data?.code, "0");
    const sent = h.standin.requests.length;
    const refused: [string, string, RegExp][] = [
      ["GET", "/elsewhere/market/ticker", /^invalid IO path: okx has no GET \/elsewhere\/market\/ticker/],
      ["GET", "/api/v5/../v5/market/ticker", /'\.' and '\.\.' segments/],
      ["GET", "/api/v5/%2e%2e/v5/market/ticker", /percent-encoded/],
      ["PUT", "/api/v5/market/ticker", /^invalid IO path: okx has no PUT \/api\/v5\/market\/ticker/],
      ["TRACE", "/api/v5/market/ticker", /^invalid IO verb "TRACE"/],
    ];
    for (const [verb, path, error] of refused) {
      const r = await okxc.io(verb, path, "instId=BTC-USDT");
      assert.match(r.error ?? "", error, `${verb} ${path}`);
    }
    assert.deepEqual(
      h.standin.requests.slice(sent).map((r) => `${r.method} ${r.path}`),
      [],
    );
  });
});
