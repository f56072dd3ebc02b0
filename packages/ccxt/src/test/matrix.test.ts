import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { methodMatrix } from "../tools/matrix";

describe("method matrix", () => {
  it("covers the popular exchanges from ccxt's has", () => {
    const md = methodMatrix();
    assert.match(
      md,
      /^\| FMZ method \| binance \| bybit \| okx \| kraken \| kucoin \| gate \| bitget \| coinbase \|/,
    );
    assert.match(md, /\| okx \| APIKEY \| SECRET,PASSWORD \|/);
    assert.match(md, /\| ticker \| ✓ \| ✓ \| ✓ \| ✓ \| ✓ \| ✓ \| ✓ \| ✓ \|/);
  });

  it("gave way in the README to the replay-verified matrix (see replay/replay.test.ts)", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
    assert.ok(!readme.includes(methodMatrix()), "the has-only table is no longer pasted");
    assert.match(readme, /<!-- replay-matrix:start/);
  });
});
