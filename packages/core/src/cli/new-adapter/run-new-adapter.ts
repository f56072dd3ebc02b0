import path from "node:path";
import { scaffoldAdapter } from "./scaffold";
import type { NewAdapterFlags } from "./new-adapter-command";

/**
 * `fmz-gateway new-adapter NAME`: writes the package, then says what it wrote and what to run next.
 * Errors (a bad name, a directory in use) are thrown for the CLI to print.
 */
export function runNewAdapter(
  name: string,
  flags: NewAdapterFlags,
  io: { out: (line: string) => void },
  cwd = process.cwd(),
): void {
  const made = scaffoldAdapter({ name, dir: flags.dir, packageName: flags.package, cwd });
  const shown = path.relative(cwd, made.dir) || ".";
  io.out(
    `Created ${made.names.packageName} in ${shown}: the ${made.names.upper} adapter, a stand-in exchange and tests`,
  );
  for (const file of made.files) io.out(`  ${file}`);
  if (made.ranges.from) {
    // Said, because the registry may hold other versions (or none) of what the project installed.
    io.out(`@fmz-gateway/core: ${made.ranges.core}, @fmz-gateway/testkit: ${made.ranges.testkit}`);
    io.out(`  (from where ${path.relative(cwd, made.ranges.from) || "package.json"} installs them)`);
  }
  io.out("");
  io.out("Next:");
  io.out(`  cd ${shown.includes(" ") ? JSON.stringify(shown) : shown}`);
  io.out("  npm install");
  io.out("  npm test     # the conformance suite against the stand-in");
  io.out(`  npm start    # the stand-in and a gateway serving http://127.0.0.1:6666/${made.names.upper}`);
  io.out("Then port it to the real exchange: README.md has the checklist.");
}
