// Numbers that would cost memory or mean nothing, sent through a real gateway to the simulated market:
// each is refused with an {"error"} naming the parameter and its bound, before anything is expanded or
// changed, and what the gateway does accept reads back as itself.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type Balance, type Bar, createLogger } from "@fmz-gateway/core";
import { type Harness, T0, startHarness } from "./harness";

const logLines: string[] = [];
const logger = createLogger({
  level: "debug",
  stream: new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
});

let h: Harness;
before(async () => {
  h = await startHarness({}, {}, logger);
  h.clock.now = T0;
});
after(async () => {
  await h.close();
});

/** Heap growth across `fn`, after a collection when the test runs with --expose-gc (else a bound). */
async function heapGrowth(fn: () => Promise<void>): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  await fn();
  gc?.();
  return process.memoryUsage().heapUsed - before;
}

const STARTING: Balance[] = [{ currency: "USDT", free: 10000, frozen: 0 }];

describe("hostile numbers", () => {
  it("amounts and prices with huge exponents or digit strings: refused by name, nothing expanded", async () => {
    const c = h.spot.with({ accessKey: "hostile-1" });
    const trade = (price: unknown, amount: unknown) =>
      c.call("trade", { symbol: "BTC_USDT", type: "buy", price, amount });
    const growth = await heapGrowth(async () => {
      for (const amount of ["3e30000000", "1e12000000", "1e350", "-1e30000000"]) {
        const r = await trade("30000", amount);
        assert.equal(r.data, undefined);
        assert.match(
          r.error ?? "",
          /^invalid amount: ".*" is out of range \(a decimal must be 0, or at least 1e-20 and below 1e21 in size\)$/,
          amount,
        );
      }
      assert.match((await trade("1e350", "1")).error ?? "", /^invalid price: "1e350" is out of range/);
      assert.match((await trade("30000", "1e-30000000")).error ?? "", /^invalid amount: .* out of range/);
      const digits = "9".repeat(200_000);
      assert.match(
        (await trade("30000", digits)).error ?? "",
        /^invalid amount: "9{24}"… \(200000 characters\) is too long for a decimal number \(at most 64 characters\)$/,
      );
      assert.match((await trade(digits, "1")).error ?? "", /^invalid price: .* too long/);
    });
    // Expanding "3e30000000" alone took about 900 MB; a refusal takes next to nothing.
    assert.ok(growth < 64 * 1024 * 1024, `heap grew ${growth} bytes`);
    assert.deepEqual(await c.data<Balance[]>("accounts"), STARTING);
    assert.deepEqual(await c.data("orders", { symbol: "BTC_USDT" }), []);
  });

  it("a JSON number too large for float64 (1e400 in the body) is refused naming the parameter", async () => {
    const c = h.spot.with({ accessKey: "hostile-2" });
    const body = `{"access_key":"hostile-2","secret_key":"x","method":"trade","params":{"symbol":"BTC_USDT","type":"buy","price":30000,"amount":1e400}}`;
    // JSON.parse reads 1e400 as Infinity, which the params schema already refuses as no number.
    assert.match((await c.post(body)).error ?? "", /^invalid params\.amount: /);
  });

  it("period, limit, since and marginLevel with huge exponents or digits: refused in their units", async () => {
    const c = h.spot.with({ accessKey: "hostile-3" });
    const s = h.swap.with({ accessKey: "hostile-3" });
    for (const period of ["1e300", "3e30000000", "9".repeat(100_000)]) {
      assert.match(
        (await c.call("records", { symbol: "BTC_USDT", period })).error ?? "",
        /^invalid params\.period: .* is not a whole number of minutes from 0 to 525600/,
      );
    }
    for (const limit of ["1e300", "1e12000000", "9".repeat(100_000)]) {
      assert.match(
        (await c.call("records", { symbol: "BTC_USDT", limit })).error ?? "",
        /^invalid params\.limit: .* from 0 to 10000/,
      );
      assert.match((await c.call("depth", { symbol: "BTC_USDT", limit })).error ?? "", /params\.limit/);
    }
    for (const since of ["1e300", "3e30000000", "9".repeat(100_000)]) {
      assert.match(
        (await c.call("historyorders", { symbol: "BTC_USDT", since })).error ?? "",
        /^invalid params\.since: .* milliseconds since 1970/,
      );
    }
    for (const marginLevel of ["1e300", "3e30000000", "9".repeat(100_000), "5000"]) {
      assert.match(
        (await s.call("marginlevel", { symbol: "BTC_USDT", marginLevel })).error ?? "",
        /^invalid marginLevel/,
      );
    }
  });

  it('records: a period of 1e300 or "1d" is refused saying minutes; bars never predate 1970', async () => {
    const c = h.spot.with({ accessKey: "hostile-4" });
    for (const period of [1e300, "1d", "1.5", -60]) {
      const r = await c.call<Bar[]>("records", { symbol: "BTC_USDT", period });
      assert.equal(r.data, undefined);
      assert.match(r.error ?? "", /^invalid params\.period: .* whole number of minutes/, String(period));
    }
    const yearly = await c.data<Bar[]>("records", { symbol: "BTC_USDT", period: 525_600, limit: 2000 });
    assert.ok(yearly.length > 0 && yearly.every((b) => b[0] >= 0), "no bar before 1970");
  });

  it("records above the simulated market's 2000 bars: 2000 bars, and a debug line saying so", async () => {
    const c = h.spot.with({ accessKey: "hostile-5" });
    const bars = await c.data<Bar[]>("records", { symbol: "BTC_USDT", period: 1, limit: 3000 });
    assert.equal(bars.length, 2000);
    assert.ok(
      logLines.some((l) => /debug.*records limit 3000 is above the simulated market's 2000 bars/.test(l)),
      "a debug line tells the cap",
    );
  });
});

describe("paper deposits", () => {
  it("1e400 and 1e2000000 are refused naming the bound; the account is unchanged", async () => {
    const c = h.spot.with({ accessKey: "deposit-1" });
    for (const amount of ["1e400", "1e2000000", "1" + "0".repeat(100_000)]) {
      const r = await c.io("POST", "/paper/deposit", `currency=USDT&amount=${amount}`);
      assert.equal(r.data, undefined);
      assert.match(
        r.error ?? "",
        /; a deposit must be above 0 and at most 1000000000000000 \(1e15\)$/,
        amount,
      );
    }
    const over = await c.io("POST", "/paper/deposit", "currency=USDT&amount=1000000000000001");
    assert.match(
      over.error ?? "",
      /^SIM BAD_IO: deposit amount 1000000000000001: a deposit must be above 0 and at most 1000000000000000/,
    );
    assert.match((await c.io("POST", "/paper/deposit", "currency=USDT&amount=0")).error ?? "", /above 0/);
    assert.deepEqual(await c.data<Balance[]>("accounts"), STARTING);
  });

  it("a deposit at the bound reads back exactly", async () => {
    const c = h.spot.with({ accessKey: "deposit-2" });
    const r = await c.io<{ balances: Balance[] }>("POST", "/paper/deposit", "currency=MEME&amount=1e15");
    assert.deepEqual(r.data?.balances, [{ currency: "MEME", free: 1e15, frozen: 0 }, ...STARTING]);
    await c.io("POST", "/paper/deposit", "currency=TINY&amount=0.00000000000000000001");
    const balances = await c.data<Balance[]>("accounts");
    assert.deepEqual(
      balances.find((b) => b.currency === "TINY"),
      { currency: "TINY", free: 1e-20, frozen: 0 },
    );
  });
});

describe("day-one messages", () => {
  it("an unknown symbol lists the symbols the mount trades", async () => {
    const c = h.spot.with({ accessKey: "day-one" });
    assert.equal(
      (await c.call("ticker", { symbol: "DOGE_USDT" })).error,
      "SIM UNKNOWN_SYMBOL: DOGE_USDT is not traded on simulated; it trades BTC_USDT, ETH_USDT",
    );
    assert.equal(
      (await h.swap.call("ticker", { symbol: "ETH_USDC" })).error,
      "SIM_SWAP UNKNOWN_SYMBOL: ETH_USDC.swap is not traded on simulated; it trades ETH_USDT.swap, BTC_USDT.swap",
    );
  });
});
