import "reflect-metadata";
import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import type { CallContext } from "../adapter/call-context";
import { ExchangeAdapter } from "../adapter/exchange-adapter";
import { ExchangeError } from "../errors/gateway-errors";
import { createLogger } from "../logging/logger";
import type { CreateOrderParams, InstrumentParams } from "../protocol/params";
import type { Ticker } from "../protocol/reply-types";
import { Exchange } from "../registry/exchange-registry";
import { waitFor } from "../test-support/wait-for";
import { Gateway } from "./gateway";

const SECRET = "s3cr3t-VALUE-never-logged";
const PASSPHRASE = "pass-PHRASE-never-logged";
const ACCESS = "ak-0123456789abcdef";

/** An adapter whose behaviour each test picks through the symbol's base currency. */
@Exchange("HOSTTEST", { description: "host test double" })
class HostTestAdapter extends ExchangeAdapter {
  calls: Array<{ method: string; accessKey: string; extras: readonly string[]; params: unknown }> = [];
  release?: () => void;

  override async getTicker(ctx: CallContext, p: InstrumentParams): Promise<Ticker> {
    this.calls.push({
      method: ctx.method,
      accessKey: ctx.credentials.accessKey,
      extras: ctx.credentials.extras,
      params: p,
    });
    if (p.symbol.base === "HANG")
      await new Promise((_r, reject) =>
        ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)),
      );
    if (p.symbol.base === "SLOW") await new Promise<void>((resolve) => (this.release = resolve));
    if (p.symbol.base === "BUG")
      throw new TypeError(`cannot read properties of undefined (key ${ctx.credentials.secret})`);
    if (p.symbol.base === "LEAK")
      throw new ExchangeError("HOSTTEST", "401", `bad signature for secret ${SECRET} and ${PASSPHRASE}`);
    ctx.setRaw({ venue: "raw" });
    return {
      symbol: p.symbol.text,
      buy: 1,
      sell: 2,
      high: 3,
      low: 0.5,
      open: 1,
      last: 1.5,
      vol: 10,
      time: 1_700_000_000_000,
    };
  }

  override async createOrder(_ctx: CallContext, p: CreateOrderParams) {
    return { id: `X-Y,${p.orderType}:${p.amount}@${p.price ?? "market"}` };
  }
}

function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", headers: { "Content-Type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function call(
  gw: Gateway,
  method: string,
  params: unknown,
  exName = "HOSTTEST",
  extra: Record<string, unknown> = {},
) {
  const body = {
    access_key: ACCESS,
    secret_key: `${SECRET},${PASSPHRASE}`,
    nonce: 1,
    method,
    params,
    ...extra,
  };
  return post(`${gw.url}/${exName}`, JSON.stringify(body));
}

