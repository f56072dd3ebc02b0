// The pieces of the ccxt streams that need no network: where the websocket roots point.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createProExchange, overrideWsRoots } from "../streams/pro-lib";
import { wsRootOf } from "../streams/ws-root";

describe("websocket roots", () => {
  it("wsUrl wins; else baseUrl's host with ws/wss; else ccxt's own", () => {
    assert.equal(wsRootOf({ wsUrl: "ws://127.0.0.1:9/", baseUrl: "http://10.0.0.1:8" }), "ws://127.0.0.1:9");
    assert.equal(wsRootOf({ baseUrl: "http://127.0.0.1:8" }), "ws://127.0.0.1:8");
    assert.equal(wsRootOf({ baseUrl: "https://proxy.example/okx" }), "wss://proxy.example/okx");
    assert.equal(wsRootOf({}), undefined);
  });

  it("replaces scheme, host and port of every websocket root, keeping its path (okx: one root)", () => {
    const ex = createProExchange("okx", {});
    assert.ok(ex);
    overrideWsRoots(ex, "ws://127.0.0.1:9");
    const api = ex.urls.api as unknown as Record<string, unknown>;
    assert.equal(api.ws, "ws://127.0.0.1:9/ws/v5");
    assert.match(String(api.rest), /^https:\/\//, "REST roots are baseUrl's business");
  });

  it("does the same for nested roots (binance)", () => {
    const ex = createProExchange("binance", {});
    assert.ok(ex);
    overrideWsRoots(ex, "wss://proxy.example");
    const urls: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node === "string") urls.push(node);
      else if (node && typeof node === "object") Object.values(node).forEach(walk);
    };
    walk((ex.urls.api as unknown as { ws: unknown }).ws);
    assert.ok(urls.length > 3);
    for (const url of urls) assert.match(url, /^wss:\/\/proxy\.example\//);
    assert.ok(urls.includes("wss://proxy.example/ws"), urls.join(" "));
  });

  it("an exchange without a websocket class has no pro instance", () => {
    assert.equal(createProExchange("no-such-exchange", {}), undefined);
  });
});
