import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import net from "node:net";
import { after, describe, it } from "node:test";
import { runCli, validateConfig } from "@fmz-gateway/core";
import { DockerClient } from "@fmz-gateway/testkit";
import { DEFAULT_BASE_URL } from "./options";
import { PLUGIN_PATH, TEST_ACCOUNT, TEST_SECRET_KEY } from "./test-support/demo-environment";

describe("DEMOEX as a plugin", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "demoex-plugin-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function configFile(name: string, exchanges: unknown): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify({ port: 0, logLevel: "error", plugins: [PLUGIN_PATH], exchanges }));
    return file;
  }

  it("loads from a config by path, fills in default options, and prints its mount", async () => {
    const out: string[] = [];
    const gateway = await runCli(
      ["--config", configFile("defaults.json", { DEMOEX: { adapter: "DEMOEX" } })],
      {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      },
    );
    assert.ok(gateway);
    try {
      assert.deepEqual(gateway.mounts.get("DEMOEX")?.options, {
        baseUrl: DEFAULT_BASE_URL,
        timeoutMs: 10_000,
      });
      assert.match(
        out.join("\n"),
        /\/DEMOEX +→ DEMOEX \(baseUrl=http:\/\/127\.0\.0\.1:18201, timeoutMs=10000\)/,
      );
    } finally {
      await gateway.close();
    }
  });

  it("refuses bad options at start, naming the config path", async () => {
    const io = { out: () => undefined, err: () => undefined };
    await assert.rejects(
      runCli(
        [
          "--config",
          configFile("bad-type.json", { DEMOEX: { adapter: "DEMOEX", options: { timeoutMs: "5s" } } }),
        ],
        io,
      ),
      /exchanges\.DEMOEX\.options\.timeoutMs/,
    );
    await assert.rejects(
      runCli(
        [
          "--config",
          configFile("bad-key.json", { DEMOEX: { adapter: "DEMOEX", options: { baseURL: "x" } } }),
        ],
        io,
      ),
      /exchanges\.DEMOEX\.options/,
    );
  });

  it("answers a clear network error when DEMOEX is down, and sends no order blind", async () => {
    const down = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const gateway = await runCli(
      ["--config", configFile("down.json", { DEMOEX: { adapter: "DEMOEX", options: { baseUrl: down } } })],
      { out: () => undefined, err: () => undefined },
    );
    assert.ok(gateway);
    try {
      const client = new DockerClient({
        baseUrl: gateway.url,
        exchange: "DEMOEX",
        accessKey: TEST_ACCOUNT.key,
        secretKey: TEST_SECRET_KEY,
      });
      assert.equal(
        (await client.call("ticker", { symbol: "BTC_USDT" })).error,
        "DEMOEX network error on GET /api/v1/ticker: ECONNREFUSED",
      );
      assert.equal(
        (await client.call("trade", { symbol: "BTC_USDT", type: "buy", price: 1, amount: 1 })).error,
        "DEMOEX network error on GET /api/v1/instruments: ECONNREFUSED",
      );
    } finally {
      await gateway.close();
    }
  });

  it("the shipped configs are valid and point at this plugin", () => {
    const root = path.resolve(__dirname, "..");
    for (const file of [path.join(root, "fmz-gateway.json"), path.join(root, "..", "multi-exchange.json")]) {
      const config = validateConfig(JSON.parse(fs.readFileSync(file, "utf8")), path.basename(file));
      assert.equal(config.exchanges?.DEMOEX?.adapter, "DEMOEX");
      const local = config.plugins?.find((p) => p.startsWith("."));
      assert.equal(local && path.resolve(path.dirname(file), local), PLUGIN_PATH, file);
    }
  });

  it("the stand-in runs standalone: node dist/demo-server.js --port <port>", async () => {
    const child = spawn(process.execPath, [path.join(__dirname, "demo-server.js"), "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [first] = (await once(child.stdout, "data")) as [Buffer];
      const url = /listening on (http:\/\/\S+)/.exec(first.toString())?.[1];
      assert.ok(url, first.toString());
      const res = await fetch(`${url}/api/v1/instruments`);
      const body = (await res.json()) as { code: number; data: { symbol: string }[] };
      assert.equal(body.code, 0);
      assert.deepEqual(
        body.data.map((i) => i.symbol),
        ["BTC-USDT", "ETH-USDT", "DOGE-USDT"],
      );
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
});

/** A port that was free a moment ago: listen on 0, note the port, close. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
