import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Dec, type SourceBar, type SourceTicker } from "@fmz-gateway/core";
import { records, ticker } from "./history";
import { SIM_INSTRUMENTS, type SimInstrument } from "./instruments";
import { hashInts, unit } from "./noise";

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = 1_700_000_000_000;

/** Money compared exactly, as decimals: `"64000"` and `"64000.0"` are the same price. */
function same(actual: string, expected: string, what: string): void {
  assert.ok(new Dec(actual).eq(expected), `${what}: ${actual}, expected ${expected}`);
}

/** What the last 1,440 one-minute bars say the day was. */
function dayOf(bars: SourceBar[]) {
  return {
    open: bars[0][1],
    high: bars.reduce((m, b) => Dec.max(m, b[2]), new Dec(bars[0][2])).toFixed(),
    low: bars.reduce((m, b) => Dec.min(m, b[3]), new Dec(bars[0][3])).toFixed(),
    vol: bars.reduce((s, b) => s.plus(b[5]), new Dec(0)).toFixed(),
    close: bars[bars.length - 1][4],
  };
}

function assertDayIsBars(seed: number, inst: SimInstrument, t: number): SourceTicker {
  const tk = ticker(seed, inst, t);
  const bars = records(seed, inst, t, 1, 1440);
  const at = `seed ${seed}, ${inst.market.symbol}, t ${t}`;
  assert.equal(bars.length, 1440, at);
  assert.equal(
    bars[1439][0] * 1000,
    Math.floor(t / MINUTE) * MINUTE,
    `${at}: the last bar is the one in progress`,
  );
  const day = dayOf(bars);
  same(tk.open, day.open, `${at}: open`);
  same(tk.high, day.high, `${at}: high`);
  same(tk.low, day.low, `${at}: low`);
  same(tk.vol, day.vol, `${at}: vol`);
  same(tk.last, day.close, `${at}: last is the close of the bar in progress`);
  for (const field of ["last", "buy", "sell"] as const) {
    const price = new Dec(tk[field]);
    assert.ok(
      price.gte(tk.low) && price.lte(tk.high),
      `${at}: ${field} ${tk[field]} outside [${tk.low}, ${tk.high}]`,
    );
  }
  assert.ok(new Dec(tk.buy).lt(tk.sell), `${at}: buy below sell`);
  return tk;
}

