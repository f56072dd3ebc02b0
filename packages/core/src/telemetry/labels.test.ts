import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LABEL_MAX, endpointLabel, escapeControls, safeLabel, templatePath } from "./labels";
import { Telemetry, type UpstreamEvent } from "./telemetry";

describe("endpoint labels", () => {
  test("numeric and id-like segments become {id}; endpoint names and versions stay", () => {
    assert.equal(templatePath("/api/v5/orders/12345678"), "/api/v5/orders/{id}");
    assert.equal(
      templatePath("/v1/order/ab12cd34-5e6f-4a7b-8c9d-0e1f2a3b4c5d/fills"),
      "/v1/order/{id}/fills",
    );
    assert.equal(templatePath("/api/3/orders/DEADBEEF1234"), "/api/3/orders/{id}");
    assert.equal(templatePath("/v2/orders/tok9Zx81Qw7LmN2b"), "/v2/orders/{id}");
    assert.equal(templatePath("/api/v5/market/history-candles"), "/api/v5/market/history-candles");
    assert.equal(templatePath("/api/v3/ticker/24hr"), "/api/v3/ticker/24hr");
    assert.equal(templatePath("/api/v5/orders/{id}"), "/api/v5/orders/{id}", "a template stays a template");
    assert.equal(templatePath("/api/ticker?instId=BTC-USDT"), "/api/ticker", "the query is dropped");
  });

  test("the caller's secrets are redacted before anything else", () => {
    const secrets = ["Pa55-phrase-no-digits-here", "MySimplePassphrase"];
    assert.equal(endpointLabel("/api/v5/MySimplePassphrase/x", secrets), "/api/v5/***/x");
    assert.ok(!endpointLabel("/api/v5/Pa55-phrase-no-digits-here", secrets).includes("phrase"));
  });

  test("control characters are escaped and the length is bounded", () => {
    assert.equal(safeLabel("/a\u0000b\u001b[31m\u007f\u0085"), "/a\\x00b\\x1b[31m\\x7f\\x85");
    assert.equal(endpointLabel("GET /api/v5/x\u0001y"), "GET /api/v5/x\\x01y");
    const long = endpointLabel(`/api/${"abcdefghij/".repeat(50)}`);
    assert.equal(long.length, LABEL_MAX + 1);
    assert.ok(long.endsWith("…"));
    assert.equal(escapeControls("ab\ncd", 3), "ab\\…");
  });

  test("MountTelemetry makes every upstream endpoint, limiter scope and channel a safe label", () => {
    const hub = new Telemetry();
    const seen: string[] = [];
    hub.on("upstream", (e: UpstreamEvent) => seen.push(e.endpoint));
    hub.on("rateLimit", (e) => seen.push(e.scope));
    hub.on("stream", (e) => seen.push(e.channel));
    const t = hub.forMount("EX");
    t.upstream("/api/orders/778899001?x=1", "ok", 0.01);
    t.upstream("/api/v5/SeCrEtPassphrase/x\u0002", "ok", 0.01, ["SeCrEtPassphrase"]);
    t.rateLimit("GET /api/orders/778899001", "wait", 0.1);
    t.stream("tick\u001bers", "live");
    assert.deepEqual(seen, [
      "/api/orders/{id}",
      "/api/v5/***/x\\x02",
      "GET /api/orders/{id}",
      "tick\\x1bers",
    ]);
  });
});
