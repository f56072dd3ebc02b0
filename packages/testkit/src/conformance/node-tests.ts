import assert from "node:assert/strict";
import { test } from "node:test";
import { METHOD_TABLE, type MethodTable } from "@fmz-gateway/core";
import { selectMethods, suiteMethods } from "./methods";
import { runConformance } from "./run-conformance";
import type { ConformanceTarget, MethodReport } from "./types";

/**
 * Registers one `node:test` test per method, in the caller's file or `describe`. The suite runs once, when
 * the first of them runs (so a target given as a function may read a gateway started in `before`); each
 * test then reports its method: `wrong` fails with the reason, `not-supported` and `skipped` are skipped
 * with theirs.
 */
export function conformanceTests(
  target: ConformanceTarget | (() => ConformanceTarget),
  table: MethodTable = METHOD_TABLE,
): void {
  const resolve = typeof target === "function" ? target : () => target;
  // A target object can narrow the tests at registration; a function is only read when they run.
  const methods = typeof target === "function" ? suiteMethods(table) : selectMethods(target.methods, table);
  let run: Promise<Map<string, MethodReport>> | undefined;
  const reports = () =>
    (run ??= runConformance(resolve(), table).then((list) => new Map(list.map((r) => [r.method, r]))));

  for (const method of methods) {
    test(`conformance: ${method}`, async (t) => {
      const report = (await reports()).get(method);
      if (!report) return t.skip("not among the target's methods");
      if (report.verdict === "wrong") assert.fail(`${method} is wrong: ${report.reason ?? ""}`);
      if (report.verdict === "not-supported" || report.verdict === "skipped") {
        t.skip(`${report.verdict}: ${report.reason ?? ""}`);
      }
    });
  }
}
