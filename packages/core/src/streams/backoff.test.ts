import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Backoff } from "./backoff";

describe("Backoff", () => {
  it("doubles up to the cap, with jitter between half and all of each step", () => {
    const low = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map(() => low.next()),
      [50, 100, 200, 400, 500, 500],
    );
    const high = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    assert.deepEqual(
      [1, 2, 3, 4, 5].map(() => high.next()),
      [100, 200, 400, 800, 1000],
    );
  });
  it("starts again from the first step after reset", () => {
    const b = new Backoff({ initialMs: 100, random: () => 0 });
    b.next();
    b.next();
    b.reset();
    assert.equal(b.next(), 50);
    assert.equal(b.attempts, 1);
  });
});
