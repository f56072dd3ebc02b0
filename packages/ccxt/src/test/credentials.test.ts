import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCredentials } from "@fmz-gateway/core";
import { createExchange, requiredCredentialNames } from "../ccxt-lib";
import { credentialLayout, mapCredentials, secretKeyFormat } from "../credentials";

function layoutOf(id: string) {
  return credentialLayout(requiredCredentialNames(createExchange(id, {})));
}

describe("credential order follows ccxt's requiredCredentials", () => {
  it("okx, kucoin and bitget: SECRET,PASSWORD", () => {
    for (const id of ["okx", "kucoin", "bitget"]) {
      const layout = layoutOf(id);
      assert.equal(layout.accessKey, "apiKey", id);
      assert.deepEqual(layout.secretParts, ["secret", "password"], id);
      assert.equal(secretKeyFormat(layout), "SECRET,PASSWORD");
    }
  });

  it("binance, kraken, bybit: SECRET", () => {
    for (const id of ["binance", "kraken", "bybit"])
      assert.deepEqual(layoutOf(id).secretParts, ["secret"], id);
  });

  it("wallet-signed exchanges: the Access Key is the wallet, the Secret Key the private key", () => {
    const layout = layoutOf("hyperliquid");
    assert.equal(layout.accessKey, "walletAddress");
    assert.deepEqual(layout.secretParts, ["privateKey"]);
  });

  it("extra credentials keep ccxt's order (uid before password)", () => {
    const layout = credentialLayout(["apiKey", "secret", "uid", "password"]);
    assert.deepEqual(layout.secretParts, ["secret", "uid", "password"]);
  });
});

describe("mapping a caller's keys", () => {
  const okx = credentialLayout(["apiKey", "secret", "password"]);

  it("fills apiKey, secret and password in order", () => {
    const m = mapCredentials(parseCredentials("AK", "SK,PASS"), okx, "okx");
    assert.deepEqual(m.values, { apiKey: "AK", secret: "SK", password: "PASS" });
    assert.equal(m.simulate, false);
  });

  it("a trailing simulate selects the sandbox", () => {
    const m = mapCredentials(parseCredentials("AK", "SK,PASS,simulate"), okx, "okx");
    assert.deepEqual(m.values, { apiKey: "AK", secret: "SK", password: "PASS" });
    assert.equal(m.simulate, true);
  });

  it("a missing passphrase is a bad request naming password, without echoing the secret", () => {
    assert.throws(
      () => mapCredentials(parseCredentials("AK", "TOPSECRET"), okx, "okx"),
      (err: Error) =>
        /okx needs .* the Secret Key as SECRET,PASSWORD\[,simulate\]: missing password/.test(err.message) &&
        !err.message.includes("TOPSECRET"),
    );
    assert.throws(() => mapCredentials(parseCredentials("AK", "SK,"), okx, "okx"), /missing password/);
  });

  it("too many parts is refused rather than guessed at", () => {
    const binance = credentialLayout(["apiKey", "secret"]);
    assert.throws(
      () => mapCredentials(parseCredentials("AK", "SK,PASS"), binance, "binance"),
      /binance takes the Secret Key as SECRET\[,simulate\]: it has 2 comma-separated parts, expected 1/,
    );
    assert.equal(mapCredentials(parseCredentials("AK", "SK,simulate"), binance, "binance").simulate, true);
  });
});
