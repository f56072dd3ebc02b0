// The ccxt adapter in a real gateway against the OKX stand-in: lost order replies, credentials, faults,
// shared markets, and start-up (unknown ids refused, three exchanges listed while offline).
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { type Balance, Gateway, type OrderRef, type Ticker, runCli, silentLogger } from "@fmz-gateway/core";
import { DEMO, DEMO_SECRET_KEY, type Harness, LIVE, TIMEOUT_MS, ccxtMount, startHarness } from "./harness";

let h: Harness;
before(async () => {
  h = await startHarness((url) => ({ OKXC_DEMO: ccxtMount(url, { sandbox: true }) }));
});
after(async () => {
  await h.close();
});
beforeEach(() => h.standin.reset());
afterEach(async () => {
  // Whatever a fault did, the gateway still answers.
  const t = await h.client("OKXC").data<Ticker>("ticker", { symbol: "BTC_USDT" });
  assert.equal(t.symbol, "BTC_USDT");
});

const ORDER = { symbol: "BTC_USDT", type: "buy", price: "30000", amount: "0.01" };
const PLACE = "/api/v5/trade/batch-orders";

/** Exactly one order at the exchange, sent once, and the strategy got its id. */
function assertPlacedOnceAndAnswered(r: { data?: OrderRef; error?: string }): void {
  assert.equal(r.error, undefined, r.error);
  const orders = h.standin.orders();
  assert.equal(orders.length, 1, "exactly one order at the exchange");
  assert.equal(r.data?.id, `BTC-USDT,${orders[0].ordId}`);
  assert.equal(h.requestsTo("POST", PLACE).length, 1, "placed once, never retried");
}

describe("an order is never sent twice", () => {
  it("a reply lost after the exchange accepted the order: one order, and the gateway answers its id", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "drop-after-accept" });
    assertPlacedOnceAndAnswered(await h.client("OKXC").call<OrderRef>("trade", ORDER));
  });

  it("a lost reply whose look-ups fail a few times is still found: one order, its id", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "drop-after-accept" });
    h.standin.faults.add({ path: "/api/v5/trade/order", method: "GET", kind: "http500", times: 4 });
    assertPlacedOnceAndAnswered(await h.client("OKXC").call<OrderRef>("trade", ORDER));
    assert.ok(h.requestsTo("GET", "/api/v5/trade/order").length >= 5, "looked up again after each failure");
  });

  it("a request that hangs past ccxt's timeout: found by client order id", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "hang" });
    const r = await h.client("OKXC").call<OrderRef>("trade", ORDER);
    // The stand-in hangs before handling, so nothing was placed, and the look-up says so.
    assert.equal(h.standin.orders().length, 0);
    assert.match(
      r.error ?? "",
      /^okx trade: the order was not placed: no answer in time, and okx has no order with client order id fmz\w+$/,
    );
    assert.equal(h.requestsTo("POST", PLACE).length, 1);
  });

  it("a 500 with nothing placed: the error, and no order", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "http500" });
    const r = await h.client("OKXC").call("trade", ORDER);
    assert.match(r.error ?? "", /^okx trade: the order was not placed: okx answered 50026: /);
    assert.equal(h.standin.orders().length, 0);
    assert.equal(h.requestsTo("POST", PLACE).length, 1);
  });

  it("a rate limit is definite: no look-up, no retry", async () => {
    h.standin.faults.add({ path: PLACE, method: "POST", kind: "rate-limit" });
    const r = await h.client("OKXC").call("trade", ORDER);
    assert.equal(r.error, "okx 50011: Too Many Requests");
    assert.equal(h.requestsTo("GET", "/api/v5/trade/order").length, 0);
    assert.equal(h.requestsTo("POST", PLACE).length, 1);
  });

  it("the exchange's rejection keeps its code and message", async () => {
    const r = await h.client("OKXC").call("trade", { ...ORDER, amount: "10" });
    assert.match(r.error ?? "", /^okx 51008: .*Insufficient/);
  });
});

