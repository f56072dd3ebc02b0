#!/usr/bin/env node
// CLI: node packages/okx-standin/dist/main.js [--port 18101] [--host 127.0.0.1] [--no-rate-limits]
//      [--rest-delay-ms 0] [--auto-move-ms 0]

import { DEFAULT_DEMO_CREDENTIAL, DEFAULT_LIVE_CREDENTIAL } from "./auth/credentials";
import { startOkxStandin } from "./standin";

interface CliArgs {
  host: string;
  port: number;
  rateLimits: boolean;
  restDelayMs: number;
  autoMoveMs: number;
}

function usage(problem: string): never {
  console.error(
    `okx-standin: ${problem}\nusage: main.js [--port 18101] [--host 127.0.0.1] [--no-rate-limits] [--rest-delay-ms 0] [--auto-move-ms 0]`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { host: "127.0.0.1", port: 18101, rateLimits: true, restDelayMs: 0, autoMoveMs: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-rate-limits") args.rateLimits = false;
    else if (a === "--rest-delay-ms" || a === "--auto-move-ms") {
      const ms = Number(argv[++i]);
      if (!Number.isFinite(ms) || ms < 0) usage(`${a} needs a number of ms`);
      if (a === "--rest-delay-ms") args.restDelayMs = ms;
      else args.autoMoveMs = ms;
    } else if (a === "--port" || a === "--host") {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      if (a === "--host") args.host = v;
      else {
        const port = Number(v);
        if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`bad port ${v}`);
        args.port = port;
      }
    } else usage(`unknown argument ${a ?? ""}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const standin = await startOkxStandin({
    host: args.host,
    port: args.port,
    enforceRateLimits: args.rateLimits,
    restDelayMs: args.restDelayMs,
    autoMoveMs: args.autoMoveMs,
  });
  console.log(
    `okx-standin listening on ${standin.url} (rate limits ${args.rateLimits ? "on" : "off"}; REST delay ${args.restDelayMs} ms; ` +
      `websocket ${standin.url.replace("http", "ws")}/ws/v5/public and /ws/v5/business; ` +
      `test credentials: live apiKey ${DEFAULT_LIVE_CREDENTIAL.apiKey}, ` +
      `demo apiKey ${DEFAULT_DEMO_CREDENTIAL.apiKey}; secrets/passphrases in DEFAULT_CREDENTIALS)`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void standin.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error("okx-standin:", err);
  process.exit(1);
});
