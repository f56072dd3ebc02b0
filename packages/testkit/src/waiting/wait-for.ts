// Waiting in tests for something that happens asynchronously (a line on disk, an order at the stand-in,
// a stream going live), instead of sleeping a fixed time and hoping it happened. Published with the
// testkit (not under test-support/, which is left out of the package) so adapter authors' tests can use it.

/** How long `waitFor` waits when not told: a bound on waiting, never an assertion about speed. */
export const WAIT_FOR_DEFAULT_TIMEOUT_MS = 10_000;
/** The pause between two looks: short, so a wait ends soon after its condition holds. */
export const WAIT_FOR_INTERVAL_MS = 10;

export interface WaitForOptions {
  /** What is awaited, in words: the timeout message names it ("the recording's 3 lines"). */
  what: string;
  /** Give up after this long (default `WAIT_FOR_DEFAULT_TIMEOUT_MS`). Generous: a slow machine still passes. */
  timeoutMs?: number;
}

/**
 * Calls `predicate` until it returns a truthy value, and resolves to that value (so a wait can hand back
 * what it found). Looks once more at the deadline, then rejects with an error naming `what`. An error the
 * predicate throws is not a "not yet": it ends the wait at once.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  options: WaitForOptions,
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? WAIT_FOR_DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const expired = Date.now() >= deadline;
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (expired) throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_INTERVAL_MS));
  }
}