describe("credentials", () => {
  it("a Secret Key without the passphrase names ccxt's `password`, before anything is sent", async () => {
    h.standin.clearRequests();
    const r = await h.client("OKXC").with({ secretKey: LIVE.secret }).call("accounts");
    assert.match(r.error ?? "", /okx needs .*SECRET,PASSWORD.*missing password/);
    assert.ok(!(r.error ?? "").includes(LIVE.secret));
    assert.equal(h.standin.requests.length, 0);
  });

  it("wrong credentials carry OKX's code", async () => {
    const r = await h
      .client("OKXC")
      .with({ secretKey: `${LIVE.secret},wrong-passphrase` })
      .call("accounts");
    assert.match(r.error ?? "", /^okx 50105: /);
  });

  it("SECRET,PASSPHRASE,simulate and a sandbox mount send x-simulated-trading: 1", async () => {
    const demo = h.client("OKXC").with({ accessKey: DEMO.apiKey, secretKey: DEMO_SECRET_KEY });
    const balances = await demo.data<Balance[]>("accounts");
    assert.ok(balances.some((b) => b.currency === "USDT"));
    assert.equal(h.requestsTo("GET", "/api/v5/account/balance").at(-1)?.simulated, "1");
    const mount = h
      .client("OKXC_DEMO")
      .with({ accessKey: DEMO.apiKey, secretKey: `${DEMO.secret},${DEMO.passphrase}` });
    await mount.data<Balance[]>("accounts");
    assert.equal(h.requestsTo("GET", "/api/v5/account/balance").at(-1)?.simulated, "1");
  });

  it("public methods need no keys", async () => {
    const t = await h
      .client("OKXC")
      .with({ accessKey: "", secretKey: "" })
      .data<Ticker>("ticker", { symbol: "ETH_USDT" });
    assert.equal(t.symbol, "ETH_USDT");
  });
});

describe("instances and markets", () => {
  it("markets load once per mount, lazily; a new key does not reload them", async () => {
    const count = () => h.requestsTo("GET", "/api/v5/public/instruments").length;
    const before = count();
    const other = { apiKey: "second-key-0000-4000-8000-000000000003", secret: "S2", passphrase: "P2" };
    h.standin.addCredential(other);
    await h
      .client("OKXC")
      .with({ accessKey: other.apiKey, secretKey: `${other.secret},${other.passphrase}` })
      .data("accounts");
    await h.client("OKXC").data("accounts");
    assert.equal(count(), before, "no instruments request for a new key");
  });
});

