#!/usr/bin/env node
import { runConformanceCli } from "./cli/program";

runConformanceCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fmz-conformance: ${String(err)}\n`);
    process.exitCode = 2;
  },
);