describe("the simulated ticker's 24 h: the last 1,440 one-minute bars", () => {
  test("open, high, low and vol are the bars' first open, highest high, lowest low and summed volume, exactly", () => {
    const cases = [
      ...SIM_INSTRUMENTS.map((inst) => ({ seed: 1, inst })),
      { seed: 4_294_967_295, inst: SIM_INSTRUMENTS[1] },
      { seed: 4_294_967_295, inst: SIM_INSTRUMENTS[2] },
    ];
    for (const { seed, inst } of cases) {
      const m = Math.floor((T0 + seed * 7_919) / MINUTE) * MINUTE;
      // In order, as one window sees them: across a minute boundary, several minutes on, a jump of
      // more than a day, the clock set back hours, then back within its minute.
      const times = [
        m + MINUTE - 1,
        m + MINUTE,
        m + 8 * MINUTE + 31_002,
        m + DAY + 3 * MINUTE + 59_999,
        m + DAY - 3 * 3_600_000 + 1_000,
        m + DAY - 3 * 3_600_000 + 1_000 - 999,
      ];
      for (const t of times) assertDayIsBars(seed, inst, t);
    }
  });

  test("a third seed, ticker asked before and after records, agrees the same way", () => {
    const inst = SIM_INSTRUMENTS[3];
    const t = T0 + 12_345_678;
    records(99, inst, t, 1, 10);
    assertDayIsBars(99, inst, t);
    assertDayIsBars(99, inst, t + 2 * DAY);
  });

  test("second by second, the range widens only to the prices shown, and a minute's bar is what it showed", () => {
    const m = Math.floor(T0 / MINUTE) * MINUTE;
    // Twenty-minute stretches where the price makes new day highs (the first two) and lows (the last).
    const stretches = [
      { inst: SIM_INSTRUMENTS[0], start: m + 2 * DAY + 3 * 3_600_000 },
      { inst: SIM_INSTRUMENTS[2], start: m + 2 * DAY + 3 * 3_600_000 },
      { inst: SIM_INSTRUMENTS[0], start: m + 2 * 3_600_000 },
    ];
    const moves = { highRose: 0, lowFell: 0 };
    for (const { inst, start } of stretches) {
      let prev = ticker(5, inst, start);
      let shown = [prev]; // this minute's tickers
      for (let t = start + 1_000; t <= start + 20 * MINUTE; t += 1_000) {
        const tk = ticker(5, inst, t);
        const at = `${inst.market.symbol} at ${t}`;
        if (t % MINUTE === 0) {
          // The minute just completed is, as a bar, exactly what the ticker showed in it.
          const [, open, high, low, close] = records(5, inst, t, 1, 2)[0];
          same(open, shown[0].last, `${at}: the bar's open`);
          same(close, shown[shown.length - 1].last, `${at}: the bar's close`);
          same(
            high,
            shown.reduce((best, x) => Dec.max(best, x.sell), new Dec(shown[0].sell)).toFixed(),
            `${at}: high`,
          );
          same(
            low,
            shown.reduce((best, x) => Dec.min(best, x.buy), new Dec(shown[0].buy)).toFixed(),
            `${at}: low`,
          );
          shown = [];
        }
        shown.push(tk);
        if (new Dec(tk.high).gt(prev.high)) {
          same(tk.high, tk.sell, `${at}: the high rose from ${prev.high}, but not to the ask shown`);
          moves.highRose++;
        }
        if (new Dec(tk.low).lt(prev.low)) {
          same(tk.low, tk.buy, `${at}: the low fell from ${prev.low}, but not to the bid shown`);
          moves.lowFell++;
        }
        // Within a minute no bar leaves the window, so the range can only widen.
        if (t % MINUTE !== 0) {
          assert.ok(new Dec(tk.high).gte(prev.high), `${at}: the high fell within a minute`);
          assert.ok(new Dec(tk.low).lte(prev.low), `${at}: the low rose within a minute`);
        }
        prev = tk;
      }
    }
    assert.ok(
      moves.highRose > 0 && moves.lowFell > 0,
      `the stretches should move the range: ${JSON.stringify(moves)}`,
    );
  });

  test("minute by minute over a day, the range moves only for a bar that entered or the bar that left", () => {
    const inst = SIM_INSTRUMENTS[2];
    const seed = 42;
    const start = Math.floor(T0 / MINUTE) * MINUTE + 5 * DAY + 30_000;
    let prev = ticker(seed, inst, start);
    const moves = { highRose: 0, highFell: 0, lowFell: 0, lowRose: 0 };
    for (let t = start + MINUTE; t <= start + DAY + 60 * MINUTE; t += MINUTE) {
      const tk = ticker(seed, inst, t);
      const entered = records(seed, inst, t, 1, 2); // the bar just completed and the one in progress
      const left = records(seed, inst, t - 1439 * MINUTE - 30_001, 1, 1)[0]; // at its last millisecond
      assert.equal(left[0] * 1000, Math.floor(t / MINUTE) * MINUTE - 1440 * MINUTE);
      const [high, low] = [new Dec(tk.high), new Dec(tk.low)];
      if (high.gt(prev.high)) {
        moves.highRose++;
        assert.ok(
          entered.some((b) => high.eq(b[2])),
          `at ${t}: the high rose to ${tk.high}, no bar of the last minute's`,
        );
      } else if (high.lt(prev.high)) {
        moves.highFell++;
        same(
          left[2],
          prev.high,
          `at ${t}: the high fell from ${prev.high}, though its bar is still in the window`,
        );
      }
      if (low.lt(prev.low)) {
        moves.lowFell++;
        assert.ok(
          entered.some((b) => low.eq(b[3])),
          `at ${t}: the low fell to ${tk.low}, no bar of the last minute's`,
        );
      } else if (low.gt(prev.low)) {
        moves.lowRose++;
        same(
          left[3],
          prev.low,
          `at ${t}: the low rose from ${prev.low}, though its bar is still in the window`,
        );
      }
      // The volume moves as minutes pass: one bar's volume comes, another's goes.
      assert.notEqual(tk.vol, prev.vol, `at ${t}: the volume did not change over a minute`);
      prev = tk;
    }
    for (const [move, n] of Object.entries(moves))
      assert.ok(n > 0, `over this day, no ${move}: ${JSON.stringify(moves)}`);
  });

  test("within a minute the volume grows with each trade (every 2 s)", () => {
    const inst = SIM_INSTRUMENTS[1];
    const m = Math.floor(T0 / MINUTE) * MINUTE;
    let prev = new Dec(ticker(3, inst, m).vol);
    for (let t = m + 2_000; t < m + MINUTE; t += 2_000) {
      const vol = new Dec(ticker(3, inst, t).vol);
      assert.ok(vol.gt(prev), `at ${t}: ${vol.toFixed()} after ${prev.toFixed()}`);
      same(ticker(3, inst, t + 1_999).vol, vol.toFixed(), `at ${t + 1_999}: no trade since ${t}`);
      prev = vol;
    }
  });

  test("remembered answers are the answers: the same ticker asked again, after other times and seeds", () => {
    const inst = SIM_INSTRUMENTS[0];
    const t = T0 + 5 * MINUTE + 123;
    const first = ticker(7, inst, t);
    for (const at of [t + 1, t + MINUTE, t + DAY, t - DAY]) ticker(7, inst, at);
    assert.deepEqual(ticker(7, inst, t), first);
    assert.deepEqual({ ...ticker(7, inst, t + 500), time: t }, first, "the same second is the same ticker");
    assert.notDeepEqual(ticker(8, inst, t), first, "another seed is another market, not a remembered one");
  });

  test("the hash gives the values it always gave (the same seed shows the same market)", () => {
    assert.equal(hashInts(), 2654435769);
    assert.equal(hashInts(1, 2, 3, 4), 2266689535);
    assert.equal(hashInts(1, 1_700_000_000_000), 845204565);
    assert.equal(hashInts(4_294_967_295, 12345, 7, 1_700_000_000_123), 3303413078);
    assert.equal(unit(1, 2, 3, 4), 2266689535 / 2 ** 32);
  });
});
