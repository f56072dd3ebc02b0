/**
 * Bounds on the shape of a request body, checked right after it parses and before anything runs. An FMZ
 * call is a flat envelope whose deepest part (an IO body, a batch of orders) is a few levels deep; a
 * body nested thousands of levels deep or holding a hundred thousand keys is an attack, and would
 * overflow or stall whatever walks it later (the recorder, the redactor, an adapter).
 */
export const MAX_BODY_DEPTH = 32;
export const MAX_BODY_VALUES = 10_000;

/** Why `value` is refused, or undefined when its shape is within bounds. Iterative: no stack to overflow. */
export function bodyShapeRefusal(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const stack: { v: object; depth: number }[] = [{ v: value, depth: 1 }];
  let count = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) {
      return `request body nested too deeply (more than ${MAX_BODY_DEPTH} levels of objects and arrays)`;
    }
    const children = Array.isArray(v) ? v : Object.values(v);
    count += children.length;
    if (count > MAX_BODY_VALUES) {
      return `request body has too many fields (more than ${MAX_BODY_VALUES.toLocaleString("en-US")} values in all)`;
    }
    for (const c of children) if (c !== null && typeof c === "object") stack.push({ v: c, depth: depth + 1 });
  }
  return undefined;
}
