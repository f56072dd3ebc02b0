/**
 * FMZ symbols ↔ ccxt markets. `BTC_USDT` ↔ `BTC/USDT`; `BTC_USDT.swap` ↔ `BTC/USDT:USDT` (linear);
 * `BTC_USD.swap` ↔ `BTC/USD:BTC` (inverse); `BTC_USDT.quarter` ↔ the dated future that is the current
 * quarter, resolved from the loaded markets by expiry. Pure functions of the markets, for unit tests.
 */
import {
  BadRequestError,
  CONTRACT_TYPES,
  type ContractType,
  type FmzSymbol,
  type InstrumentSymbol,
} from "@fmz-gateway/core";
import type { CcxtMarket } from "./ccxt-lib";
import type { MountMarket } from "./options";

const DAY = 86_400_000;

type Kind = "spot" | "swap" | "future";

interface MarketIndex {
  /** `BASE_QUOTE|kind` (upper case) → markets of that kind for the pair. */
  readonly byPair: Map<string, CcxtMarket[]>;
}

const indexes = new WeakMap<object, MarketIndex>();

function kindOf(m: CcxtMarket): Kind | undefined {
  if (m.spot || m.type === "spot") return "spot";
  if (m.swap || m.type === "swap") return "swap";
  if (m.future || m.type === "future") return "future";
  return undefined;
}

function pairKey(base: string, quote: string, kind: Kind): string {
  return `${base.toUpperCase()}_${quote.toUpperCase()}|${kind}`;
}

function indexOf(markets: Record<string, CcxtMarket>): MarketIndex {
  let idx = indexes.get(markets);
  if (!idx) {
    const byPair = new Map<string, CcxtMarket[]>();
    for (const m of Object.values(markets)) {
      const kind = kindOf(m);
      if (!kind || !m.base || !m.quote) continue;
      const key = pairKey(m.base, m.quote, kind);
      const list = byPair.get(key);
      if (list) list.push(m);
      else byPair.set(key, [m]);
    }
    idx = { byPair };
    indexes.set(markets, idx);
  }
  return idx;
}

/** Prefers a contract settled in the quote (linear), then in the base (inverse). */
function bySettlePreference(list: readonly CcxtMarket[], base: string, quote: string): CcxtMarket[] {
  const rank = (m: CcxtMarket) => {
    const s = (m.settle ?? "").toUpperCase();
    return s === quote ? 0 : s === base ? 1 : 2;
  };
  return [...list].filter((m) => rank(m) < 2).sort((a, b) => rank(a) - rank(b));
}

/** `ctx` to name the exchange in errors. */
export interface SymbolContext {
  readonly exchangeId: string;
  /** What a bare pair means on this mount. */
  readonly mountMarket: MountMarket;
  readonly now?: number;
}

/** The ccxt market an FMZ instrument names, or a bad request saying what was looked for. */
export function resolveInstrument(
  markets: Record<string, CcxtMarket>,
  symbol: InstrumentSymbol,
  ctx: SymbolContext,
): CcxtMarket {
  const { base, quote } = symbol;
  const idx = indexOf(markets);
  const contract = symbol.contract ?? (ctx.mountMarket === "spot" ? undefined : ctx.mountMarket);
  if (contract === undefined) {
    const m = idx.byPair.get(pairKey(base, quote, "spot"))?.[0];
    if (!m) throw unknown(symbol, ctx, `${base}/${quote}`);
    return m;
  }
  if (contract === "future") {
    throw new BadRequestError(
      `${symbol.text} on a futures mount needs a contract code: ${base}_${quote}.this_week, .next_week, .quarter or .next_quarter (or .swap)`,
    );
  }
  if (contract === "swap") {
    const m = bySettlePreference(idx.byPair.get(pairKey(base, quote, "swap")) ?? [], base, quote)[0];
    if (!m) throw unknown(symbol, ctx, `${base}/${quote}:${quote} or ${base}/${quote}:${base}`);
    return m;
  }
  const futures = bySettlePreference(idx.byPair.get(pairKey(base, quote, "future")) ?? [], base, quote);
  const settle = futures[0]?.settle;
  const group = futures.filter((m) => m.settle === settle);
  const m = classifyExpiries(group, ctx.now ?? Date.now()).get(contract);
  if (!m) {
    throw new BadRequestError(
      `${ctx.exchangeId} has no ${contract} contract for ${base}/${quote}` +
        (group.length
          ? ` (dated futures listed: ${group.map((g) => g.symbol).join(", ")})`
          : " (no dated futures for that pair)"),
    );
  }
  return m;
}

function unknown(symbol: InstrumentSymbol, ctx: SymbolContext, looked: string): BadRequestError {
  return new BadRequestError(`unknown symbol "${symbol.text}" on ${ctx.exchangeId}: no market ${looked}`);
}

/**
 * Names the dated futures of one pair and settlement with FMZ's contract codes. An exchange that labels
 * its contracts itself (OKX's `alias`) is taken at its word; otherwise by expiry: `this_week` expires
 * within 7 days, `next_week` within 14, `quarter` and `next_quarter` are the next two expiries in March,
 * June, September or December not already named.
 */
