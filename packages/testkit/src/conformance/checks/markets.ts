import { type Markets, parseSymbol } from "@fmz-gateway/core";
import { Problems, num } from "./values";

/** An FMZ instrument symbol: `BASE_QUOTE` or `BASE_QUOTE.contract`. */
export const FMZ_SYMBOL =
  /^[A-Z0-9]+_[A-Z0-9]+(\.(swap|this_week|next_week|this_month|next_month|quarter|next_quarter))?$/;

/**
 * `markets`: keyed by FMZ symbols (`BASE_QUOTE`, `BASE_QUOTE.contract`), each entry's own symbol equal to
 * its key, positive tick and lot sizes, and the instrument under test among them (a bare pair may be
 * listed under the mount's contract, e.g. `BTC_USDT.swap`).
 */
export function checkMarkets(markets: Markets, symbol: string): string[] {
  const p = new Problems();
  const keys = Object.keys(markets);
  p.check(keys.length > 0, "markets answered no instruments");
  for (const key of keys) {
    const m = markets[key];
    if (!FMZ_SYMBOL.test(key)) {
      p.add(`key "${key}" is not an FMZ symbol (BASE_QUOTE or BASE_QUOTE.contract)`);
      continue;
    }
    p.check(m.symbol === key, `markets["${key}"].symbol is "${m.symbol}", not its key`);
    p.check(num(m.tickSize) > 0, `markets["${key}"].tickSize ${String(m.tickSize)} is not positive`);
    p.check(num(m.amountSize) > 0, `markets["${key}"].amountSize ${String(m.amountSize)} is not positive`);
    if (p.list.length >= 3) break;
  }
  const wanted = parseSymbol(symbol).text;
  p.check(
    keys.includes(wanted) || keys.some((k) => k.startsWith(`${wanted}.`)),
    `markets does not list ${wanted}`,
  );
  return p.list;
}
