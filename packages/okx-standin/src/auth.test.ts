import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { computeSignature } from "./auth/sign-check";
import { DEFAULT_DEMO_CREDENTIAL as DEMO, DEFAULT_LIVE_CREDENTIAL as LIVE, startOkxStandin } from "./index";
import { TestClient } from "./test-support/signing-client";
import type { OkxStandin } from "./types";

describe("signature algorithm", () => {
  // Reference §1.5: secret 22582BD0CFF14C41EDBF1AB98506286D, timestamp 2020-12-08T09:08:57.715Z.
  const secret = "22582BD0CFF14C41EDBF1AB98506286D";
  const vectors: [string, string][] = [
    [
      '2020-12-08T09:08:57.715ZPOST/api/v5/trade/order{"instId":"BTC-USDT","tdMode":"cash","clOrdId":"b15","side":"buy","ordType":"limit","px":"2.15","sz":"2"}',
      "dI6rrL9rXW/HdaPKJ/6LC1OgvH4/PYju6R3CqixMTNQ=",
    ],
    [
      "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC",
      "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=",
    ],
    ["2020-12-08T09:08:57.715ZGET/api/v5/account/balance", "AkD5YszBhggtIyjDlmTy/9PpNVntel+1Lff8wh0qpQw="],
    [
      '2020-12-08T09:08:57.715ZPOST/api/v5/account/set-leverage{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}',
      "eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=",
    ],
    [
      '2020-12-08T09:08:57.715ZPOST/api/v5/trade/cancel-order{"ordId":"590908157585625111","instId":"BTC-USD-190927"}',
      "9rJCW+tYaJKYFYAsQ8oiDr3cbk9xDtMKZ+WFVEpgNcU=",
    ],
    ["1538054050GET/users/self/verify", "+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M="],
  ];
  for (const [prehash, expected] of vectors) {
    it(`matches the worked example ${expected}`, () => {
      assert.equal(computeSignature(secret, prehash), expected);
    });
  }

  it("verifies the worked example end to end, with the server clock at 2020-12-08", async () => {
    // A window wide enough to accept the 2020 timestamp proves the exact documented signature is accepted.
    const cred = { apiKey: "doc-example", secret, passphrase: "pp" };
    const s = await startOkxStandin({ credentials: [cred], timeWindowMs: 1e13 });
    try {
      const c = new TestClient(s.url, cred);
      const r = await c.get("/api/v5/account/balance?ccy=BTC", {
        timestamp: "2020-12-08T09:08:57.715Z",
        sign: "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=",
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body?.code, "0");
    } finally {
      await s.close();
    }
  });
});

describe("authentication", () => {
  let s: OkxStandin;
  let live: TestClient;
  let demo: TestClient;
  before(async () => {
    s = await startOkxStandin();
    live = new TestClient(s.url, LIVE);
    demo = new TestClient(s.url, DEMO);
  });
  after(() => s.close());

  async function expectAuthError(p: Promise<{ status: number; text: string }>, code: string): Promise<void> {
    const r = await p;
    assert.equal(r.status, 401, r.text);
    const body = JSON.parse(r.text) as { code: string; msg: string };
    assert.equal(body.code, code, r.text);
  }

  it("accepts a correctly signed GET and POST", async () => {
    const r = await live.get("/api/v5/account/balance");
    assert.equal(r.status, 200);
    assert.equal(r.body?.code, "0");
    const p = await live.post("/api/v5/account/set-leverage", {
      instId: "BTC-USDT-SWAP",
      lever: "5",
      mgnMode: "cross",
    });
    assert.equal(p.body?.code, "0", p.text);
  });

  it("signs the raw body bytes: python-okx style JSON with spaces verifies", async () => {
    const body = '{"instId": "BTC-USDT-SWAP", "lever": "7", "mgnMode": "cross"}';
    const r = await live.post("/api/v5/account/set-leverage", body);
    assert.equal(r.body?.code, "0", r.text);
    assert.equal(r.body?.data[0]?.lever, "7");
  });

  it("signs the raw request-target: URL-encoded and reordered queries are not normalised", async () => {
    const ok = await live.get("/api/v5/account/balance?ccy=BTC%2CETH");
    assert.equal(ok.body?.code, "0", ok.text);
    await expectAuthError(
      live.get("/api/v5/account/balance?ccy=BTC%2CETH", {
        signTarget: "/api/v5/account/balance?ccy=BTC,ETH",
      }),
      "50113",
    );
  });

  it("answers a bad signature exactly as OKX does (401, 37-byte body)", async () => {
    const r = await live.get("/api/v5/account/balance", { sign: "AAAA" + "x".repeat(40) });
    assert.equal(r.status, 401);
    assert.equal(r.text, '{"msg":"Invalid Sign","code":"50113"}');
    assert.equal(Buffer.byteLength(r.text), 37);
  });

  it("rejects a body that differs from the signed one", async () => {
    const ts = new Date().toISOString();
    const signedBody = '{"instId":"BTC-USDT-SWAP","lever":"5","mgnMode":"cross"}';
    const sign = computeSignature(LIVE.secret, ts + "POST/api/v5/account/set-leverage" + signedBody);
    await expectAuthError(
      live.post("/api/v5/account/set-leverage", signedBody.replace('"5"', '"6"'), { timestamp: ts, sign }),
      "50113",
    );
  });

  it("reports each missing header with its own code", async () => {
    await expectAuthError(live.get("/api/v5/account/balance", { omit: ["ok-access-key"] }), "50103");
    await expectAuthError(live.get("/api/v5/account/balance", { omit: ["ok-access-sign"] }), "50106");
    await expectAuthError(live.get("/api/v5/account/balance", { omit: ["ok-access-timestamp"] }), "50107");
    await expectAuthError(live.get("/api/v5/account/balance", { omit: ["ok-access-passphrase"] }), "50104");
    await expectAuthError(live.get("/api/v5/account/balance", { cred: null }), "50103");
  });

  it("rejects an unknown key (50111) and a wrong passphrase (50105)", async () => {
    const r = await live.get("/api/v5/account/balance", { apiKey: "no-such-key" });
    assert.equal(r.status, 401);
    assert.equal(r.text, '{"msg":"Invalid OK-ACCESS-KEY","code":"50111"}');
    const p = await live.get("/api/v5/account/balance", { passphrase: "wrong" });
    assert.equal(p.text, '{"msg":"Request header OK-ACCESS-PASSPHRASE incorrect.","code":"50105"}');
  });

  it("rejects timestamps outside the 30 s window (50102), both ways, and malformed ones (50112)", async () => {
    const old = new Date(Date.now() - 31_000).toISOString();
    const future = new Date(Date.now() + 31_000).toISOString();
    const r = await live.get("/api/v5/account/balance", { timestamp: old });
    assert.equal(r.text, '{"msg":"Timestamp request expired","code":"50102"}');
    await expectAuthError(live.get("/api/v5/account/balance", { timestamp: future }), "50102");
    const nearlyOld = new Date(Date.now() - 25_000).toISOString();
    assert.equal((await live.get("/api/v5/account/balance", { timestamp: nearlyOld })).status, 200);
    await expectAuthError(live.get("/api/v5/account/balance", { timestamp: "2020-12-08 09:08:57" }), "50112");
    await expectAuthError(live.get("/api/v5/account/balance", { timestamp: String(Date.now()) }), "50112");
    await expectAuthError(
      live.get("/api/v5/account/balance", { timestamp: "2020-12-08T09:08:57Z" }),
      "50112",
    );
  });

  it("binds keys to their environment via x-simulated-trading (50101)", async () => {
    assert.equal((await demo.get("/api/v5/account/balance")).body?.code, "0");
    await expectAuthError(demo.get("/api/v5/account/balance", { simulated: null }), "50101");
    await expectAuthError(demo.get("/api/v5/account/balance", { simulated: "0" }), "50101");
    await expectAuthError(live.get("/api/v5/account/balance", { simulated: "1" }), "50101");
    // python-okx sends "0" on live traffic.
    assert.equal((await live.get("/api/v5/account/balance", { simulated: "0" })).body?.code, "0");
  });

  it("keeps public endpoints open, with or without auth or demo headers", async () => {
    assert.equal((await live.get("/api/v5/public/time", { cred: null })).status, 200);
    assert.equal((await demo.get("/api/v5/market/ticker?instId=BTC-USDT")).status, 200);
  });

  it("accepts credentials added at run time", async () => {
    const cred = { apiKey: "added-key", secret: "added-secret", passphrase: "added-pass" };
    s.addCredential(cred);
    const r = await live.with(cred).get("/api/v5/account/balance");
    assert.equal(r.body?.code, "0", r.text);
  });

  it("never records secrets, passphrases or signatures", async () => {
    s.clearRequests();
    await live.get("/api/v5/account/balance?ccy=USDT");
    const rec = s.requests.at(-1);
    assert.ok(rec);
    assert.equal(rec.method, "GET");
    assert.equal(rec.path, "/api/v5/account/balance");
    assert.equal(rec.query, "ccy=USDT");
    assert.equal(rec.apiKey, LIVE.apiKey);
    assert.equal(rec.status, 200);
    const dump = JSON.stringify(s.requests);
    assert.ok(!dump.includes(LIVE.secret));
    assert.ok(!dump.includes(LIVE.passphrase));
    assert.deepEqual(Object.keys(rec).sort(), [
      "apiKey",
      "body",
      "method",
      "path",
      "query",
      "receivedAt",
      "simulated",
      "status",
    ]);
  });
});
