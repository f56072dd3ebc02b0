#!/usr/bin/env node
import "reflect-metadata";
import { runCli } from "./run-cli";

/** Process entry: start the gateway, stop it cleanly on SIGINT/SIGTERM, never die on a stray error. */
async function main(): Promise<void> {
  let gateway;
  try {
    gateway = await runCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fmz-gateway: ${(err as Error).message}\n`);
    process.exit(1);
  }
  if (!gateway) return;
  const running = gateway;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: the operator insists
    stopping = true;
    process.stderr.write(`fmz-gateway: ${signal}, finishing calls in flight\n`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // One bad call must not take down every strategy using this gateway.
  process.on("unhandledRejection", (reason) =>
    process.stderr.write(`fmz-gateway: unhandled rejection: ${String(reason)}\n`),
  );
  process.on("uncaughtException", (err) =>
    process.stderr.write(`fmz-gateway: uncaught exception: ${err.message}\n`),
  );
}

void main();
