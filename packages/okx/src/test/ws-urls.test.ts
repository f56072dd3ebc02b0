// Which websocket a mount connects to: OKX's own for OKX's REST hosts (live and demo differ), the same
// host and port for anything else (a proxy, the stand-in), and `wsUrl`/`wsDemoUrl` when given.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OkxOptions } from "../options";
import { wsUrls } from "../streams/ws-urls";

const opts = (o: Partial<OkxOptions>): OkxOptions => ({ baseUrl: "https://www.okx.com", ...o }) as OkxOptions;

describe("websocket URLs", () => {
  it("uses OKX's public and business endpoints, and the demo ones for demo keys", () => {
    assert.deepEqual(wsUrls(opts({}), false), {
      public: "wss://ws.okx.com:8443/ws/v5/public",
      business: "wss://ws.okx.com:8443/ws/v5/business",
    });
    assert.equal(wsUrls(opts({}), true).public, "wss://wspap.okx.com:8443/ws/v5/public");
    assert.equal(
      wsUrls(opts({ baseUrl: "https://eea.okx.com" }), false).business,
      "wss://wseea.okx.com:8443/ws/v5/business",
    );
  });
  it("derives ws(s)://<baseUrl host>/ws/v5 for any other REST root", () => {
    assert.equal(
      wsUrls(opts({ baseUrl: "http://127.0.0.1:18101" }), false).public,
      "ws://127.0.0.1:18101/ws/v5/public",
    );
    assert.equal(
      wsUrls(opts({ baseUrl: "http://127.0.0.1:18101" }), true).business,
      "ws://127.0.0.1:18101/ws/v5/business",
    );
    assert.equal(
      wsUrls(opts({ baseUrl: "https://proxy.example/okx" }), false).public,
      "wss://proxy.example/ws/v5/public",
    );
  });
  it("takes wsUrl and wsDemoUrl as given", () => {
    const o = opts({ wsUrl: "wss://a.example/ws/v5/", wsDemoUrl: "wss://b.example/ws/v5" });
    assert.equal(wsUrls(o, false).public, "wss://a.example/ws/v5/public");
    assert.equal(wsUrls(o, true).business, "wss://b.example/ws/v5/business");
    assert.equal(
      wsUrls(opts({ wsUrl: "wss://a.example/ws/v5" }), true).public,
      "wss://a.example/ws/v5/public",
    );
  });
});
