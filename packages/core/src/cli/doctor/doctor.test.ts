// `fmz-gateway doctor` as a process: a plugin's own `doctor()` checks appear in the table, a failed one
// prints its fix and makes the exit code 1, and an adapter without `markets` is probed with `ticker`.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-doctor-"));
const main = path.resolve(__dirname, "..", "main.js");
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// A plain-JavaScript plugin: ticker only, and a doctor hook that checks the Secret Key's parts.
fs.writeFileSync(
  path.join(dir, "probe-plugin.js"),
  `const core = require(${JSON.stringify(path.resolve(__dirname, "..", "..", "index.js"))});
class ProbeAdapter extends core.ExchangeAdapter {
  async getTicker(ctx, p) {
    if (p.symbol.text !== "ETH_USDT") throw new core.BadRequestError("unknown symbol " + p.symbol.text);
    return { symbol: p.symbol.text, buy: 1, sell: 2, high: 2, low: 1, open: 1, last: 1.5, vol: 0, time: 1 };
  }
  async doctor(ctx) {
    const ok = ctx.credentials.extras.length === 1;
    return [{ name: "passphrase", ok, detail: ok ? "present" : "missing", fix: ok ? undefined : "add it: SECRET,PASSPHRASE" }];
  }
}
core.registerExchange("PROBE", ProbeAdapter);
`,
);

// An adapter that mounts only from a config entry (as ccxt and paper do): nothing at its own name.
fs.writeFileSync(
  path.join(dir, "manual-plugin.js"),
  `const core = require(${JSON.stringify(path.resolve(__dirname, "..", "..", "index.js"))});
class ManualAdapter extends core.ExchangeAdapter {}
core.registerExchange("MANUAL", ManualAdapter, { autoMount: false });
`,
);
fs.writeFileSync(path.join(dir, "empty.json"), JSON.stringify({ exchanges: {} }));

function doctor(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return doctorWith(["--plugin", path.join(dir, "probe-plugin.js"), ...args]);
}

/** `fmz-gateway doctor` with exactly these arguments (no plugin unless they name one). */
function doctorWith(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const proc = spawn(process.execPath, [main, "doctor", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FMZ_ACCESS_KEY: "", FMZ_SECRET_KEY: "" },
  });
  let out = "";
  let err = "";
  proc.stdout.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => proc.once("exit", (code) => resolve({ code, out, err })));
}

test("a plugin's failed doctor check: ✗, its fix, exit code 1; the secret is never printed", async () => {
  const r = await doctor([
    "--symbol",
    "ETH_USDT",
    "--key",
    "AK-0123456789abcdef",
    "--secret",
    "ONLY-THE-SECRET",
  ]);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /^ {2}✓ {2}PROBE +ticker ETH_USDT +last 1\.5 +[\d.]+ ms$/m);
  assert.match(r.out, /^ {2}✗ {2}PROBE +passphrase +missing\n +fix: add it: SECRET,PASSPHRASE$/m);
  assert.match(r.out, /key AK-0…cdef/);
  assert.ok(!r.out.includes("ONLY-THE-SECRET") && !r.err.includes("ONLY-THE-SECRET"));
});

test("every check passing exits 0; a bad probe symbol is ✗ with the symbol fix", async () => {
  const ok = await doctor([
    "--symbol",
    "ETH_USDT",
    "--key",
    "AK-0123456789abcdef",
    "--secret",
    "S3CRET,PASS",
  ]);
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.match(ok.out, /checks passed\n$/);
  const bad = await doctor([]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.out,
    /✗ {2}PROBE +ticker BTC_USDT +unknown symbol BTC_USDT +[\d.]+ ms\n +fix: check --symbol/,
  );
});

test("nothing mounted: the row says why and the fix what to load, never 'the names above'", async () => {
  const bare = await doctorWith(["--mount", "OKX"]);
  assert.equal(bare.code, 1);
  assert.match(bare.out, /✗ {2}setup +mounts +no mount named "OKX": no exchange is mounted\n/);
  assert.match(
    bare.out,
    /fix: no adapter is loaded: pass --config with the file you serve with, or --plugin @fmz-gateway\/okx/,
  );
  const manual = await doctorWith(["--plugin", path.join(dir, "manual-plugin.js")]);
  assert.equal(manual.code, 1);
  assert.match(manual.out, /✗ {2}setup +mounts +no exchange is mounted\n/);
  assert.match(
    manual.out,
    /fix: MANUAL mounts only from an entry under "exchanges" in a config file .*: pass --config/,
  );
  const empty = await doctor(["--config", path.join(dir, "empty.json"), "--mount", "PROBE"]);
  assert.equal(empty.code, 1);
  assert.match(
    empty.out,
    /fix: \S*empty\.json mounts nothing: add an entry under "exchanges" for a loaded adapter \(PROBE\)/,
  );
  for (const r of [bare, manual, empty]) assert.doesNotMatch(r.out, /names above/);
  const wrong = await doctor(["--mount", "NOPE"]);
  assert.match(
    wrong.out,
    /no mount named "NOPE" \(mounts: PROBE\)\n +fix: pass --mount with one of: PROBE$/m,
  );
});

test("serving is unchanged beside the subcommand: an unknown word is refused, --help lists doctor", async () => {
  const help = spawn(process.execPath, [main, "--help"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  help.stdout.on("data", (c: Buffer) => (out += c.toString()));
  await new Promise((r) => help.once("exit", r));
  assert.match(out, /Commands:\n {2}doctor/);
  const r = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, [main, "dcotor"], { stdio: "ignore" }).once("exit", resolve),
  );
  assert.equal(r, 1);
});
