// Core's own tests wait on a condition with this. It is the testkit's `waitFor` (same signature, same
// message), copied because the testkit depends on core: core's tests cannot import it without a cycle in
// the build. Left out of the published package, as test-support/ always is.

export interface WaitForOptions {
  /** What is awaited, in words: the timeout message names it. */
  what: string;
  /** Give up after this long (default 10 000 ms): a bound on waiting, never an assertion about speed. */
  timeoutMs?: number;
}

/** Polls `predicate` until it returns a truthy value and resolves to it; on timeout fails naming `what`. */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  options: WaitForOptions,
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const expired = Date.now() >= deadline;
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (expired) throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
