import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEMO_ERRORS } from "./api-types";
import { signRequest } from "./sign";
import { type DemoServer, startDemoServer } from "./standin/server";

const ACCOUNT = { key: "standin-key", secret: "standin-secret" };
const WITH_PASSPHRASE = { key: "pass-key", secret: "pass-secret", passphrase: "pass-phrase" };

describe("the DEMOEX stand-in checks every signed request exactly", () => {
  let server: DemoServer;
  before(async () => {
    server = await startDemoServer({ accounts: [ACCOUNT, WITH_PASSPHRASE] });
  });
  after(() => server.close());

  interface Signed {
    method?: string;
    path: string;
    body?: object;
    account?: { key: string; secret: string; passphrase?: string };
    ts?: number;
    /** Changes the request after signing it. */
    tamper?: (req: { path: string; headers: Record<string, string> }) => void;
  }

  async function call(
    opts: Signed,
  ): Promise<{ status: number; body: { code: number; msg?: string; data?: unknown } }> {
    const method = opts.method ?? "GET";
    const account: { key: string; secret: string; passphrase?: string } = opts.account ?? ACCOUNT;
    const body = opts.body ? JSON.stringify(opts.body) : "";
    const ts = String(opts.ts ?? Date.now());
    const req = {
      path: opts.path,
      headers: {
        "X-DEMO-KEY": account.key,
        "X-DEMO-TS": ts,
        "X-DEMO-SIGN": signRequest(account.secret, ts, method, opts.path, body),
        ...(account.passphrase ? { "X-DEMO-PASSPHRASE": account.passphrase } : {}),
      } as Record<string, string>,
    };
    opts.tamper?.(req);
    const res = await fetch(server.url + req.path, { method, headers: req.headers, body: body || undefined });
    return { status: res.status, body: (await res.json()) as { code: number; msg?: string } };
  }

  const expectError = async (opts: Signed, status: number, code: number, msg: RegExp) => {
    const r = await call(opts);
    assert.equal(r.status, status);
    assert.equal(r.body.code, code);
    assert.match(r.body.msg ?? "", msg);
  };

  it("accepts a correctly signed request", async () => {
    const r = await call({ path: "/api/v1/balances" });
    assert.equal(r.status, 200);
    assert.equal(r.body.code, 0);
    assert.ok(Array.isArray(r.body.data));
  });

  it("refuses a wrong signature, a tampered query, a foreign secret", async () => {
    const sig = DEMO_ERRORS.invalidSignature;
    await expectError(
      { path: "/api/v1/balances", tamper: (r) => (r.headers["X-DEMO-SIGN"] = "00".repeat(32)) },
      401,
      sig,
      /^invalid signature$/,
    );
    await expectError(
      { path: "/api/v1/balances", tamper: (r) => (r.headers["X-DEMO-SIGN"] = "not hex") },
      401,
      sig,
      /invalid signature/,
    );
    await expectError(
      {
        path: "/api/v1/orders/open?symbol=BTC-USDT",
        tamper: (r) => (r.path = "/api/v1/orders/open?symbol=ETH-USDT"),
      },
      401,
      sig,
      /invalid signature/,
    );
    await expectError(
      { path: "/api/v1/balances", account: { key: ACCOUNT.key, secret: "other" } },
      401,
      sig,
      /invalid signature/,
    );
  });

  it("refuses a timestamp outside the 5 s window, either way", async () => {
    await expectError(
      { path: "/api/v1/balances", ts: Date.now() - 60_000 },
      401,
      DEMO_ERRORS.timestampExpired,
      /receive window/,
    );
    await expectError(
      { path: "/api/v1/balances", ts: Date.now() + 60_000 },
      401,
      DEMO_ERRORS.timestampExpired,
      /receive window/,
    );
    await expectError(
      { path: "/api/v1/balances", tamper: (r) => (r.headers["X-DEMO-TS"] = "yesterday") },
      401,
      DEMO_ERRORS.timestampExpired,
      /window/,
    );
  });

  it("refuses missing headers, an unknown key, a wrong passphrase", async () => {
    await expectError(
      { path: "/api/v1/balances", tamper: (r) => delete r.headers["X-DEMO-SIGN"] },
      401,
      DEMO_ERRORS.missingAuth,
      /missing/,
    );
    await expectError(
      { path: "/api/v1/balances", account: { key: "nobody", secret: "x" } },
      401,
      DEMO_ERRORS.invalidKey,
      /invalid API key/,
    );
    await expectError(
      { path: "/api/v1/balances", account: { ...WITH_PASSPHRASE, passphrase: "guess" } },
      401,
      DEMO_ERRORS.invalidPassphrase,
      /invalid passphrase/,
    );
    assert.equal((await call({ path: "/api/v1/balances", account: WITH_PASSPHRASE })).status, 200);
  });

  it("enforces order rules exactly instead of rounding", async () => {
    const order = (over: object) => ({
      method: "POST",
      path: "/api/v1/orders",
      body: {
        symbol: "BTC-USDT",
        side: "buy",
        type: "limit",
        price: "30000",
        qty: "0.001",
        clientOrderId: "c1",
        ...over,
      },
    });
    await expectError(
      order({ price: "30000.05" }),
      400,
      DEMO_ERRORS.offTick,
      /price 30000.05 is not a multiple of tickSize 0.1/,
    );
    await expectError(order({ qty: "0.00015" }), 400, DEMO_ERRORS.offLot, /not a multiple of lotSize 0.0001/);
    await expectError(order({ qty: "0" }), 400, DEMO_ERRORS.belowMinQty, /below minQty 0.0001/);
    await expectError(
      order({ price: "100", qty: "0.01" }),
      400,
      DEMO_ERRORS.belowMinNotional,
      /below minNotional 5/,
    );
    await expectError(order({ qty: "1e-3" }), 400, DEMO_ERRORS.invalidParameter, /plain decimal string/);
    await expectError(
      order({ clientOrderId: undefined }),
      400,
      DEMO_ERRORS.invalidParameter,
      /clientOrderId/,
    );
    await expectError(
      order({ symbol: "XRP-USDT" }),
      400,
      DEMO_ERRORS.unknownSymbol,
      /unknown symbol XRP-USDT/,
    );
    assert.equal((await call(order({ clientOrderId: "dup1" }))).status, 200);
    await expectError(
      order({ clientOrderId: "dup1" }),
      400,
      DEMO_ERRORS.duplicateClientOrderId,
      /duplicate clientOrderId/,
    );
  });

  it("answers unknown endpoints and bad public params with DEMOEX errors", async () => {
    const unknown = await fetch(`${server.url}/api/v2/ticker`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), {
      code: DEMO_ERRORS.unknownEndpoint,
      msg: "unknown endpoint GET /api/v2/ticker",
    });
    const bad = await fetch(`${server.url}/api/v1/candles?symbol=BTC-USDT&interval=1m&limit=500`);
    assert.equal(((await bad.json()) as { code: number }).code, DEMO_ERRORS.invalidParameter);
    // An interval named like Object's own members is unknown, not Object's constructor.
    for (const interval of ["constructor", "__proto__", "toString"]) {
      const odd = await fetch(`${server.url}/api/v1/candles?symbol=BTC-USDT&interval=${interval}`);
      assert.equal(((await odd.json()) as { code: number }).code, DEMO_ERRORS.invalidParameter, interval);
    }
  });

  it("pages candles backwards with before, newest first", async () => {
    const page = async (q: string) =>
      (
        (await (await fetch(`${server.url}/api/v1/candles?symbol=BTC-USDT&interval=1m&${q}`)).json()) as {
          data: [number][];
        }
      ).data;
    const first = await page("limit=3");
    const second = await page(`limit=3&before=${first[2][0]}`);
    const starts = [...first, ...second].map((c) => c[0]);
    assert.deepEqual(
      starts,
      starts.map((_, i) => starts[0] - i * 60_000),
    );
  });
});
