import assert from "node:assert/strict";
import { test } from "node:test";
import { TtlCache } from "./ttl-cache";

test("concurrent callers of a missing key share one load", async () => {
  const cache = new TtlCache<string, number>({ ttlMs: 60_000 });
  let loads = 0;
  // The load stays pending until all three callers have asked, so they are certainly concurrent.
  let finish: (value: number) => void = () => undefined;
  const pending = new Promise<number>((resolve) => (finish = resolve));
  const load = () => {
    loads++;
    return pending;
  };
  const asked = Promise.all([cache.get("k", load), cache.get("k", load), cache.get("k", load)]);
  finish(42);
  const values = await asked;
  assert.deepEqual(values, [42, 42, 42]);
  assert.equal(loads, 1);
  assert.equal(await cache.get("k", load), 42);
  assert.equal(loads, 1);
});

test("a failed load is not cached; an expired entry is loaded again", async () => {
  const cache = new TtlCache<string, number>({ ttlMs: 0 });
  await assert.rejects(
    cache.get("k", () => Promise.reject(new Error("boom"))),
    /boom/,
  );
  assert.equal(await cache.get("k", async () => 1), 1);
  assert.equal(await cache.get("k", async () => 2), 2);
});

test("the cache is bounded: the oldest entry goes first", () => {
  const cache = new TtlCache<number, number>({ ttlMs: 60_000, maxEntries: 3 });
  for (let i = 0; i < 5; i++) cache.set(i, i);
  assert.equal(cache.size, 3);
  assert.equal(cache.peek(0), undefined);
  assert.equal(cache.peek(4), 4);
});