describe("faults end in a clear error", () => {
  it("a hung market-data request is a timeout within the mount's timeoutMs", async () => {
    h.standin.faults.add({ path: "/api/v5/market/ticker", kind: "hang" });
    const r = await h.client("OKXC").call("ticker", { symbol: "BTC_USDT" });
    assert.match(
      r.error ?? "",
      new RegExp(`^okx: GET \\S+/api/v5/market/ticker request timed out \\(${TIMEOUT_MS} ms\\)$`),
    );
  });
  it("garbage is an unreadable reply", async () => {
    h.standin.faults.add({ path: "/api/v5/market/ticker", kind: "garbage" });
    const r = await h.client("OKXC").call("ticker", { symbol: "BTC_USDT" });
    assert.match(
      r.error ?? "",
      /^okx: unreadable reply to GET \S+\/api\/v5\/market\/ticker \(HTTP 200, not JSON\): <html>/,
    );
  });
  it("an OKX error code reaches the strategy", async () => {
    h.standin.faults.add({ path: "/api/v5/market/books", kind: "okx-error", code: "50001" });
    const r = await h.client("OKXC").call("depth", { symbol: "BTC_USDT" });
    assert.match(r.error ?? "", /^okx 50001: /);
  });
  it("unsupported combinations say `not supported`", async () => {
    const r = await h.client("OKXC").call("marginlevel", { symbol: "BTC_USDT", marginLevel: 3 });
    assert.match(r.error ?? "", /^not supported: marginlevel on spot BTC_USDT/);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("start-up", () => {
  it("refuses an unknown exchange id, listing close matches", async () => {
    for (const [id, hint] of [
      ["okex", /did you mean okx/],
      ["krakn", /did you mean kraken/],
    ] as const) {
      await assert.rejects(
        Gateway.start({
          port: 0,
          logger: silentLogger(),
          exchanges: { X: { adapter: "ccxt", options: { exchange: id } } },
        }),
        (err: Error) => err.message.includes(`unknown ccxt exchange "${id}"`) && hint.test(err.message),
      );
    }
  });

  it("refuses bad options with their path", async () => {
    await assert.rejects(
      Gateway.start({
        port: 0,
        logger: silentLogger(),
        exchanges: { X: { adapter: "ccxt", options: { exchange: "okx", market: "moon" } } },
      }),
      /exchanges\.X\.options\.market/,
    );
    await assert.rejects(
      Gateway.start({ port: 0, logger: silentLogger(), exchanges: { X: { adapter: "ccxt", options: {} } } }),
      /exchanges\.X\.options\.exchange/,
    );
    await assert.rejects(
      Gateway.start({
        port: 0,
        logger: silentLogger(),
        exchanges: { X: { adapter: "ccxt", options: { exchange: "kraken", sandbox: true } } },
      }),
      /kraken has no sandbox/,
    );
  });

  it("is not served by default: it needs an exchange", async () => {
    const gw = await Gateway.start({ port: 0, logger: silentLogger() });
    try {
      assert.ok(![...gw.mounts.values()].some((m) => m.adapterName === "ccxt"));
    } finally {
      await gw.close();
    }
  });

  it("markets that cannot be loaded are a clear error on the call, not a crash", async () => {
    const port = await closedPort();
    const gw = await Gateway.start({
      port: 0,
      logger: silentLogger(),
      exchanges: {
        DEAD: { adapter: "ccxt", options: { exchange: "okx", baseUrl: `http://127.0.0.1:${port}` } },
      },
    });
    try {
      const client = h.client("DEAD").with({ baseUrl: gw.url });
      for (let i = 0; i < 2; i++) {
        const r = await client.call("ticker", { symbol: "BTC_USDT" });
        assert.match(r.error ?? "", /^DEAD: could not load okx's markets: okx: .*fetch failed/);
      }
    } finally {
      await gw.close();
    }
  });

  it("`fmz-gateway --config` with three ccxt exchanges starts offline and lists them", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-ccxt-"));
    const file = path.join(dir, "three.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        port: 0,
        logLevel: "error",
        plugins: [path.resolve(__dirname, "..", "index.js")],
        exchanges: {
          KRAKEN: { adapter: "ccxt", options: { exchange: "kraken" } },
          BYBIT_UM: { adapter: "ccxt", options: { exchange: "bybit", market: "swap", sandbox: true } },
          BINANCE: { adapter: "ccxt", options: { exchange: "binance", timeoutMs: 5000 } },
        },
      }),
    );
    const out: string[] = [];
    const gw = await runCli(["--config", file], { out: (l) => out.push(l), err: () => undefined });
    try {
      assert.ok(gw);
      assert.match(out[0], /listening on http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(
        out.some((l) => /\/KRAKEN\s+→ ccxt \(exchange=kraken, market=spot/.test(l)),
        out.join("\n"),
      );
      assert.ok(out.some((l) => /\/BYBIT_UM\s+→ ccxt \(exchange=bybit, market=swap, sandbox=true/.test(l)));
      assert.ok(out.some((l) => /\/BINANCE\s+→ ccxt \(exchange=binance/.test(l)));
      assert.equal(gw.mounts.size, 3);
    } finally {
      await gw?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
