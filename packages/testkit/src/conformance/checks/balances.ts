import type { Balance } from "@fmz-gateway/core";
import { Problems, num } from "./values";

/** `accounts` and `assets`: upper-case currency codes, free and frozen never negative. */
export function checkBalances(list: Balance[]): string[] {
  const p = new Problems();
  list.forEach((b, i) => {
    p.check(
      b.currency !== "" && b.currency === b.currency.toUpperCase(),
      `data[${i}].currency "${b.currency}" is not an upper-case currency code`,
    );
    p.check(
      num(b.free) >= 0 && num(b.frozen) >= 0,
      `data[${i}] (${b.currency}) has a negative free or frozen`,
    );
  });
  return p.list.slice(0, 3);
}
