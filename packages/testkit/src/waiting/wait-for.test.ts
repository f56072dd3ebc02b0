import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { waitFor } from "./wait-for";

describe("waitFor", () => {
  it("resolves to the predicate's first truthy value, once it holds", async () => {
    let looks = 0;
    const found = await waitFor(() => (++looks >= 3 ? { id: "order-1" } : undefined), { what: "the order" });
    assert.deepEqual(found, { id: "order-1" });
    assert.equal(looks, 3);
  });

  it("awaits an async predicate", async () => {
    let calls = 0;
    assert.equal(await waitFor(async () => ++calls === 2, { what: "the second call" }), true);
  });

  it("on timeout fails naming what it waited for, after one last look", async () => {
    let looks = 0;
    await assert.rejects(
      waitFor(
        () => {
          looks++;
          return false;
        },
        { timeoutMs: 0, what: "the recording's 3 lines" },
      ),
      { message: "timed out after 0 ms waiting for the recording's 3 lines" },
    );
    assert.equal(looks, 1);
  });

  it("a predicate that throws ends the wait with its error", async () => {
    await assert.rejects(
      waitFor(
        () => {
          throw new Error("broken read");
        },
        { what: "anything" },
      ),
      /broken read/,
    );
  });
});
