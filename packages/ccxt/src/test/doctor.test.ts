// `fmz-gateway doctor` on a ccxt mount (ccxt's okx against the stand-in): the generic checks and this
// package's own (clock offset through fetchTime, the Secret Key's parts from requiredCredentials).
import "../index";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { doctorFix, doctorRow, runDoctorCli } from "@fmz-gateway/testkit";
import { LIVE, LIVE_SECRET_KEY, TIMEOUT_MS } from "./harness";

describe("fmz-gateway doctor on a ccxt mount", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-doctor-ccxt-"));
  const config = path.join(dir, "ccxt.json");
  let standin: OkxStandin;
  before(async () => {
    standin = await startOkxStandin({ port: 0 });
    const options = { exchange: "okx", baseUrl: standin.url, timeoutMs: TIMEOUT_MS };
    fs.writeFileSync(config, JSON.stringify({ exchanges: { OKXC: { adapter: "ccxt", options } } }));
  });
  after(async () => {
    await standin.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("healthy: public call, clock, secret parts and balances all ✓, exit 0", async () => {
    const run = await runDoctorCli(["--config", config, "--key", LIVE.apiKey, "--secret", LIVE_SECRET_KEY]);
    assert.equal(run.code, 0, run.text);
    assert.match(doctorRow(run, "OKXC", /markets/), /^ {2}✓ .*\d+ markets/);
    assert.match(doctorRow(run, "OKXC", /ticker BTC_USDT/), /^ {2}✓ .*last \d+/);
    assert.match(doctorRow(run, "OKXC", /clock offset to okx/), /^ {2}✓ .*[+-]\d+ ms \(±\d+ ms\)/);
    assert.match(doctorRow(run, "OKXC", /secret key parts/), /^ {2}✓ .*2 part\(s\), as SECRET,PASSWORD/);
    assert.match(doctorRow(run, "OKXC", /accounts \(keys\)/), /^ {2}✓ .*3 balances/);
    for (const s of [LIVE.secret, LIVE.passphrase]) assert.ok(!run.text.includes(s));
  });

  test("without keys the secret row says which parts the exchange takes", async () => {
    const run = await runDoctorCli(["--config", config]);
    assert.equal(run.code, 0, run.text);
    assert.match(doctorRow(run, "OKXC", /secret key parts/), /no keys given; okx takes .*SECRET,PASSWORD/);
    assert.ok(!run.lines.some((l) => /accounts/.test(l)), "no private call without keys");
  });

  test("a Secret Key without its passphrase: ✗ naming the missing part, and the fix", async () => {
    const run = await runDoctorCli(["--config", config, "--key", LIVE.apiKey, "--secret", LIVE.secret]);
    assert.equal(run.code, 1, run.text);
    const failed = doctorRow(run, "OKXC", /secret key parts/);
    assert.match(failed, /^ {2}✗ .*missing password/);
    assert.match(doctorFix(run, failed) ?? "", /give the Secret Key as SECRET,PASSWORD/);
    assert.ok(!run.text.includes(LIVE.secret));
  });

  test("a clock 5 s ahead of the exchange's: ✗ with the offset and a fix", async (t) => {
    const setOffset = (standin as unknown as { setClockOffset?: (ms: number) => void }).setClockOffset;
    if (typeof setOffset !== "function") {
      t.skip("needs the stand-in's setClockOffset");
      return;
    }
    // The stand-in's clock behind ours by 5 s is this machine's clock 5 s ahead.
    setOffset.call(standin, -5_000);
    try {
      const run = await runDoctorCli(["--config", config]);
      assert.equal(run.code, 1, run.text);
      const failed = doctorRow(run, "OKXC", /clock offset to okx/);
      assert.match(failed, /^ {2}✗ .*-[45]\.\d s/);
      assert.match(doctorFix(run, failed) ?? "", /NTP/);
    } finally {
      setOffset.call(standin, 0);
    }
  });
});
