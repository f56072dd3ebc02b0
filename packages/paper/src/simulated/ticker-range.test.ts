import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ticker } from "./history";
import { SIM_INSTRUMENTS } from "./instruments";
import { hashInts, unit } from "./noise";
import { priceAt } from "./price-path";

const QUARTER = 900_000;

describe("the simulated ticker's day range", () => {
  test("open, high and low are those of the 97 rounded quarter-hour prices up to the quarter-hour of t", () => {
    for (const seed of [1, 99, 4_294_967_295])
      for (const inst of SIM_INSTRUMENTS)
        for (let k = 0; k < 40; k++) {
          const t = 1_700_000_000_000 + k * 5_432_109 + (k % 7);
          // The definition, each sample rounded to the tick.
          const first = (Math.floor(t / QUARTER) - 96) * QUARTER;
          const samples = Array.from({ length: 97 }, (_, i) =>
            Number(priceAt(seed, inst, first + i * QUARTER)),
          );
          const tk = ticker(seed, inst, t);
          // Money is exact decimal text; compared as numbers (at most 15 digits, so order is kept).
          assert.equal(Number(tk.open), samples[0]);
          assert.equal(Number(tk.high), Math.max(...samples, Number(tk.last), Number(tk.sell)));
          assert.equal(Number(tk.low), Math.min(...samples, Number(tk.last), Number(tk.buy)));
        }
  });

  test("remembered answers are the answers: the same ticker asked again, and across a quarter-hour", () => {
    const inst = SIM_INSTRUMENTS[0];
    const t = 1_700_000_000_000;
    const again = [t, t + 1, t + QUARTER - 1, t + QUARTER, t].map((at) => ticker(7, inst, at));
    assert.deepEqual(again[4], again[0]);
    assert.deepEqual(ticker(8, inst, t).symbol, again[0].symbol);
    assert.notDeepEqual(ticker(8, inst, t), again[0], "another seed is another market, not a remembered one");
  });

  test("the hash gives the values it always gave (the same seed shows the same market)", () => {
    assert.equal(hashInts(), 2654435769);
    assert.equal(hashInts(1, 2, 3, 4), 2266689535);
    assert.equal(hashInts(1, 1_700_000_000_000), 845204565);
    assert.equal(hashInts(4_294_967_295, 12345, 7, 1_700_000_000_123), 3303413078);
    assert.equal(unit(1, 2, 3, 4), 2266689535 / 2 ** 32);
  });
});
