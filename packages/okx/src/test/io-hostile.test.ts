// Hostile exchange.IO input through a real gateway and the OKX stand-in: path tricks and foreign verbs are
// refused before anything is signed or sent; keys placed in a path, ids and control characters never
// reach /metrics or /status.json as they are; refused requests never stall the calls after them.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { IO_PATH_MAX } from "@fmz-gateway/core";
import { type Harness, LIVE, startHarness } from "./harness";

/** C0 and C1 control characters and DEL, as they must never appear in a label or status text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

async function metricsText(): Promise<string> {
  return (await fetch(`${h.gateway.url}/metrics`)).text();
}

async function statusText(): Promise<string> {
  return (await fetch(`${h.gateway.url}/status.json`)).text();
}

/** The distinct `endpoint` label values of the OKX mount's upstream counter. */
function endpointLabels(metrics: string): Set<string> {
  const out = new Set<string>();
  for (const line of metrics.split("\n")) {
    const m = /^fmz_gateway_upstream_requests_total\{exchange="OKX",endpoint="((?:[^"\\]|\\.)*)"/.exec(line);
    if (m) out.add(m[1]);
  }
  return out;
}

/** Every string in a JSON value, keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  return out;
}

describe("IO passthrough refuses path tricks and foreign verbs before anything is sent", () => {
  const tricks: [verb: string, path: string, error: RegExp][] = [
    ["GET", "/api/v5/../../x", /^invalid IO path .*'\.' and '\.\.' segments are not allowed$/],
    ["GET", "/api/v5/market/./ticker", /'\.' and '\.\.' segments/],
    ["GET", "/api/v5/%2e%2e/%2E%2E/x", /percent-encoded '\.', '\/', '\\' or '%' is not allowed/],
    ["GET", "/api/v5/%252e%252e/x", /percent-encoded/],
    ["GET", "/api/v5%2f..%2fx", /percent-encoded/],
    ["GET", "/api/v5\\..\\..\\x", /backslashes are not allowed/],
    ["GET", "/api/v5/account/balance;ccy=BTC", /';' \(matrix parameters\) is not allowed/],
    ["GET", "/api/v5//account/balance", /empty segments/],
    ["GET", "/api/v5/account/balance?ccy=BTC", /a query or fragment belongs in the IO call's parameters/],
    ["GET", "/api/v5/account/balance\u0001", /control characters are not allowed/],
    ["GET", "/api/v5/account/balance%0d%0aX-Injected:%201", /control characters are not allowed/],
    ["GET", `/api/v5/${"a".repeat(IO_PATH_MAX)}`, /longer than 256 characters/],
    [
      "GET",
      "/api/v3/account/balance",
      /^invalid IO path "\/api\/v3\/account\/balance": OKX endpoints are under \/api\/v5\/$/,
    ],
    ["GET", "/api/v5", /OKX endpoints are under \/api\/v5\//],
    [
      "TRACE",
      "/api/v5/account/balance",
      /^invalid IO verb "TRACE": use one of GET, POST, PUT, DELETE, PATCH$/,
    ],
    ["PROPFIND", "/api/v5/account/balance", /^invalid IO verb "PROPFIND"/],
    ["DELETE", "/api/v5/trade/order", /^invalid IO verb DELETE: OKX accepts GET and POST$/],
    ["PUT", "/api/v5/trade/order", /^invalid IO verb PUT: OKX accepts GET and POST$/],
  ];

  it("each trick answers a clear error, and the stand-in never sees it", async () => {
    const seen = h.standin.requests.length;
    for (const [verb, path, error] of tricks) {
      const r = await h.spot.io(verb, path, "ccy=BTC");
      assert.equal(r.data, undefined, `${verb} ${path}`);
      assert.match(r.error ?? "", error, `${verb} ${JSON.stringify(path)}`);
      assert.doesNotMatch(r.error ?? "", RAW_CONTROL, "the error quotes the path with controls escaped");
    }
    assert.deepEqual(
      h.standin.requests.slice(seen).map((r) => `${r.method} ${r.path}`),
      [],
      "nothing was sent",
    );
  });

  it("legal paths still work, GET and POST", async () => {
    const r = await h.spot.io<{ code: string }>("GET", "/api/v5/account/balance", "ccy=USDT");
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.data?.code, "0");
    assert.equal(h.requestsTo("GET", "/api/v5/account/balance").at(-1)?.query, "ccy=USDT");
    const encoded = await h.spot.io<{ code: string }>("GET", "/api/v5/account/bal%61nce");
    assert.equal(encoded.data?.code, "0", "a percent-encoded letter is decoded once");
    const post = await h.spot.io<{ code: string }>(
      "POST",
      "/api/v5/trade/cancel-order",
      "instId=BTC-USDT&ordId=1",
    );
    assert.equal(post.error, undefined, post.error);
    assert.equal(h.requestsTo("POST", "/api/v5/trade/cancel-order").length, 1);
  });
});

describe("labels from IO paths", () => {
  it("the caller's keys placed in a path never reach /metrics or /status.json", async () => {
    const paths = [
      `/api/v5/account/${LIVE.passphrase}`,
      `/api/v5/${LIVE.secret}/balance`,
      `/api/v5/users/${LIVE.apiKey}`,
    ];
    for (const path of paths) {
      const r = await h.spot.io("GET", path);
      assert.match(r.error ?? "", /^OKX 404/);
      assert.ok(!(r.error ?? "").includes(LIVE.passphrase));
    }
    // Past the limiter's 10 per 2 s for an unknown endpoint: a wait, labelled by its scope.
    await Promise.all(Array.from({ length: 12 }, () => h.spot.io("GET", paths[0])));

    const metrics = await metricsText();
    const status = await statusText();
    for (const [what, text] of [
      ["/metrics", metrics],
      ["/status.json", status],
    ])
      for (const secret of [LIVE.passphrase, LIVE.secret, LIVE.apiKey])
        assert.ok(!text.includes(secret), `${what} holds ${secret.slice(0, 4)}…`);
    const labels = endpointLabels(metrics);
    for (const label of ["/api/v5/account/***", "/api/v5/***/balance", "/api/v5/users/***"])
      assert.ok(labels.has(label), `${label} in ${[...labels].join(" ")}`);
    assert.match(
      metrics,
      /fmz_gateway_rate_limit_waits_total\{exchange="OKX",scope="GET \/api\/v5\/account\/\*\*\*"\}/,
    );
  });

  it("ids in a path are templated where the label is made", async () => {
    await h.spot.io("GET", "/api/v5/trade/orders/12345678");
    await h.spot.io("GET", "/api/v5/trade/order/ab12cd34-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    const labels = endpointLabels(await metricsText());
    assert.ok(labels.has("/api/v5/trade/orders/{id}"), [...labels].join(" "));
    assert.ok(labels.has("/api/v5/trade/order/{id}"));
    for (const label of labels) assert.doesNotMatch(label, /12345678|ab12cd34/);
  });
});

describe("refused requests never stall the calls after them", () => {
  it("100 IO paths with control characters, then 100 requests HTTP cannot carry: later calls answer", async () => {
    for (let i = 0; i < 100; i++) {
      const r = await h.spot.io("GET", `/api/v5/market/x\u0001${i}\u0007`);
      assert.match(r.error ?? "", /control characters are not allowed/);
    }
    // A passphrase with a control character passes every check up to the HTTP client, which refuses
    // the header: before, undici lost a pool slot for each, and after 64 every request to OKX queued.
    const badKey = h.spot.with({ secretKey: `${LIVE.secret},${LIVE.passphrase}\u0001` });
    for (let i = 0; i < 100; i++) {
      const r = await badKey.io("GET", `/api/v5/market/p${i}`);
      assert.match(r.error ?? "", /^OKX GET \/api\/v5\/market\/p\d+ not sent: header ok-access-passphrase/);
    }

    const ticker = await h.spot.call<{ last: number }>("ticker", { symbol: "BTC_USDT" });
    assert.equal(ticker.error, undefined, ticker.error);
    assert.ok(Number(ticker.data?.last) > 0);
    const balance = await h.spot.io<{ code: string }>("GET", "/api/v5/account/balance");
    assert.equal(balance.data?.code, "0", balance.error);
    const accounts = await h.spot.call<unknown[]>("accounts");
    assert.ok(Array.isArray(accounts.data), accounts.error);

    const metrics = await metricsText();
    const labels = endpointLabels(metrics);
    assert.ok(labels.size <= 65, `the endpoint label set stays bounded: ${labels.size}`);
    assert.ok(labels.has("other"), "labels past the bound fold into other");
    assert.doesNotMatch(metrics, RAW_CONTROL, "no control byte in /metrics");
    for (const text of strings(JSON.parse(await statusText())))
      assert.doesNotMatch(text, RAW_CONTROL, `no control byte in /status.json: ${JSON.stringify(text)}`);
  });
});
