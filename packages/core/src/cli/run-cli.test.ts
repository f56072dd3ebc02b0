import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import type { Gateway } from "../host/gateway";
import { waitFor } from "../test-support/wait-for";
import { VERSION } from "../version";
import { runCli } from "./run-cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-cli-"));
const coreEntry = path.resolve(__dirname, "..", "index.js");

// A plugin exactly as a user writes one, in plain JavaScript, loaded by path.
fs.writeFileSync(
  path.join(dir, "echo-plugin.js"),
  `const core = require(${JSON.stringify(coreEntry)});
class EchoAdapter extends core.ExchangeAdapter {
  async getTicker(ctx, p) {
    return { symbol: p.symbol.text, buy: 1, sell: 2, high: 2, low: 1, open: 1, last: Number(ctx.options.last), vol: 0, time: 1 };
  }
}
EchoAdapter.optionsSchema = {
  type: "object", additionalProperties: false,
  properties: { last: { type: "string", default: "7.5" }, market: { enum: ["spot", "swap"] } },
};
core.Exchange("ECHO", { description: "echo test adapter" })(EchoAdapter);
`,
);

function writeConfig(name: string, config: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function post(gw: Gateway, exName: string, body: unknown) {
  const res = await fetch(`${gw.url}/${exName}`, { method: "POST", body: JSON.stringify(body) });
  return (await res.json()) as { data?: { last: number }; error?: string };
}

describe("fmz-gateway CLI", () => {
  const running: Gateway[] = [];
  after(async () => {
    await Promise.all(running.map((g) => g.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("--version prints the package version", async () => {
    const c = capture();
    assert.equal(await runCli(["--version"], c.io), undefined);
    assert.deepEqual(c.out, [VERSION]);
  });

  test("--help lists the options and the adapters the given plugins load", async () => {
    const c = capture();
    assert.equal(await runCli(["--plugin", path.join(dir, "echo-plugin.js"), "--help"], c.io), undefined);
    const help = c.out.join("\n");
    for (const flag of ["--config", "--host", "--port", "--plugin", "--log-level", "--record", "--version"]) {
      assert.ok(help.includes(flag), flag);
    }
    assert.match(help, /Adapters loaded: .*ECHO \(echo test adapter\)/);
  });

  test("a config file mounts adapters with their options and prints every mount", async () => {
    const record = path.join(dir, "calls.jsonl");
    const file = writeConfig("ok.json", {
      port: 0,
      logLevel: "error",
      plugins: ["./echo-plugin.js"],
      record: "calls.jsonl",
      exchanges: { EchoA: { adapter: "echo" }, EchoB: { adapter: "ECHO", options: { last: "42.25" } } },
    });
    const c = capture();
    const gw = await runCli(["--config", file], c.io);
    assert.ok(gw);
    running.push(gw);
    assert.match(c.out[0], /^fmz-gateway \S+ listening on http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(
      c.out.some((l) => /\/EchoA\s+→ ECHO \(last=7\.5\)/.test(l)),
      c.out.join("\n"),
    );
    assert.ok(c.out.some((l) => /\/EchoB\s+→ ECHO \(last=42\.25\)/.test(l)));
    const keys = { access_key: "AK-visible-but-shortened", secret_key: "TOP-SECRET-VALUE,PASS-PHRASE-VALUE" };
    assert.equal(
      (await post(gw, "EchoB", { ...keys, method: "ticker", params: { symbol: "BTC_USDT" } })).data?.last,
      42.25,
    );
    assert.equal(
      (await post(gw, "EchoA", { ...keys, method: "ticker", params: { symbol: "BTC_USDT" } })).data?.last,
      7.5,
    );
    await post(gw, "EchoA", { ...keys, method: "whatIsThis", params: { x: "1" } });
    // The recorder writes asynchronously: wait until the third call's line is on disk.
    const recorded = () => (fs.existsSync(record) ? fs.readFileSync(record, "utf8").trim().split("\n") : []);
    await waitFor(() => recorded().length >= 3, { what: "3 lines in the recording" });
    const lines = recorded().map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 3);
    assert.deepEqual((lines[2].request as Record<string, unknown>).method, "whatIsThis");
    assert.deepEqual(lines[2].reply, { error: "invalid method: whatIsThis" });
    const text = fs.readFileSync(record, "utf8");
    assert.ok(
      !text.includes("TOP-SECRET-VALUE") && !text.includes("PASS-PHRASE-VALUE"),
      "record holds no secret",
    );
    assert.ok(text.includes("AK-v…ened"), "access key shortened");
  });

  test("flags override the file", async () => {
    const file = writeConfig("port.json", { port: 1, logLevel: "error", plugins: ["./echo-plugin.js"] });
    const gw = await runCli(["--config", file, "--port", "0", "--host", "127.0.0.1"], capture().io);
    assert.ok(gw);
    running.push(gw);
    assert.notEqual(gw.address.port, 1);
    assert.ok(
      gw.mounts.has("ECHO"),
      "without an exchanges map every loaded adapter is served at its own name",
    );
  });

  test("a bad config is refused at start with the path of the offending key", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ prot: 1 }, /unknown key bad\.json\.prot/],
      [{ port: "6666" }, /invalid bad\.json\.port: wrong type/],
      [{ exchanges: { OKX: { adpter: "OKX" } } }, /bad\.json\.exchanges\.OKX/],
      [
        { plugins: ["./echo-plugin.js"], exchanges: { X: { adapter: "NOPE" } } },
        /exchanges\.X\.adapter: no adapter named "NOPE" is loaded \(loaded: .*ECHO/,
      ],
      [
        { plugins: ["./echo-plugin.js"], exchanges: { X: { adapter: "ECHO", options: { market: "moon" } } } },
        /exchanges\.X\.options\.market/,
      ],
      [{ plugins: ["./missing-plugin.js"] }, /plugin "\.\/missing-plugin\.js" not found/],
      [
        { plugins: ["@fmz-gateway/not-installed"] },
        /plugin "@fmz-gateway\/not-installed" not found \(is it installed\?/,
      ],
    ];
    for (const [config, expected] of cases) {
      await assert.rejects(
        runCli(["--config", writeConfig("bad.json", { port: 0, ...(config as object) })], capture().io),
        expected,
      );
    }
    fs.writeFileSync(path.join(dir, "broken.json"), "{ nope");
    await assert.rejects(
      runCli(["--config", path.join(dir, "broken.json")], capture().io),
      /is not valid JSON/,
    );
    await assert.rejects(runCli(["--port", "abc"], capture().io), /expected a whole number/);
  });
});
