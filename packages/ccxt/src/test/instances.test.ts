// The per-mount instance pool against the stand-in over loopback: lazy markets, shared by reference,
// per-key instances bounded by an LRU keyed on a hash.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseCredentials, silentLogger } from "@fmz-gateway/core";
import { DEFAULT_LIVE_CREDENTIAL as LIVE, type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { InstancePool, cacheKey } from "../instances";
import type { CcxtOptions } from "../options";

let standin: OkxStandin;
let pool: InstancePool;
before(async () => {
  standin = await startOkxStandin({ port: 0 });
  const options: CcxtOptions = {
    exchange: "okx",
    market: "spot",
    sandbox: false,
    timeoutMs: 2000,
    ccxt: { options: { maxRetriesOnFailure: 3 } },
    maxInstances: 2,
    baseUrl: standin.url,
  };
  pool = new InstancePool(options, "T", silentLogger());
});
after(async () => {
  pool.close();
  await standin.close();
});

const instruments = () => standin.requests.filter((r) => r.path === "/api/v5/public/instruments").length;

describe("instance pool", () => {
  it("builds offline and loads markets on first use, once", async () => {
    assert.equal(standin.requests.length, 0, "nothing sent at construction");
    const [a, b] = await Promise.all([pool.publicInstance(), pool.publicInstance()]);
    assert.equal(a, b);
    const loaded = instruments();
    assert.ok(loaded > 0);
    await pool.publicInstance();
    assert.equal(instruments(), loaded);
  });

  it("a key gets its own instance, sharing the template's markets by reference", async () => {
    const before = instruments();
    const pub = await pool.publicInstance();
    const priv = await pool.privateInstance(
      parseCredentials(LIVE.apiKey, `${LIVE.secret},${LIVE.passphrase}`),
    );
    assert.notEqual(priv, pub);
    assert.equal(priv.markets, pub.markets);
    assert.equal(priv.apiKey, LIVE.apiKey);
    assert.equal(priv.password, LIVE.passphrase);
    assert.equal(instruments(), before);
    assert.equal(
      await pool.privateInstance(parseCredentials(LIVE.apiKey, `${LIVE.secret},${LIVE.passphrase}`)),
      priv,
    );
  });

  it("orders are never retried, whatever the pass-through options say", async () => {
    const priv = await pool.privateInstance(parseCredentials("k", "s,p"));
    assert.equal(priv.options.maxRetriesOnFailure, 0);
    assert.equal(priv.enableRateLimit, true);
  });

  it("is bounded: the least recently used key goes", async () => {
    for (const k of ["a", "b", "c"]) await pool.privateInstance(parseCredentials(k, "s,p"));
    assert.equal(pool.cachedInstances, 2);
  });

  it("caches under a hash: no secret in the key", () => {
    const key = cacheKey("T", false, { apiKey: "AK", secret: "VERY-SECRET", password: "PASS" });
    assert.ok(!key.includes("VERY-SECRET") && !key.includes("PASS"));
    assert.notEqual(key, cacheKey("T", false, { apiKey: "AK", secret: "OTHER", password: "PASS" }));
    assert.notEqual(key, cacheKey("T", true, { apiKey: "AK", secret: "VERY-SECRET", password: "PASS" }));
  });
});
