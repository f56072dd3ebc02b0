import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { METHOD_TABLE } from "@fmz-gateway/core";
import { SUITE_METHODS, UNKNOWN_METHOD_PROBE, selectMethods } from "./methods";

describe("selectMethods", () => {
  it("covers every method of the core's method table", () => {
    for (const spec of METHOD_TABLE)
      assert.ok(SUITE_METHODS.includes(spec.wire), `${spec.wire} is not exercised`);
  });
  it("selects everything without a filter", () => assert.deepEqual(selectMethods(), [...SUITE_METHODS]));
  it("accepts aliases and any case, in report order", () =>
    assert.deepEqual(selectMethods(["Position", "GetTicker", UNKNOWN_METHOD_PROBE]), [
      "ticker",
      "positions",
      UNKNOWN_METHOD_PROBE,
    ]));
  it("refuses an unknown name", () =>
    assert.throws(() => selectMethods(["tikcer"]), /unknown method "tikcer"/));
});
