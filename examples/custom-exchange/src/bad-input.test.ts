import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import type { CallResult, DockerClient } from "@fmz-gateway/testkit";
import {
  type DemoEnvironment,
  TEST_ACCOUNT,
  TEST_SECRET_KEY,
  startDemoEnvironment,
} from "./test-support/demo-environment";

/** A plain HTTP request, for what the DockerClient would never send. */
function request(url: string, method: string, body?: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: body ? { "Content-Type": "application/json" } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const keys = { access_key: TEST_ACCOUNT.key, secret_key: TEST_SECRET_KEY };

describe("every bad input answers {error} with HTTP 200, and the gateway keeps serving", () => {
  let env: DemoEnvironment;
  let client: DockerClient;
  before(async () => {
    env = await startDemoEnvironment();
    client = env.client;
  });
  after(() => env.close());

  /** The reply is an error, HTTP 200, no data; and its text matches. */
  function assertError(r: CallResult, pattern: RegExp): void {
    assert.equal(r.status, 200);
    assert.equal(r.data, undefined);
    assert.match(r.error ?? "", pattern);
  }

  const cases: [string, () => Promise<CallResult>, RegExp][] = [
    ["malformed JSON", () => client.post('{"method": "ticker", '), /^invalid JSON in request body/],
    [
      "a body over 1 MB",
      () => client.post(JSON.stringify({ ...keys, method: "ticker", pad: "x".repeat(1_100_000) })),
      /request body too large \(limit 1 MB\)/,
    ],
    ["a JSON array body", () => client.post("[1, 2]"), /^request body must be a JSON object$/],
    [
      "no method",
      () => client.post(JSON.stringify({ ...keys, params: { symbol: "BTC_USDT" } })),
      /^missing "method" in the request body$/,
    ],
    [
      "no params where a symbol is needed",
      () => client.post(JSON.stringify({ ...keys, method: "ticker" })),
      /^missing params\.symbol$/,
    ],
    [
      "params not an object",
      () => client.post(JSON.stringify({ ...keys, method: "ticker", params: "BTC_USDT" })),
      /^"params" must be a JSON object$/,
    ],
    [
      "no keys",
      () => client.post(JSON.stringify({ method: "ticker", params: { symbol: "BTC_USDT" } })),
      /^missing "access_key" or "secret_key"/,
    ],
    [
      "empty keys on a private method",
      () => client.with({ accessKey: "", secretKey: "" }).call("accounts"),
      /^accounts needs the exchange's Access Key and Secret Key$/,
    ],
    [
      "an unknown exchange, naming the mounted ones",
      () => client.with({ exchange: "NOPEX" }).call("ticker", { symbol: "BTC_USDT" }),
      /^unknown exchange "NOPEX": this gateway serves \/DEMOEX$/,
    ],
    [
      "an unknown method",
      () => client.call("getTickerz", { symbol: "BTC_USDT" }),
      /^invalid method: getTickerz \(did you mean "ticker"\?\)$/,
    ],
    ["a symbol without a base", () => client.call("ticker", { symbol: "USDT" }), /^invalid symbol "USDT"/],
    [
      "a range where an instrument is needed",
      () => client.call("ticker", { symbol: "USDT.swap" }),
      /ticker needs one instrument/,
    ],
    [
      "an unknown contract",
      () => client.call("ticker", { symbol: "BTC_USDT.perp" }),
      /unknown contract "perp"/,
    ],
    [
      "a missing amount",
      () => client.call("trade", { symbol: "BTC_USDT", type: "buy", price: "30000" }),
      /^missing params\.amount$/,
    ],
    [
      "a bad number",
      () => client.call("trade", { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0.1.2" }),
      /^invalid amount: "0.1.2" is not a decimal number$/,
    ],
    [
      "a hex number",
      () => client.call("trade", { symbol: "BTC_USDT", type: "buy", price: "0x10", amount: "1" }),
      /^invalid price: "0x10" is not a decimal number$/,
    ],
    [
      "a zero amount",
      () => client.call("trade", { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0" }),
      /^invalid amount "0": must be above 0$/,
    ],
    [
      "a bad order side",
      () => client.call("trade", { symbol: "BTC_USDT", type: "long", price: "30000", amount: "1" }),
      /^invalid type "long"/,
    ],
    [
      "a bad depth limit",
      () => client.call("depth", { symbol: "BTC_USDT", limit: "ten" }),
      /^invalid params\.limit/,
    ],
    [
      "an order id without instrument",
      () => client.call("order", { id: "12345" }),
      /^invalid order id "12345": expected INSTRUMENT,ORDERID/,
    ],
    ["a cancel with an empty id", () => client.call("cancel", { id: "" }), /^invalid params\.id/],
  ];
  for (const [name, call, pattern] of cases) {
    it(name, async () => assertError(await call(), pattern));
  }

  it("GET /DEMOEX", async () => {
    const r = await request(`${env.gateway.url}/DEMOEX`, "GET");
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      error: "use POST /DEMOEX with a JSON body {access_key, secret_key, method, params}",
    });
  });

  it("still serves afterwards: /health and a real call", async () => {
    const health = await request(`${env.gateway.url}/health`, "GET");
    assert.equal(health.status, 200);
    assert.equal((health.json as { status: string }).status, "ok");
    assert.deepEqual((health.json as { mounts: unknown }).mounts, [{ name: "DEMOEX", adapter: "DEMOEX" }]);
    assert.equal((await client.call("ticker", { symbol: "BTC_USDT" })).error, undefined);
  });
});
