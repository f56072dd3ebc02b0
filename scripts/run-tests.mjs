// Runs every package's tests through lerna (one package at a time: they start servers and the machines
// have two cores), streams the output, and ends with one total line across packages, so a reader (or
// CI) sees the whole result without adding up per-package summaries. A failing test is listed again
// at the end with its error, since a CI log is often read from its tail only. Exits with lerna's status.
import { spawn } from "node:child_process";

const totals = { pass: 0, fail: 0, skipped: 0 };
/** `package: test name` and the first line of its error, for every test that failed. */
const failures = [];
/** The failure whose error line is still to come, and whether that error is a block (`error: |-`). */
let awaiting;
let inBlock = false;
// Colour codes, written as a string: a control character in a regex literal reads as a mistake.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function read(raw) {
  const text = raw.replace(ANSI, "");
  // lerna's --stream prefixes each line with `@scope/package: `.
  const m = /^(@[\w.-]+\/[\w.-]+):\s?(.*)$/.exec(text);
  const [pkg, line] = m ? [m[1], m[2]] : ["", text];
  const total = /# (pass|fail|skipped) (\d+)\s*$/.exec(line);
  if (total) totals[total[1]] += Number(total[2]);
  const failed = /^(\s*)not ok \d+ - (.*)$/.exec(line);
  if (failed) {
    awaiting = { name: `${pkg}: ${failed[1]}${failed[2]}`, error: "" };
    inBlock = false;
    failures.push(awaiting);
    return;
  }
  if (!awaiting) return;
  const error = /^\s*error: (.*)$/.exec(line);
  if (error && !inBlock && error[1] === "|-") inBlock = true;
  else if (error && !inBlock) settle(error[1]);
  else if (inBlock && line.trim()) settle(line.trim());
}

function settle(error) {
  awaiting.error = error;
  awaiting = undefined;
  inBlock = false;
}

const child = spawn("npx", ["lerna", "run", "test", "--concurrency", "1", "--stream"], {
  stdio: ["ignore", "pipe", "inherit"],
});
let buffer = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk.toString();
  const lines = buffer.split("\n");
  buffer = lines.pop() ?? "";
  for (const line of lines) read(line);
});
child.on("close", (code) => {
  if (buffer) read(buffer);
  if (failures.length) {
    console.log("\nFailed:");
    for (const f of failures) console.log(`  ${f.name}${f.error ? ` (${f.error})` : ""}`);
  }
  console.log(`\nTotal: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
  process.exit(code ?? 1);
});
