#!/usr/bin/env node
/**
 * Replays ccxt's recorded responses through a gateway and prints the README's matrix;
 * `--readme FILE` rewrites the block between the `replay-matrix:start` and `replay-matrix:end`
 * markers of FILE instead (`npm run matrix`).
 */
import fs from "node:fs";
import { startReplay, toMatrixCases } from "../test/replay/run";
import { replayMatrix } from "./replay-matrix";

const BLOCK = /(<!-- replay-matrix:start[^>]*-->\n)[\s\S]*?(\n<!-- replay-matrix:end -->)/;

/** The README's current matrix block, or undefined without markers. */
export function readmeBlock(text: string): string | undefined {
  const m = BLOCK.exec(text);
  return m ? text.slice(m.index + m[1].length, m.index + m[0].length - m[2].length) : undefined;
}

export function rewriteReadme(text: string, table: string): string {
  if (!BLOCK.test(text)) throw new Error("the README has no replay-matrix:start/end markers");
  return text.replace(BLOCK, (_m, start: string, end: string) => start + table + end);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--readme");
  const run = await startReplay();
  try {
    const table = replayMatrix(toMatrixCases(run.results));
    if (at >= 0) {
      const file = args[at + 1];
      fs.writeFileSync(file, rewriteReadme(fs.readFileSync(file, "utf8"), table));
      process.stdout.write(`rewrote the replay matrix in ${file}\n`);
    } else {
      process.stdout.write(table + "\n");
    }
  } finally {
    await run.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  });
}
