import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bookChecksum, checksumString } from "./checksum";

const lv = (px: string, sz: string) => ({ px, sz });

describe("OKX book checksum (reference okx-ws.md §4.3)", () => {
  it("interleaves bid and ask levels and gives the signed CRC32 of the docs' first example", () => {
    const bids = [lv("3366.1", "7"), lv("3366", "6")];
    const asks = [lv("3366.8", "9"), lv("3368", "8")];
    assert.equal(checksumString(bids, asks), "3366.1:7:3366.8:9:3366:6:3368:8");
    assert.equal(bookChecksum(bids, asks), -1881014294);
  });

  it("skips the missing levels of a shorter side (the docs' second example)", () => {
    const bids = [lv("3366.1", "7")];
    const asks = [lv("3366.8", "9"), lv("3368", "8"), lv("3372", "8")];
    assert.equal(checksumString(bids, asks), "3366.1:7:3366.8:9:3368:8:3372:8");
    assert.equal(bookChecksum(bids, asks), 831078360);
  });

  it("uses only the first 25 levels of each side", () => {
    const side = (base: number) => Array.from({ length: 30 }, (_, i) => lv(String(base + i), "1"));
    const s = checksumString(side(100), side(200));
    assert.equal(s.split(":").length, 25 * 2 * 2);
    assert.ok(s.endsWith("124:1:224:1"));
  });
});
