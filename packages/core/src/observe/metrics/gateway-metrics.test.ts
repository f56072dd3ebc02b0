import "reflect-metadata";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import { Gateway } from "../../host/gateway";
import { createLogger } from "../../logging/logger";
import { ACCESS, PASSPHRASE, SECRET, fmzCall, startUpstream } from "../test-support/observed-exchange";

/** `name{a="x",b="y"} 3` lines → a look-up by name and exact label set. */
function parse(text: string): (name: string, labels?: Record<string, string>) => number | undefined {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(\{.*\})? (\S+)$/.exec(line);
    if (m) samples.set(`${m[1]}${m[2] ?? ""}`, Number(m[3]));
  }
  return (name, labels = {}) => {
    const body = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(",");
    return samples.get(body ? `${name}{${body}}` : name);
  };
}

describe("GET /metrics", () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let gw: Gateway;
  let other: Gateway;

  before(async () => {
    upstream = await startUpstream();
    const logger = createLogger({ level: "error", stream: new PassThrough() });
    const exchanges = { EX: { adapter: "OBSERVED", options: { baseUrl: upstream.url } } };
    gw = await Gateway.start({ port: 0, exchanges, logger });
    other = await Gateway.start({ port: 0, exchanges, logger });
  });
  after(async () => {
    await gw.close();
    await other.close();
    await upstream.close();
  });

  test("counts calls, upstream requests, limiter waits and refusals, and streams, with bounded labels", async () => {
    for (let i = 0; i < 3; i++)
      assert.ok((await fmzCall(gw.url, "EX", "ticker", { symbol: "BTC_USDT" })).data);
    assert.match(
      (await fmzCall(gw.url, "EX", "ticker", { symbol: "ERR_USDT" })).error ?? "",
      /OBSERVED 50001: service temporarily unavailable/,
    );
    await fmzCall(gw.url, "EX", "frobnicate", {});
    await fmzCall(gw.url, "NOT-A-MOUNT-4711", "ticker", { symbol: "BTC_USDT" });
    await fmzCall(gw.url, "EX", "order", { id: "BTC-USDT,778899001" });
    await fmzCall(gw.url, "EX", "order", { id: "BTC-USDT,778899002" });
    assert.ok((await fmzCall(gw.url, "EX", "depth", { symbol: "BTC_USDT" })).data);
    assert.match(
      (await fmzCall(gw.url, "EX", "depth", { symbol: "BTC_USDT" })).error ?? "",
      /gateway limiter/,
    );
    await Promise.all([
      fmzCall(gw.url, "EX", "trades", { symbol: "BTC_USDT" }),
      fmzCall(gw.url, "EX", "trades", { symbol: "BTC_USDT" }),
    ]);

    const res = await fetch(`${gw.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
    const text = await res.text();
    const v = parse(text);

    const call = (method: string, outcome: string, exchange = "EX") => ({ exchange, method, outcome });
    assert.equal(v("fmz_gateway_requests_total", call("ticker", "ok")), 3);
    assert.equal(v("fmz_gateway_requests_total", call("ticker", "exchange")), 1);
    assert.equal(v("fmz_gateway_requests_total", call("unknown", "unknown-method")), 1);
    assert.equal(v("fmz_gateway_requests_total", call("ticker", "bad-request", "unknown")), 1);
    assert.equal(v("fmz_gateway_requests_total", call("order", "ok")), 2);
    assert.equal(v("fmz_gateway_requests_total", call("depth", "rate-limited")), 1);
    assert.equal(v("fmz_gateway_requests_total", call("trades", "ok")), 2);
    assert.equal(v("fmz_gateway_request_duration_seconds_count", call("ticker", "ok")), 3);
    assert.equal(
      v("fmz_gateway_request_duration_seconds_bucket", { le: "+Inf", ...call("ticker", "ok") }),
      3,
    );

    const up = (endpoint: string, outcome: string) => ({ exchange: "EX", endpoint, outcome });
    assert.equal(v("fmz_gateway_upstream_requests_total", up("/api/ticker", "ok")), 3);
    assert.equal(v("fmz_gateway_upstream_requests_total", up("/api/ticker", "http-5xx")), 1);
    assert.equal(v("fmz_gateway_upstream_requests_total", up("/api/orders/{id}", "ok")), 2);
    assert.equal(
      v("fmz_gateway_upstream_request_duration_seconds_count", { exchange: "EX", endpoint: "/api/ticker" }),
      4,
    );

    assert.equal(v("fmz_gateway_rate_limit_refusals_total", { exchange: "EX", scope: "depth" }), 1);
    assert.equal(v("fmz_gateway_rate_limit_waits_total", { exchange: "EX", scope: "trades" }), 1);
    assert.ok((v("fmz_gateway_rate_limit_wait_seconds_total", { exchange: "EX", scope: "trades" }) ?? 0) > 0);

    assert.equal(v("fmz_gateway_stream_up", { exchange: "EX", channel: "tickers" }), 0, "one of two is down");
    assert.equal(v("fmz_gateway_streams", { exchange: "EX", channel: "tickers", state: "live" }), 1);
    assert.equal(v("fmz_gateway_streams", { exchange: "EX", channel: "tickers", state: "down" }), 1);
    assert.equal(v("fmz_gateway_stream_reconnects_total", { exchange: "EX", channel: "tickers" }), 1);

    assert.ok(v("process_cpu_user_seconds_total") !== undefined, "Node's default process metrics");
    assert.ok(text.includes("nodejs_heap_size_used_bytes"));

    for (const banned of [SECRET, PASSPHRASE, ACCESS, ACCESS.slice(0, 4), "BTC", "778899", "NOT-A-MOUNT"])
      assert.ok(!text.includes(banned), `metrics hold ${banned.slice(0, 6)}…`);
  });

  test("an endpoint reported with an id in its path shows templated", async () => {
    for (const id of ["ab12cd34-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "12345678"])
      assert.equal((await fmzCall(gw.url, "EX", "cancel", { id: `BTC-USDT,${id}` })).data, true);
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    const up = { exchange: "EX", endpoint: "/v1/order/{id}", outcome: "ok" };
    assert.equal(parse(text)("fmz_gateway_upstream_requests_total", up), 2);
    assert.ok(!text.includes("ab12cd34") && !text.includes("12345678"), "no id in a label");
    const status = await (await fetch(`${gw.url}/status.json`)).text();
    assert.ok(status.includes("/v1/order/{id}") && !status.includes("ab12cd34"));
  });

  test("each gateway has its own registry", async () => {
    const text = await (await fetch(`${other.url}/metrics`)).text();
    assert.equal(
      parse(text)("fmz_gateway_requests_total", { exchange: "EX", method: "ticker", outcome: "ok" }),
      undefined,
    );
    await fmzCall(other.url, "EX", "ticker", { symbol: "BTC_USDT" });
    const after = parse(await (await fetch(`${other.url}/metrics`)).text());
    assert.equal(after("fmz_gateway_requests_total", { exchange: "EX", method: "ticker", outcome: "ok" }), 1);
  });
});
