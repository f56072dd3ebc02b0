// Waiting in tests on something that happens asynchronously (a push landing, a stream going live).

/** Polls until `cond` holds; throws after `ms` (a bound on waiting, never an assertion about speed). */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  ms = 8000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
