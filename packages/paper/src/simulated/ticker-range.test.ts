import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ticker } from "./history";
import { SIM_INSTRUMENTS } from "./instruments";
import { hashInts, unit } from "./noise";
import { priceAt } from "./price-path";

const DAY = 86_400_000;

describe("the simulated ticker's day range", () => {
  test("open, high and low are those of the 97 rounded prices 15 minutes apart", () => {
    for (const seed of [1, 99, 4_294_967_295])
      for (const inst of SIM_INSTRUMENTS)
        for (let k = 0; k < 40; k++) {
          const t = 1_700_000_000_000 + k * 5_432_109 + (k % 7);
          // The definition, each sample rounded to the tick (what the ticker computed before).
          const samples = Array.from({ length: 97 }, (_, i) =>
            Number(priceAt(seed, inst, t - DAY + i * 900_000)),
          );
          const tk = ticker(seed, inst, t);
          assert.equal(tk.open, samples[0]);
          assert.equal(tk.high, Math.max(...samples, tk.last, tk.sell));
          assert.equal(tk.low, Math.min(...samples, tk.last, tk.buy));
        }
  });

  test("the hash gives the values it always gave (the same seed shows the same market)", () => {
    assert.equal(hashInts(), 2654435769);
    assert.equal(hashInts(1, 2, 3, 4), 2266689535);
    assert.equal(hashInts(1, 1_700_000_000_000), 845204565);
    assert.equal(hashInts(4_294_967_295, 12345, 7, 1_700_000_000_123), 3303413078);
    assert.equal(unit(1, 2, 3, 4), 2266689535 / 2 ** 32);
  });
});
