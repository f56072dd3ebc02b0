#!/usr/bin/env node
import { parseArgs } from "node:util";
import { DEFAULT_BASE_URL } from "./options";
import { DEFAULT_ACCOUNT, startDemoServer } from "./standin/server";

/**
 * The DEMOEX stand-in as a process: `node dist/demo-server.js --port 18201`. Serves the API of README.md
 * with in-memory state, for trying the adapter (and a real gateway) without an exchange.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: new URL(DEFAULT_BASE_URL).port },
      host: { type: "string", default: "127.0.0.1" },
      key: { type: "string", default: DEFAULT_ACCOUNT.key },
      secret: { type: "string", default: DEFAULT_ACCOUNT.secret },
      passphrase: { type: "string" },
    },
  });
  const server = await startDemoServer({
    port: Number(values.port),
    host: values.host,
    accounts: [{ key: values.key, secret: values.secret, passphrase: values.passphrase }],
  });
  // The stand-in's own made-up key is printed so a user can paste it into FMZ; it guards nothing.
  process.stdout.write(
    `DEMOEX stand-in listening on ${server.url}\n  API key ${values.key}, secret ${values.secret}${values.passphrase ? `, passphrase ${values.passphrase}` : ""}\n`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`demo-server: ${(err as Error).message}\n`);
  process.exit(1);
});
