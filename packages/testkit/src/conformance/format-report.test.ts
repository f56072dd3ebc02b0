import assert from "node:assert/strict";
import { it } from "node:test";
import { formatReport } from "./format-report";

it("formatReport prints one aligned row per method and a summary", () => {
  const text = formatReport([
    { method: "ticker", verdict: "correct" },
    { method: "depth", verdict: "wrong", reason: "asks are\nnot ascending" },
    { method: "positions", verdict: "not-supported", reason: "not supported: positions" },
    { method: "trade", verdict: "skipped", reason: "no order given" },
  ]);
  const lines = text.split("\n");
  assert.equal(lines[0], "METHOD     VERDICT        REASON");
  assert.equal(lines[2], "ticker     correct");
  assert.equal(lines[3], "depth      WRONG          asks are not ascending");
  assert.equal(lines[4], "positions  not supported  not supported: positions");
  assert.equal(lines.at(-1), "1 correct, 1 not supported, 1 wrong, 1 skipped");
});
