import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createExchange, listEndpoints, overrideRestRoots } from "../ccxt-lib";
import { matchEndpoint } from "../methods/io";

describe("IO paths → ccxt's implicit API", () => {
  it("okx: the /api/v5 prefix is ccxt's signer's, so the path's tail names the endpoint", () => {
    const endpoints = listEndpoints(createExchange("okx", {}));
    const m = matchEndpoint(endpoints, "GET", "/api/v5/trade/orders-pending", true);
    assert.equal(m?.endpoint.path, "trade/orders-pending");
    assert.equal(m?.endpoint.api, "private");
    const pub = matchEndpoint(endpoints, "GET", "/api/v5/market/ticker", false);
    assert.equal(pub?.endpoint.api, "public");
    const post = matchEndpoint(endpoints, "POST", "/api/v5/trade/order", true);
    assert.equal(post?.endpoint.path, "trade/order");
    assert.equal(matchEndpoint(endpoints, "GET", "/api/v5/no/such/thing", true), undefined);
  });

  it("binance: the REST root of each group tells /api/v3/order from /fapi/v1/order", () => {
    const endpoints = listEndpoints(createExchange("binance", {}));
    const spot = matchEndpoint(endpoints, "POST", "/api/v3/order", true);
    assert.equal(spot?.endpoint.api, "private");
    assert.equal(spot?.endpoint.rootPath, "/api/v3");
    const futures = matchEndpoint(endpoints, "POST", "/fapi/v1/order", true);
    assert.equal(futures?.endpoint.api, "fapiPrivate");
  });

  it("path placeholders become params", () => {
    const endpoints = [{ api: "private", method: "GET", path: "orders/{id}", rootPath: "/v2" }];
    const m = matchEndpoint(endpoints, "GET", "/v2/orders/abc%2D1", true);
    assert.deepEqual(m?.pathParams, { id: "abc-1" });
  });
});

describe("baseUrl", () => {
  it("replaces the origin of every REST root and keeps each root's path", () => {
    const okx = createExchange("okx", {});
    overrideRestRoots(okx, "http://127.0.0.1:9");
    assert.deepEqual((okx.urls as unknown as { api: unknown }).api, { rest: "http://127.0.0.1:9" });
    const binance = createExchange("binance", {});
    overrideRestRoots(binance, "http://127.0.0.1:9/proxy");
    const api = (binance.urls as unknown as { api: Record<string, string> }).api;
    assert.equal(api.private, "http://127.0.0.1:9/proxy/api/v3");
    assert.equal(api.fapiPrivate, "http://127.0.0.1:9/proxy/fapi/v1");
  });
});
