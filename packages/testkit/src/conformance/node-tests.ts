import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import { METHOD_TABLE, type MethodTable } from "@fmz-gateway/core";
import { selectMethods, suiteMethods } from "./methods";
import { runConformance } from "./run-conformance";
import type { ConformanceExpectations, ConformanceTarget, MethodReport } from "./types";

/**
 * Registers one `node:test` test per method, in the caller's file or `describe`. The suite runs once, when
 * the first of them runs (so a target given as a function may read a gateway started in `before`); each
 * test then reports its method: `wrong` fails with the reason, `not-supported` and `skipped` are skipped
 * with theirs. With `expect`, the tests hold the mount to it instead (see `ConformanceExpectations`): an
 * unexpected `not-supported` or `skipped` fails, and so does data from a method expected not supported.
 */
export function conformanceTests(
  target: ConformanceTarget | (() => ConformanceTarget),
  expect?: ConformanceExpectations,
  table: MethodTable = METHOD_TABLE,
): void {
  const resolve = typeof target === "function" ? target : () => target;
  // A target object can narrow the tests at registration; a function is only read when they run.
  const methods = typeof target === "function" ? suiteMethods(table) : selectMethods(target.methods, table);
  // Resolved now, so a misspelt method name is an error at registration rather than a test that passes.
  // (An empty filter selects every method, hence the guard.)
  const notSupported = new Set(
    expect && expect.notSupported.length > 0 ? selectMethods(expect.notSupported, table) : [],
  );
  let run: Promise<Map<string, MethodReport>> | undefined;
  const reports = () =>
    (run ??= runConformance(resolve(), table).then((list) => new Map(list.map((r) => [r.method, r]))));

  for (const method of methods) {
    test(`conformance: ${method}`, async (t) => {
      const report = (await reports()).get(method);
      if (!report) return t.skip("not among the target's methods");
      if (report.verdict === "wrong") assert.fail(`${method} is wrong: ${report.reason ?? ""}`);
      if (expect) holdToExpectation(report, notSupported.has(method));
      else if (report.verdict === "not-supported" || report.verdict === "skipped") skipWithReason(t, report);
    });
  }
}

function holdToExpectation(report: MethodReport, expectedNotSupported: boolean): void {
  const { method, verdict, reason } = report;
  const was = `${verdict}${reason ? `: ${reason}` : ""}`;
  if (expectedNotSupported) {
    if (verdict !== "not-supported") assert.fail(`${method} was expected not supported, but was ${was}`);
  } else if (verdict !== "correct") {
    assert.fail(`${method} was expected correct, but was ${was}`);
  }
}

function skipWithReason(t: TestContext, report: MethodReport): void {
  t.skip(`${report.verdict}: ${report.reason ?? ""}`);
}
