// `fmz-gateway doctor` on OKX mounts, run through the real CLI entry (`runCli`) against the stand-in:
// what a user sees in the table and the exit code, for a healthy setup and for the usual mistakes.
import "../index";
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { doctorFix, doctorRow, runDoctorCli } from "@fmz-gateway/testkit";
import { LIVE, LIVE_SECRET_KEY } from "./harness";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-doctor-okx-"));

function writeConfig(name: string, config: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Runs `fmz-gateway doctor ARGS`, as a user would, and keeps what it printed. */
async function doctor(args: string[]) {
  const run = await runDoctorCli(args);
  return { ...run, row: (where: string, check: RegExp) => doctorRow(run, where, check) };
}

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

describe("fmz-gateway doctor on OKX", () => {
  let standin: OkxStandin;
  let config: string;
  before(async () => {
    standin = await startOkxStandin({ port: 0 });
    config = writeConfig("ok.json", {
      exchanges: {
        OKX: { adapter: "OKX", options: { baseUrl: standin.url, timeoutMs: 2000 } },
        OKX_SWAP: { adapter: "OKX", options: { baseUrl: standin.url, timeoutMs: 2000, market: "swap" } },
      },
    });
  });
  after(async () => {
    await standin.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a healthy setup: every row ✓, latency shown, exit 0, the secret never printed", async () => {
    const r = await doctor(["--config", config, "--key", LIVE.apiKey, "--secret", LIVE_SECRET_KEY]);
    assert.equal(r.code, 0, r.text);
    assert.ok(!r.lines.some((l) => l.startsWith("  ✗")), r.text);
    assert.match(r.row("setup", /config/), /ok\.json is valid: 2 mounts/);
    assert.match(r.row("OKX", /markets/), /\d+ markets\s+[\d.]+ ms$/);
    assert.match(r.row("OKX", /ticker BTC_USDT/), /last \d+/);
    assert.match(r.row("OKX_SWAP", /ticker BTC_USDT\.swap/), /last \d+/);
    assert.match(r.row("OKX", /accounts \(keys\)/), /3 balances: .*USDT/);
    assert.match(r.text, /checks passed$/);
    assert.match(r.lines[0], /key stan…0001/);
    for (const secret of [LIVE.secret, LIVE.passphrase, LIVE.apiKey]) assert.ok(!r.text.includes(secret));
  });

  test("--mount checks one mount; an unknown one is ✗ naming the mounts there are", async () => {
    const one = await doctor(["--config", config, "--mount", "okx_swap"]);
    assert.equal(one.code, 0, one.text);
    assert.ok(!one.lines.some((l) => /^ {2}[✓✗] {2}OKX\s/.test(l)), "the spot mount is not checked");
    const none = await doctor(["--config", config, "--mount", "BINANCE"]);
    assert.equal(none.code, 1);
    assert.match(none.row("setup", /mounts/), /no mount named "BINANCE" \(mounts: OKX, OKX_SWAP\)/);
  });

  test("a mount pointing at a dead port: ✗ with the network error and a fix, exit 1", async () => {
    const port = await deadPort();
    const file = writeConfig("dead.json", {
      exchanges: {
        DEAD: { adapter: "OKX", options: { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 } },
      },
    });
    const r = await doctor(["--config", file]);
    assert.equal(r.code, 1, r.text);
    const failed = r.row("DEAD", /markets/);
    assert.match(failed, /^ {2}✗ .*ECONNREFUSED/);
    assert.match(doctorFix(r, failed) ?? "", /^check DEAD's baseUrl/);
    assert.match(r.text, /1 of \d+ checks failed$/);
  });

  test("a wrong secret: the balance row is ✗ with OKX's code, and the fix names the keys", async () => {
    const wrong = `WRONG-SECRET-VALUE,${LIVE.passphrase}`;
    const r = await doctor(["--config", config, "--mount", "OKX", "--key", LIVE.apiKey, "--secret", wrong]);
    assert.equal(r.code, 1, r.text);
    const failed = r.row("OKX", /accounts \(keys\)/);
    assert.match(failed, /^ {2}✗ .*OKX 50113/);
    assert.match(doctorFix(r, failed) ?? "", /Secret Key/);
    assert.match(r.row("OKX", /ticker/), /^ {2}✓/, "public calls need no valid key");
    for (const secret of ["WRONG-SECRET-VALUE", LIVE.passphrase]) assert.ok(!r.text.includes(secret));
  });

  test("an invalid config: ✗ naming the offending key, exit 1", async () => {
    const top = await doctor(["--config", writeConfig("bad.json", { prot: 6666 })]);
    assert.equal(top.code, 1);
    assert.match(top.row("setup", /config/), /^ {2}✗ .*unknown key bad\.json\.prot/);
    assert.match(top.text, /fix: correct that key in .*bad\.json/);

    const option = writeConfig("bad-option.json", {
      exchanges: { OKX: { adapter: "OKX", options: { baseUrl: standin.url, markt: "swap" } } },
    });
    const r = await doctor(["--config", option]);
    assert.equal(r.code, 1);
    assert.match(r.row("setup", /mounts/), /^ {2}✗ .*exchanges\.OKX\.options.*markt/);

    const missing = await doctor(["--config", path.join(dir, "no-such.json")]);
    assert.equal(missing.code, 1);
    assert.match(missing.text, /cannot read config .*no-such\.json: ENOENT/);
  });

  test("a clock 45 s off the exchange's: the clock row is ✗ with a fix", async (t) => {
    const setOffset = (standin as unknown as { setClockOffset?: (ms: number) => void }).setClockOffset;
    const healthy = await doctor(["--config", config, "--mount", "OKX"]);
    if (typeof setOffset !== "function" || !healthy.lines.some((l) => /^ {2}✓ {2}OKX\s+clock/.test(l))) {
      t.skip("needs the stand-in's setClockOffset and the OKX adapter's clock check");
      return;
    }
    setOffset.call(standin, 45_000);
    try {
      const r = await doctor(["--config", config, "--mount", "OKX"]);
      assert.equal(r.code, 1, r.text);
      const failed = r.row("OKX", /clock/);
      assert.match(failed, /^ {2}✗ .*\+4\d/);
      assert.ok(doctorFix(r, failed));
    } finally {
      setOffset.call(standin, 0);
    }
  });
});
