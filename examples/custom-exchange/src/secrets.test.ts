import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { CallResult } from "@fmz-gateway/testkit";
import {
  type DemoEnvironment,
  TEST_ACCOUNT,
  TEST_SECRET_KEY,
  captureLog,
  startDemoEnvironment,
} from "./test-support/demo-environment";

/** Values a caller sends that must never be written anywhere: the real ones and some wrong ones. */
const WRONG_SECRET = "wrongSecret-91af0c2d77";
const WRONG_PASSPHRASE = "wrongPassphrase-5be13";
const SECRETS = [
  TEST_ACCOUNT.secret,
  TEST_ACCOUNT.passphrase,
  TEST_SECRET_KEY,
  WRONG_SECRET,
  WRONG_PASSPHRASE,
  // The access key is shown shortened (abcd…wxyz) so operators can tell callers apart; never whole.
  TEST_ACCOUNT.key,
];

describe("no key, secret or passphrase reaches a log, the record file or a reply", () => {
  let env: DemoEnvironment;
  let log: ReturnType<typeof captureLog>;
  const recordDir = fs.mkdtempSync(path.join(os.tmpdir(), "demoex-record-"));
  const recordFile = path.join(recordDir, "calls.jsonl");
  const replies: CallResult[] = [];

  before(async () => {
    log = captureLog();
    env = await startDemoEnvironment({ logLevel: "debug", record: recordFile, logStream: log.stream });
    const c = env.client;
    const keep = async (r: Promise<CallResult>) => {
      const reply = await r;
      replies.push(reply);
      return reply;
    };
    // A session with successes and every kind of failure.
    await keep(c.call("ticker", { symbol: "BTC_USDT" }));
    await keep(c.call("accounts"));
    const placed = await keep(
      c.call("trade", { symbol: "BTC_USDT", type: "buy", price: "20000", amount: "0.001" }),
    );
    const id = (placed.data as { id: string }).id;
    await keep(c.call("order", { id }));
    await keep(c.call("cancel", { id }));
    env.standin.injectFault("POST /api/v1/orders", "drop-reply");
    await keep(c.call("trade", { symbol: "BTC_USDT", type: "sell", price: "99000", amount: "0.001" }));
    await keep(c.with({ secretKey: `${WRONG_SECRET},${TEST_ACCOUNT.passphrase}` }).call("accounts"));
    await keep(c.with({ secretKey: `${TEST_ACCOUNT.secret},${WRONG_PASSPHRASE}` }).call("accounts"));
    await keep(c.call("noSuchMethod", { symbol: "BTC_USDT", note: "x" }));
    await keep(c.call("trade", { symbol: "BTC_USDT", type: "buy", price: "abc", amount: "1" }));
    await keep(c.call("order", { id: "12345" }));
    await keep(c.io("GET", "/api/v1/balances"));
    await keep(c.with({ exchange: "NOPEX" }).call("accounts"));
    // Malformed: the secret left unquoted, as a hand-written call might have it.
    await keep(c.post(`{"access_key": "${TEST_ACCOUNT.key}", "secret_key": ${TEST_SECRET_KEY}}`));
    await env.gateway.close(); // flushes the record file
  });

  after(async () => {
    await env?.close();
    fs.rmSync(recordDir, { recursive: true, force: true });
  });

  it("the session really logged at debug level and recorded every call", () => {
    const text = log.text();
    assert.match(text, /debug DEMOEX GET \/api\/v1\/balances → HTTP 200/);
    assert.match(text, /DEMOEX accounts error: DEMOEX 20003: invalid signature/);
    assert.match(text, /DEMOEX accounts error: DEMOEX 20005: invalid passphrase/);
    assert.match(text, /unknown method "noSuchMethod"/);
    assert.match(text, /order reply lost .* found it by client order id/);
    assert.match(text, /key=demo…e4b8/, "the access key, shortened");
    const recorded = fs.readFileSync(recordFile, "utf8").trim().split("\n");
    assert.equal(recorded.length, 13, "every dispatched call (the malformed body never reaches dispatch)");
  });

  it("the log holds none of them", () => {
    const text = log.text();
    for (const s of SECRETS) assert.ok(!text.includes(s), `log contains ${s}`);
  });

  it("the record file holds none of them", () => {
    const recorded = fs.readFileSync(recordFile, "utf8");
    for (const s of SECRETS) assert.ok(!recorded.includes(s), `record contains ${s}`);
    assert.match(recorded, /"secret_key":"\*\*\*"/);
  });

  it("no reply holds any of them", () => {
    assert.equal(replies.length, 14);
    const text = JSON.stringify(replies) + env.cliOutput.join("\n");
    for (const s of SECRETS) assert.ok(!text.includes(s), `a reply contains ${s}`);
  });

  // V8's JSON error text quotes the body around the fault; the host passes on only the position, so a
  // malformed body cannot echo the start of a secret to the docker (which shows it in the strategy's log).
  it("a malformed body's error quotes no part of the secret", () => {
    const reply = replies[replies.length - 1];
    assert.ok(!(reply.error ?? "").includes(TEST_ACCOUNT.secret.slice(0, 8)), reply.error);
  });
});
