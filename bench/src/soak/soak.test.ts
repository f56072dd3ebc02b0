import assert from "node:assert/strict";
import { test } from "node:test";
import { soakConfig } from "./config";
import { formatSoak } from "./report";
import { runSoak } from "./run-soak";

// A 30-second soak: correctness under random faults (no order lost or doubled, every reply JSON in
// time, no secret in any output, memory and descriptors not growing), not speed.
test("30-second soak under random faults passes every check", { timeout: 120_000 }, async () => {
  const report = await runSoak(soakConfig(30));
  const failed = report.checks.filter((c) => !c.pass);
  assert.deepEqual(
    failed.map((c) => `${c.name}: ${c.detail}`),
    [],
    formatSoak(report),
  );
  assert.ok(report.account.placed > 0 && report.account.afterLostReply > 0);
});
