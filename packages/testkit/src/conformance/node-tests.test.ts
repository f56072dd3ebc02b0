import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { it } from "node:test";

it("conformanceTests fails wrong methods and skips unsupported ones, one test each", () => {
  const fixture = path.join(__dirname, "..", "test-support", "conformance-fixture.js");
  // Without the parent runner's NODE_TEST_CONTEXT, so the child runs as a top-level `node --test`.
  const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
  const child = spawnSync(process.execPath, ["--test", "--test-reporter=tap", fixture], {
    encoding: "utf8",
    env,
  });
  const tap = child.stdout;
  assert.notEqual(child.status, 0, "a wrong method fails the run");
  assert.match(tap, /^ {4}ok \d+ - conformance: ticker$/m);
  assert.match(tap, /^ {4}not ok \d+ - conformance: depth$/m);
  assert.match(tap, /depth is wrong: asks are not ascending/);
  assert.match(tap, /conformance: positions # SKIP not-supported: not supported: positions/);
  assert.match(tap, /conformance: order # SKIP skipped: no order given/);
  // The function target narrows at run time: BAD registered all methods, and skips those it left out.
  assert.match(tap, /conformance: trades # SKIP not among the target's methods/);
});
