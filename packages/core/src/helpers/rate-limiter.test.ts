import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimitedError, TimeoutError } from "../errors/gateway-errors";
import { MemoryRateLimitStore, type RateLimitStore, type SlotRequest } from "./rate-limit-store";
import { RateLimiter } from "./rate-limiter";

const rule = { capacity: 20, intervalMs: 2000 };

test("a burst up to capacity goes at once; the next waits until the first leaves the window", () => {
  const limiter = new RateLimiter({ exchange: "X", maxWaitMs: 60_000 });
  const now = 1_000_000;
  const waits = Array.from({ length: 25 }, () => limiter.reserve("ticker", rule, now));
  assert.deepEqual(waits.slice(0, 20), Array(20).fill(0));
  assert.deepEqual(waits.slice(20), [2000, 2000, 2000, 2000, 2000]);
  assert.equal(limiter.reserve("ticker", rule, now + 2000), 0);
});

test("within any window no more than capacity calls are let through", () => {
  const limiter = new RateLimiter({ exchange: "X", maxWaitMs: 1e9 });
  const starts: number[] = [];
  for (let i = 0; i < 200; i++) {
    const now = 5_000 + i * 7; // callers arriving every 7 ms, faster than 20 per 2 s allows
    starts.push(now + limiter.reserve("k", rule, now));
  }
  starts.sort((a, b) => a - b);
  for (let i = 0; i + rule.capacity < starts.length; i++) {
    assert.ok(starts[i + rule.capacity] - starts[i] >= rule.intervalMs - 1e-9, `window at ${i}`);
  }
});

test("keys are independent, and a wait past maxWaitMs fails fast as rate limited", () => {
  const limiter = new RateLimiter({ exchange: "OKX", maxWaitMs: 250 });
  for (let i = 0; i < 20; i++) limiter.reserve("a", rule, i * 100);
  assert.equal(limiter.reserve("b", rule, 1900), 0);
  assert.equal(limiter.reserve("a", rule, 1900), 100);
  assert.equal(limiter.reserve("a", rule, 1900), 200);
  assert.throws(
    () => limiter.reserve("a", rule, 1900),
    (err: unknown) => {
      assert.ok(err instanceof RateLimitedError);
      assert.match(err.message, /^OKX rate-limit: gateway limiter: more than 20 requests per 2000 ms/);
      return true;
    },
  );
});

test("acquire waits for its slot and stops waiting when the call is aborted", async () => {
  const limiter = new RateLimiter({ exchange: "X", maxWaitMs: 120_000 });
  const tight = { capacity: 1, intervalMs: 60_000 };
  await limiter.acquire("k", tight);
  const controller = new AbortController();
  const waiting = limiter.acquire("k", tight, controller.signal);
  controller.abort();
  await assert.rejects(waiting, TimeoutError);
});

test("idle buckets are forgotten, so memory follows active keys", () => {
  const store = new MemoryRateLimitStore();
  const limiter = new RateLimiter({ exchange: "X", store });
  for (let i = 0; i < 10_001; i++) limiter.reserve(`key${i}`, rule, 0);
  limiter.reserve("late", rule, 1_000_000);
  assert.equal(store.size, 1);
});

test("a margin widens every window; a slot past the call's deadline fails at once", () => {
  const limiter = new RateLimiter({ exchange: "OKX", maxWaitMs: 10_000, marginMs: 250 });
  for (let i = 0; i < 20; i++) assert.equal(limiter.reserve("k", rule, 0), 0);
  assert.equal(limiter.reserve("k", rule, 0), 2250);
  assert.throws(() => limiter.reserve("k", rule, 0, 1000), RateLimitedError);
});

test("limiters of one exchange sharing a store share its windows; another exchange's never meet them", () => {
  const store = new MemoryRateLimitStore();
  const spot = new RateLimiter({ exchange: "OKX", store });
  const swap = new RateLimiter({ exchange: "OKX", store });
  const other = new RateLimiter({ exchange: "DEMOEX", store });
  for (let i = 0; i < 20; i++) spot.reserve("ticker", rule, 0);
  assert.equal(swap.reserve("ticker", rule, 0), 2000);
  assert.equal(other.reserve("ticker", rule, 0), 0);
});

test("acquire counts in the limiter's clock, and refuses what the store will not give in time", async () => {
  let now = 50_000;
  const limiter = new RateLimiter({ exchange: "X", maxWaitMs: 1_000, now: () => now });
  const tight = { capacity: 1, intervalMs: 60_000 };
  await limiter.acquire("k", tight);
  now += 60_000;
  await limiter.acquire("k", tight);
  await assert.rejects(limiter.acquire("k", tight), /retry in 60000 ms/);
});

test("a store that answers later (shared across processes) is awaited, and its refusal is the error", async () => {
  const asked: SlotRequest[] = [];
  const later: RateLimitStore = {
    take: async (_key, slot) => {
      asked.push(slot);
      return asked.length === 1 ? slot.now : slot.latest + 1_500;
    },
  };
  const limiter = new RateLimiter({ exchange: "OKX", store: later, maxWaitMs: 500, now: () => 7_000 });
  await limiter.acquire("GET /x|key", rule);
  await assert.rejects(limiter.acquire("GET /x|key", rule), (err: unknown) => {
    assert.ok(err instanceof RateLimitedError);
    assert.match(err.message, /to GET \/x; retry in 2000 ms$/);
    return true;
  });
  assert.deepEqual(asked[0], { capacity: 20, windowMs: 2000, now: 7_000, latest: 7_500 });
  assert.throws(() => limiter.reserve("k", rule, 0), /needs a store that answers at once/);
});
