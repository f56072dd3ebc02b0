import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Gateway } from "@fmz-gateway/core";
import { MEMORY_EXCHANGE, type MemoryExchange, startMemoryGateway } from "../test-support/memory-exchange";
import { serveOrderLog } from "../test-support/order-log-server";
import { EXIT_OK, EXIT_USAGE, EXIT_WRONG, runConformanceCli } from "./program";

describe("fmz-conformance", () => {
  let gateway: Gateway;
  before(async () => {
    gateway = await startMemoryGateway({
      GOOD: { adapter: MEMORY_EXCHANGE },
      BAD: { adapter: MEMORY_EXCHANGE, options: { faults: ["ticker-without-last"] } },
      BASE: { adapter: MEMORY_EXCHANGE, options: { defects: ["market-buy-in-base"] } },
    });
  });
  after(() => gateway.close());

  async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runConformanceCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("prints the table and exits 0 when nothing is wrong; keys may come from the environment", async () => {
    const r = await run(
      [
        "--url",
        gateway.url,
        "--exchange",
        "GOOD",
        "--symbol",
        "BTC_USDT",
        "--order-price",
        "50",
        "--order-amount",
        "1",
      ],
      { FMZ_ACCESS_KEY: "env-access-key", FMZ_SECRET_KEY: "env-secret" },
    );
    assert.equal(r.code, EXIT_OK, r.err);
    assert.match(r.out, /^METHOD +VERDICT +REASON/);
    assert.match(r.out, /^accounts +correct$/m, "keys from the environment reach private methods");
    assert.match(r.out, /^cancel +correct$/m);
    assert.match(r.out, /17 correct, 0 not supported, 0 wrong, 0 skipped/);
  });

  it("exits 1 when a method is wrong, and narrows to repeated --method", async () => {
    const r = await run([
      "--url",
      gateway.url,
      "--exchange",
      "BAD",
      "--symbol",
      "BTC_USDT",
      "--method",
      "ticker",
      "--method",
      "depth",
      "--json",
    ]);
    assert.equal(r.code, EXIT_WRONG);
    assert.deepEqual(JSON.parse(r.out), [
      { method: "ticker", verdict: "wrong", reason: 'data is missing "last"' },
      { method: "depth", verdict: "correct" },
    ]);
  });

  it("passes --order-log and the market order amounts to the suite", async () => {
    const adapter = gateway.mounts.get("BASE")?.adapter as MemoryExchange;
    const log = await serveOrderLog(() => adapter.received());
    try {
      const r = await run([
        ...["--url", gateway.url, "--exchange", "BASE", "--symbol", "BTC_USDT", "--method", "trade"],
        ...["--access-key", "k", "--secret-key", "s", "--order-price", "50", "--order-amount", "0.01"],
        ...["--order-log", log.url, "--market-buy-quote", "10", "--market-sell-base", "0.05"],
      ]);
      assert.equal(r.code, EXIT_WRONG, r.out);
      assert.match(r.out, /market buy: reached the exchange sized in base \(amount 10\)/);
    } finally {
      await log.close();
    }
  });

  it("exits 2 on a bad command line", async () => {
    assert.equal((await run(["--symbol", "BTC_USDT"])).code, EXIT_USAGE, "--exchange is required");
    const half = await run(["--exchange", "GOOD", "--symbol", "BTC_USDT", "--order-price", "1"]);
    assert.equal(half.code, EXIT_USAGE);
    assert.match(half.err, /both --order-price and --order-amount/);
    const market = await run(["--exchange", "GOOD", "--symbol", "BTC_USDT", "--market-buy-quote", "1"]);
    assert.equal(market.code, EXIT_USAGE);
    assert.match(market.err, /both --market-buy-quote and --market-sell-base/);
    const bad = await run(["--url", gateway.url, "--exchange", "GOOD", "--symbol", "USDT"]);
    assert.equal(bad.code, EXIT_USAGE);
    assert.match(bad.err, /invalid symbol "USDT"/);
  });

  it("prints help", async () => {
    const r = await run(["--help"]);
    assert.equal(r.code, EXIT_OK);
    assert.match(r.out, /--order-price <price>/);
  });
});
