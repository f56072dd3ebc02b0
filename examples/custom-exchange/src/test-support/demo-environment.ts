import { Writable } from "node:stream";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Gateway, type GatewayConfig, type MountConfig, runCli } from "@fmz-gateway/core";
import { DockerClient } from "@fmz-gateway/testkit";
import type { DemoAccount } from "../standin/ledger";
import { type DemoServer, startDemoServer } from "../standin/server";

/** The API key the tests trade with: long and distinctive, so a leak is easy to find in any text. */
export const TEST_ACCOUNT = {
  key: "demoAccessKey-7f3a9c21e4b8",
  secret: "demoSecret-b62e0d94c1a7f5",
  passphrase: "demoPassphrase-3e8f1a",
} satisfies DemoAccount;

/** The Secret Key as a user types it on FMZ: the secret, then the passphrase. */
export const TEST_SECRET_KEY = `${TEST_ACCOUNT.secret},${TEST_ACCOUNT.passphrase}`;

/** The example plugin as a user points a config at it: the compiled module's path. */
export const PLUGIN_PATH = path.resolve(__dirname, "..", "index.js");

export interface DemoEnvironment {
  readonly standin: DemoServer;
  readonly gateway: Gateway;
  /** Calls DEMOEX with the test account's keys, as the docker would. */
  readonly client: DockerClient;
  /** Where the config (and anything else a test writes) lives. */
  readonly dir: string;
  /** What the CLI printed (start banner, errors). */
  readonly cliOutput: string[];
  close(): Promise<void>;
}

export interface EnvironmentOptions {
  /** The config's logLevel (default "error", to keep test output quiet). */
  logLevel?: GatewayConfig["logLevel"];
  /** Where the gateway's log lines go (stderr by default). */
  logStream?: NodeJS.WritableStream;
  /** Passed as `--record <file>`. */
  record?: string;
  /** More mounts beside DEMOEX (adapters registered by the test file itself). */
  exchanges?: Record<string, MountConfig>;
  /** DEMOEX mount options beside `baseUrl`. */
  demoOptions?: Record<string, unknown>;
}

/**
 * A DEMOEX stand-in on a free port and a real gateway started the way a user starts one: `fmz-gateway
 * --config <file>` (in-process, through `runCli`), the config loading the example as a plugin by path.
 */
export async function startDemoEnvironment(opts: EnvironmentOptions = {}): Promise<DemoEnvironment> {
  const standin = await startDemoServer({ accounts: [TEST_ACCOUNT] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "demoex-"));
  const config: GatewayConfig = {
    port: 0,
    logLevel: opts.logLevel ?? "error",
    plugins: [PLUGIN_PATH],
    exchanges: {
      DEMOEX: { adapter: "DEMOEX", options: { baseUrl: standin.url, ...opts.demoOptions } },
      ...opts.exchanges,
    },
  };
  const file = path.join(dir, "fmz-gateway.json");
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  const cliOutput: string[] = [];
  const io = {
    out: (line: string) => cliOutput.push(line),
    err: (line: string) => cliOutput.push(line),
    logStream: opts.logStream,
  };
  const gateway = await runCli(["--config", file, ...(opts.record ? ["--record", opts.record] : [])], io);
  if (!gateway) throw new Error("runCli started no gateway");
  const client = new DockerClient({
    baseUrl: gateway.url,
    exchange: "DEMOEX",
    accessKey: TEST_ACCOUNT.key,
    secretKey: TEST_SECRET_KEY,
  });
  return {
    standin,
    gateway,
    client,
    dir,
    cliOutput,
    async close() {
      await gateway.close();
      await standin.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Collects the gateway's log lines in memory (they would drown the test report at debug level). */
export function captureLog(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}
