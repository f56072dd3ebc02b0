// Runs every package's tests through lerna (one package at a time: they start servers and the machines
// have two cores), streams the output, and ends with one total line across packages, so a reader (or
// CI) sees the whole result without adding up per-package summaries. Exits with lerna's status.
import { spawn } from "node:child_process";

const totals = { pass: 0, fail: 0, skipped: 0 };
const child = spawn("npx", ["lerna", "run", "test", "--concurrency", "1", "--stream"], {
  stdio: ["ignore", "pipe", "inherit"],
});
let buffer = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk.toString();
  const lines = buffer.split("\n");
  buffer = lines.pop() ?? "";
  for (const line of lines) {
    const m = /# (pass|fail|skipped) (\d+)\s*$/.exec(line);
    if (m) totals[m[1]] += Number(m[2]);
  }
});
child.on("close", (code) => {
  console.log(`\nTotal: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
  process.exit(code ?? 1);
});
