import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { Gateway, type MountConfig, createLogger } from "@fmz-gateway/core";
// The adapters under test, registered by importing them (as a config's "plugins" would).
import "@fmz-gateway/okx";
import "@fmz-gateway/ccxt";
import "@fmz-gateway/paper";
import "./null-adapter";
import { send, serveParent } from "./ipc";

/**
 * The gateway under test in its own process: `argv[2]` is `{exchanges, logLevel, logTo?, callTimeoutMs?}`
 * as JSON. `logTo: "stdout"` writes the log lines out (the soak reads them for secrets).
 */
async function main(): Promise<void> {
  const { exchanges, logLevel, logTo, callTimeoutMs } = JSON.parse(process.argv[2]) as {
    exchanges: Record<string, MountConfig>;
    logLevel: "error" | "warn" | "info";
    logTo?: "drop" | "stdout";
    callTimeoutMs?: number;
  };
  // Log lines are formatted as in production (their cost is part of the measurement), then dropped.
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const logger = createLogger({ level: logLevel, stream: logTo === "stdout" ? process.stdout : sink });
  // A paper mount's SQLite file lives in a folder of this process's own, removed when it stops.
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-bench-"));
  const gateway = await Gateway.start({ port: 0, exchanges, logger, callTimeoutMs, baseDir });
  serveParent(async () => {
    await gateway.close(1000);
    fs.rmSync(baseDir, { recursive: true, force: true });
  });
  send({ type: "ready", url: gateway.url });
}

main().catch((err: unknown) => send({ type: "error", message: String(err) }));