export function classifyExpiries(group: readonly CcxtMarket[], now: number): Map<ContractType, CcxtMarket> {
  const out = new Map<ContractType, CcxtMarket>();
  const live = group
    .filter((m) => typeof m.expiry === "number" && m.expiry > now)
    .sort((a, b) => (a.expiry ?? 0) - (b.expiry ?? 0));
  const aliased = live.filter((m) => isContractType(aliasOf(m)));
  if (aliased.length > 0) {
    for (const m of aliased) {
      const code = aliasOf(m) as ContractType;
      if (!out.has(code)) out.set(code, m);
    }
    return out;
  }
  const thisWeek = live.find((m) => (m.expiry ?? 0) - now <= 7 * DAY);
  const nextWeek = live.find((m) => (m.expiry ?? 0) - now > 7 * DAY && (m.expiry ?? 0) - now <= 14 * DAY);
  if (thisWeek) out.set("this_week", thisWeek);
  if (nextWeek) out.set("next_week", nextWeek);
  const quarterly = live.filter(
    (m) => m !== thisWeek && m !== nextWeek && new Date(m.expiry ?? 0).getUTCMonth() % 3 === 2,
  );
  if (quarterly[0]) out.set("quarter", quarterly[0]);
  if (quarterly[1]) out.set("next_quarter", quarterly[1]);
  return out;
}

function aliasOf(m: CcxtMarket): unknown {
  const info: unknown = m.info;
  return info && typeof info === "object" ? (info as Record<string, unknown>).alias : undefined;
}

function isContractType(v: unknown): v is ContractType {
  return typeof v === "string" && (CONTRACT_TYPES as readonly string[]).includes(v);
}

/**
 * The FMZ symbol of a ccxt market: `BTC_USDT`, `BTC_USDT.swap`, `BTC_USD.swap`, `BTC_USDT.quarter`.
 * Undefined for markets FMZ has no name for (options, quanto contracts, dated futures past next quarter).
 */
export function fmzSymbolOf(
  markets: Record<string, CcxtMarket>,
  m: CcxtMarket,
  now = Date.now(),
): string | undefined {
  const kind = kindOf(m);
  if (!kind || !m.base || !m.quote) return undefined;
  const pair = `${m.base.toUpperCase()}_${m.quote.toUpperCase()}`;
  if (kind === "spot") return pair;
  const settle = (m.settle ?? "").toUpperCase();
  if (settle !== m.quote.toUpperCase() && settle !== m.base.toUpperCase()) return undefined;
  if (kind === "swap") return `${pair}.swap`;
  const group = (indexOf(markets).byPair.get(pairKey(m.base, m.quote, "future")) ?? []).filter(
    (g) => g.settle === m.settle,
  );
  for (const [code, g] of classifyExpiries(group, now)) if (g.symbol === m.symbol) return `${pair}.${code}`;
  return undefined;
}

/** The FMZ symbol of a market, falling back to ccxt's own symbol where FMZ has no name for it. */
export function displaySymbol(markets: Record<string, CcxtMarket>, m: CcxtMarket): string {
  return fmzSymbolOf(markets, m) ?? m.symbol;
}

/** FMZ's `contract_type` of a market: `swap`, `quarter` … (undefined on spot). */
export function contractTypeOf(markets: Record<string, CcxtMarket>, m: CcxtMarket): string | undefined {
  if (kindOf(m) === "spot") return undefined;
  const text = fmzSymbolOf(markets, m);
  const dot = text?.indexOf(".") ?? -1;
  return text && dot > 0 ? text.slice(dot + 1) : kindOf(m);
}

/** Whether a market belongs to what an FMZ symbol names: the instrument itself, or a range (`USDT.swap`). */
export function matchesSymbol(
  markets: Record<string, CcxtMarket>,
  m: CcxtMarket,
  symbol: FmzSymbol,
  ctx: SymbolContext,
): boolean {
  if (symbol.kind === "instrument") {
    try {
      return resolveInstrument(markets, symbol, ctx).symbol === m.symbol;
    } catch {
      return false;
    }
  }
  const kind = kindOf(m);
  const wantKind: Kind = symbol.market === "swap" ? "swap" : "future";
  // `USDT.swap` is every USDT-quoted (linear) swap; `USD.swap` every coin-margined (inverse) one.
  return kind === wantKind && (m.quote ?? "").toUpperCase() === symbol.quote;
}

/** The ccxt market type a range names (`USDT.swap` → swap, `USD.futures` → future). */
export function rangeKind(symbol: FmzSymbol): Kind | undefined {
  if (symbol.kind === "range") return symbol.market === "swap" ? "swap" : "future";
  return undefined;
}

/**
 * ccxt params for a call over a range: the market type and the sub-type. `USD.swap` is the
 * coin-margined (inverse) contracts, every other quote the linear ones; without the sub-type ccxt asks
 * its default (linear) API, so Binance's coin-margined positions would never show up.
 */
export function rangeParams(symbol: FmzSymbol): Record<string, unknown> {
  const kind = rangeKind(symbol);
  if (!kind || symbol.kind !== "range") return {};
  return { type: kind, subType: symbol.quote.toUpperCase() === "USD" ? "inverse" : "linear" };
}

export { kindOf as marketKind };
