import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { waitFor } from "../test-support/wait-for";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-main-"));
const plugin = path.join(dir, "slow-plugin.js");
fs.writeFileSync(
  plugin,
  `const core = require(${JSON.stringify(path.resolve(__dirname, "..", "index.js"))});
class SlowAdapter extends core.ExchangeAdapter {
  async getTicker(ctx, p) {
    // Held until the process is told to stop, so the call is certainly in flight when SIGTERM lands.
    const stopping = new Promise((r) => process.once("SIGTERM", r));
    process.stderr.write("slow call started\\n");
    await stopping;
    return { symbol: p.symbol.text, buy: 1, sell: 2, high: 2, low: 1, open: 1, last: 1.5, vol: 0, time: 1 };
  }
}
core.Exchange("SLOW")(SlowAdapter);
`,
);

test("the fmz-gateway process serves, and on SIGTERM finishes the call in flight before exiting 0", async (t) => {
  const proc = spawn(
    process.execPath,
    [path.resolve(__dirname, "main.js"), "--plugin", plugin, "--port", "0", "--log-level", "warn"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  t.after(() => proc.kill("SIGKILL")); // never leave a server behind, whatever fails
  let stdout = "";
  let stderr = "";
  proc.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      const m = /listening on (http:\/\/\S+)\n[^]*\/SLOW.*\n/.exec(stdout);
      if (m) resolve(m[1]);
    });
    proc.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  assert.match(stdout, /\/SLOW\s+→ SLOW/);
  assert.equal((await fetch(`${url}/health`)).status, 200);

  const inflight = fetch(`${url}/SLOW`, {
    method: "POST",
    body: JSON.stringify({
      access_key: "a",
      secret_key: "b",
      method: "ticker",
      params: { symbol: "BTC_USDT" },
    }),
  });
  await waitFor(() => stderr.includes("slow call started"), { what: "the slow call to start" });
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  proc.kill("SIGTERM");
  const reply = (await (await inflight).json()) as { data: { symbol: string } };
  assert.equal(reply.data.symbol, "BTC_USDT");
  assert.equal(await exited, 0);
  assert.match(stderr, /SIGTERM, finishing calls in flight/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a start-up error is one readable line on stderr and exit code 1", async () => {
  const proc = spawn(
    process.execPath,
    [path.resolve(__dirname, "main.js"), "--config", path.join(os.tmpdir(), "no-such-fmz-config.json")],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  proc.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
  assert.equal(code, 1);
  assert.match(stderr.trim(), /^fmz-gateway: cannot read config .*no-such-fmz-config\.json: ENOENT$/);
});
