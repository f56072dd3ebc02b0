// Runs every package's tests through lerna (one package at a time: they start servers and the machines
// have two cores), streams the output, and ends with one total line across packages, so a reader (or
// CI) sees the whole result without adding up per-package summaries. A failing test is listed again
// at the end with its error, since a CI log is often read from its tail only. Exits with lerna's status.
import { spawn } from "node:child_process";

const totals = { pass: 0, fail: 0, skipped: 0 };
/** `package: test name` and the first line of its error, for every test that failed. */
const failures = [];
let awaitingError;
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
    awaitingError = { name: `${pkg}: ${failed[1]}${failed[2]}`, error: "" };
    failures.push(awaitingError);
    return;
  }
  const error = /^\s*error: (.*)$/.exec(line);
  if (error && awaitingError && !awaitingError.error) {
    awaitingError.error = error[1] === "|-" ? "" : error[1];
    if (error[1] !== "|-") awaitingError = undefined;
    return;
  }
  // A block error (`error: |-`) goes on in the next line.
  if (
    awaitingError &&
    awaitingError.error === "" &&
    line.trim() &&
    !/^\s*(---|duration_ms|location|failureType)/.test(line)
  ) {
    awaitingError.error = line.trim();
    awaitingError = undefined;
  }
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
