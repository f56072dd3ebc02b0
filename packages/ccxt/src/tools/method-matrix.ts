#!/usr/bin/env node
/**
 * Prints the README's method matrix: `node dist/tools/method-matrix.js [exchange …]` (default: binance
 * bybit okx kraken kucoin gate bitget coinbase). With `--readme FILE`, rewrites the block between the
 * `method-matrix:start` and `method-matrix:end` markers of FILE instead.
 */
import fs from "node:fs";
import { POPULAR, methodMatrix } from "./matrix";

const args = process.argv.slice(2);
const at = args.indexOf("--readme");
const readme = at >= 0 ? args[at + 1] : undefined;
const ids = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1));
const table = methodMatrix(ids.length ? ids : POPULAR);

if (readme) {
  const text = fs.readFileSync(readme, "utf8");
  const block = /(<!-- method-matrix:start[^>]*-->\n)[\s\S]*?(\n<!-- method-matrix:end -->)/;
  if (!block.test(text)) throw new Error(`${readme} has no method-matrix:start/end markers`);
  fs.writeFileSync(
    readme,
    text.replace(block, (_m, start: string, end: string) => start + table + end),
  );
  process.stdout.write(`rewrote the method matrix in ${readme}\n`);
} else {
  process.stdout.write(table + "\n");
}