describe("the host", () => {
  let gw: Gateway;
  const logs = new PassThrough();
  let logText = "";
  logs.on("data", (c: Buffer) => (logText += c.toString()));
  const adapter = () => gw.mounts.get("HOSTTEST")?.adapter as HostTestAdapter;

  before(async () => {
    gw = await Gateway.start({
      port: 0,
      exchanges: { HOSTTEST: { adapter: "hosttest", callTimeoutMs: 300 }, OTHER: { adapter: "HOSTTEST" } },
      logger: createLogger({ level: "debug", stream: logs }),
    });
  });
  after(() => gw.close());

  test("binds to loopback by default and reports its mounts on /health", async () => {
    assert.equal(gw.address.address, "127.0.0.1");
    const res = await fetch(`${gw.url}/health`);
    const health = (await res.json()) as { status: string; mounts: unknown };
    assert.equal(health.status, "ok");
    assert.deepEqual(health.mounts, [
      { name: "HOSTTEST", adapter: "HOSTTEST" },
      { name: "OTHER", adapter: "HOSTTEST" },
    ]);
  });

  test("a call reaches the adapter with parsed params and credentials, and answers data and raw", async () => {
    const res = await call(gw, "TICKER", { symbol: "btc_usdt" });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {
      data: {
        symbol: "BTC_USDT",
        buy: 1,
        sell: 2,
        high: 3,
        low: 0.5,
        open: 1,
        last: 1.5,
        vol: 10,
        time: 1_700_000_000_000,
      },
      raw: { venue: "raw" },
    });
    const last = adapter().calls.at(-1);
    assert.equal(last?.accessKey, ACCESS);
    assert.deepEqual(last?.extras, [PASSPHRASE]);
  });

  test("mount names match ignoring case, and each mount has its own adapter instance", async () => {
    assert.ok("data" in (await call(gw, "ticker", { symbol: "BTC_USDT" }, "hosttest")).json);
    assert.notEqual(gw.mounts.get("OTHER")?.adapter, adapter());
  });

  test("0.1 + 0.2 sent by a strategy reaches the adapter as 0.3", async () => {
    const res = await call(gw, "trade", { symbol: "BTC_USDT", type: "buy", price: "-1", amount: 0.1 + 0.2 });
    assert.deepEqual(res.json, { data: { id: "X-Y,market:0.3@market" } });
  });

  test("every bad input answers a JSON error with HTTP 200, and the host keeps serving", async () => {
    const cases: Array<[string, Promise<{ status: number; json: Record<string, unknown> }>, RegExp]> = [
      [
        "malformed JSON",
        post(`${gw.url}/HOSTTEST`, "{not json"),
        /^invalid JSON in request body at position 1$/,
      ],
      [
        "malformed JSON never quotes the body (it may hold a secret)",
        post(`${gw.url}/HOSTTEST`, `{"secret_key": ${SECRET}}`),
        /^invalid JSON in request body( at position \d+)?$/,
      ],
      [
        "oversize body",
        post(`${gw.url}/HOSTTEST`, JSON.stringify({ pad: "x".repeat(1_100_000) })),
        /too large/,
      ],
      ["body not an object", post(`${gw.url}/HOSTTEST`, "[1,2]"), /missing "method"|must be a JSON object/],
      ["missing method", call(gw, "", { symbol: "BTC_USDT" }), /missing "method"/],
      [
        "missing params",
        post(`${gw.url}/HOSTTEST`, JSON.stringify({ access_key: "a", secret_key: "b", method: "ticker" })),
        /missing params.symbol/,
      ],
      ["params not an object", call(gw, "ticker", "BTC_USDT"), /"params" must be a JSON object/],
      [
        "missing keys",
        post(`${gw.url}/HOSTTEST`, JSON.stringify({ method: "ticker", params: { symbol: "BTC_USDT" } })),
        /missing "access_key" or "secret_key"/,
      ],
      [
        "empty keys on a private call",
        call(gw, "accounts", {}, "HOSTTEST", { access_key: "", secret_key: "" }),
        /needs the exchange's Access Key and Secret Key/,
      ],
      [
        "unknown exchange",
        call(gw, "ticker", { symbol: "BTC_USDT" }, "NOPE"),
        /^unknown exchange "NOPE": this gateway serves \/HOSTTEST, \/OTHER$/,
      ],
      ["unknown method", call(gw, "frobnicate", {}), /^invalid method: frobnicate$/],
      ["symbol without a base", call(gw, "ticker", { symbol: "USDT" }), /invalid symbol "USDT"/],
      [
        "bad number",
        call(gw, "trade", { symbol: "BTC_USDT", type: "buy", price: "1", amount: "lots" }),
        /invalid amount: "lots" is not a decimal number/,
      ],
      ["unsupported method", call(gw, "depth", { symbol: "BTC_USDT" }), /^not supported: depth$/],
      ["adapter bug", call(gw, "ticker", { symbol: "BUG_USDT" }), /^internal error: cannot read properties/],
      [
        "adapter hangs past the deadline",
        call(gw, "ticker", { symbol: "HANG_USDT" }),
        /^HOSTTEST ticker: no answer within 300 ms$/,
      ],
    ];
    for (const [name, pending, expected] of cases) {
      const res = await pending;
      assert.equal(res.status, 200, name);
      assert.deepEqual(Object.keys(res.json), ["error"], name);
      assert.match(String(res.json.error), expected, name);
    }
    const get = await fetch(`${gw.url}/HOSTTEST`);
    assert.equal(get.status, 200);
    assert.match(((await get.json()) as { error: string }).error, /use POST \/HOSTTEST/);
    assert.equal((await fetch(`${gw.url}/health`)).status, 200);
  });

  test("secrets never reach a reply or a log line, even when an adapter puts them in an error", async () => {
    const leak = await call(gw, "ticker", { symbol: "LEAK_USDT" });
    assert.equal(leak.json.error, "HOSTTEST 401: bad signature for secret *** and ***");
    const bug = await call(gw, "ticker", { symbol: "BUG_USDT" });
    assert.doesNotMatch(String(bug.json.error), /s3cr3t/);
    await call(gw, "frobnicate", { note: SECRET });
    await new Promise((r) => setImmediate(r));
    assert.ok(logText.includes("unknown method"), "unknown methods are logged");
    assert.ok(logText.includes("HOSTTEST ticker ok"), "one line per call");
    for (const secret of [SECRET, PASSPHRASE, ACCESS])
      assert.ok(!logText.includes(secret), `log holds ${secret.slice(0, 4)}…`);
    assert.ok(logText.includes("ak-0…cdef"), "access keys are shortened, not hidden");
  });

  test("close() lets a call in flight finish before the server stops", async () => {
    const local = await Gateway.start({
      port: 0,
      exchanges: { S: { adapter: "HOSTTEST" } },
      logger: createLogger({ level: "error", stream: new PassThrough() }),
    });
    const url = local.url;
    const inflight = call(local, "ticker", { symbol: "SLOW_USDT" }, "S");
    const slow = local.mounts.get("S")?.adapter as HostTestAdapter;
    const release = await waitFor(() => slow.release, { what: "the slow call in the adapter" });
    const closing = local.close();
    release();
    const res = await inflight;
    assert.equal((res.json.data as Ticker).symbol, "SLOW_USDT");
    await closing;
    const refused = http.request(`${url}/health`, { agent: false });
    refused.end();
    const [err] = (await once(refused, "error")) as [NodeJS.ErrnoException];
    assert.equal(err.code, "ECONNREFUSED");
  });
});
