// The reply types accept the ways an adapter naturally builds a tuple (a depth level, a bar) and still
// refuse a wrong one. Checked by the compiler: each line fails the build (noEmitOnError) if the derived
// type says otherwise; the assertions only keep the values used.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResultOf } from "./method-table";
import type { Bar, Depth, DepthLevel } from "./reply-types";

describe("reply tuples are easy to satisfy and still exact", () => {
  it("a depth level: a literal, `as const`, a readonly field, a typed mapper", () => {
    const rows = [["60000.1", "2"]];
    const literal: DepthLevel = [60000.1, 2];
    const asConst = [60000.1, 2] as const;
    const held: { readonly asks: readonly DepthLevel[] } = { asks: [asConst] };
    const inline: Depth = { time: 1, asks: rows.map((r) => [Number(r[0]), Number(r[1])] as const), bids: [] };
    const mapped: ResultOf<"getDepth"> = {
      time: 1,
      asks: rows.map((r): DepthLevel => [Number(r[0]), Number(r[1])]),
      bids: [...held.asks, literal],
    };
    const bar: Bar = [1, 1, 2, 0.5, 1.5, 10] as const;
    assert.equal([literal, inline, mapped, bar].length, 4);
  });

  it("a wrong shape is refused", () => {
    // @ts-expect-error a level is exactly [price, amount]
    const short: DepthLevel = [1];
    // @ts-expect-error a level is exactly [price, amount]
    const long: DepthLevel = [1, 2, 3];
    // @ts-expect-error prices are numbers in a reply (text only between mounts)
    const text: DepthLevel = ["1", "2"];
    // @ts-expect-error an untyped `number[]` may have any length: type the mapper's result `DepthLevel`
    const untyped: DepthLevel[] = [[1, 2]].map((l) => [l[0], l[1]]).filter(Boolean);
    assert.equal([short, long, text, untyped].length, 4);
  });
});
