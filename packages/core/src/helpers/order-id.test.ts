import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_ORDER_ID_LENGTH, newClientOrderId, packOrderId, unpackOrderId } from "./order-id";

test("order ids carry the instrument and the exchange's id", () => {
  const id = packOrderId("ETH-USDT", "1547130415509278720");
  assert.equal(id, "ETH-USDT,1547130415509278720");
  assert.deepEqual(unpackOrderId(id), { instrument: "ETH-USDT", orderId: "1547130415509278720" });
});

test("an id without both parts is a bad request", () => {
  for (const bad of ["1547130415509278720", ",123", "ETH-USDT,", "", 12345, undefined]) {
    assert.throws(() => unpackOrderId(bad), /invalid order id/);
  }
});

test("an id longer than any adapter makes is refused before any look-up, without echoing it whole", () => {
  const long = `${"A".repeat(100_000)},1`;
  assert.throws(
    () => unpackOrderId(long),
    (err: Error) =>
      /invalid order id .*\(100002 characters\): at most 200/.test(err.message) && err.message.length < 200,
  );
  const longest = `${"B".repeat(MAX_ORDER_ID_LENGTH - 2)},1`;
  assert.deepEqual(unpackOrderId(longest), { instrument: "B".repeat(MAX_ORDER_ID_LENGTH - 2), orderId: "1" });
});

test("client order ids are alphanumeric, bounded and unique", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const id = newClientOrderId("fmz", 32);
    assert.match(id, /^[a-z0-9]{1,32}$/);
    seen.add(id);
  }
  assert.equal(seen.size, 5000);
  assert.equal(newClientOrderId("x", 16).length, 16);
});
