import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { it } from "node:test";
import { conformanceTests } from "./node-tests";

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

it("with expectations, an unexpected verdict fails and an expected not-supported passes", () => {
  const fixture = path.join(__dirname, "..", "test-support", "conformance-expect-fixture.js");
  const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
  const child = spawnSync(process.execPath, ["--test", "--test-reporter=tap", fixture], {
    encoding: "utf8",
    env,
  });
  const tap = child.stdout;
  assert.notEqual(child.status, 0, "an unexpected verdict fails the run");
  assert.match(tap, /^ {4}ok \d+ - conformance: positions$/m);
  assert.match(tap, /^ {4}not ok \d+ - conformance: ticker$/m);
  assert.match(tap, /ticker was expected not supported, but was correct/);
  assert.match(tap, /^ {4}not ok \d+ - conformance: depth$/m);
  assert.match(tap, /depth was expected correct, but was not-supported: not supported/);
  assert.match(tap, /^ {4}not ok \d+ - conformance: order$/m);
  assert.match(tap, /order was expected correct, but was skipped: no order given/);
  assert.doesNotMatch(tap, /# SKIP (not-supported|skipped):/, "no verdict is skipped quietly");
});

it("an expected-not-supported name that is no suite method is an error when the tests are registered", () => {
  const target = { baseUrl: "http://127.0.0.1:1", exchange: "X", symbol: "BTC_USDT" };
  assert.throws(() => conformanceTests(target, { notSupported: ["fundigns"] }), /unknown method "fundigns"/);
});
