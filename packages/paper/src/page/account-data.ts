import type { Order, Position } from "@fmz-gateway/core";
import type { PaperEngine } from "../engine/paper-engine";
import { orderView } from "../engine/views";
import type { EquityPoint, EquityRows } from "../store/equity-rows";
import { type FillView, recentFills } from "./recent-fills";
import { Prices, valueAccount } from "./valuation";

/** What the page shows at most: accounts (the newest), fills and equity points per account, orders. */
export const LIMITS = { accounts: 200, fills: 50, points: 2_000, orders: 200 } as const;

/** `data.json`: the mount's paper accounts, each named only by its label. */
export interface PageData {
  mount: string;
  market: "spot" | "swap";
  /** `simulated` or the source mount's name. */
  source: string;
  /** The currency equity is valued in: the first of the mount's `balances`. */
  currency: string;
  /** The source's clock (ms). */
  now: number;
  accounts: AccountData[];
  /** Older accounts not shown (beyond `LIMITS.accounts`). */
  accountsLeftOut: number;
}

export interface AccountData {
  /** `key:` + 8 hex of the Access Key's hash, or `account #<id>` for an account not seen since labels. */
  label: string;
  created: number;
  balances: { currency: string; free: string; frozen: string }[];
  positions: Position[];
  orders: Order[];
  ordersLeftOut: number;
  /** Newest first. */
  fills: FillView[];
  equity: {
    /** Oldest first; the last is the value now. */
    points: EquityPoint[];
    /** What the value leaves out, for want of a price in `currency`. */
    leftOut: string[];
  };
}

/** The mount's main currency: the first of its starting balances. */
export function mainCurrency(engine: PaperEngine): string {
  return Object.keys(engine.ctx.options.balances)[0] ?? "USDT";
}

/**
 * The accounts the page shows (and the sampler follows): the newest `LIMITS.accounts`, oldest first,
 * and how many older ones are not.
 */
export function shownAccounts(engine: PaperEngine): {
  shown: { id: number; label: string; created: number }[];
  leftOut: number;
} {
  const all = engine.ctx.store.accounts();
  const shown = all.slice(-LIMITS.accounts);
  return {
    shown: shown.map((a) => ({ id: a.id, label: a.label ?? `account #${a.id}`, created: a.created_at })),
    leftOut: all.length - shown.length,
  };
}

/**
 * The page's data, made for each request. Only the label names an account: never its key hash, never
 * anything of the Access Key. Each account's equity ends with its value now.
 */
export async function pageData(engine: PaperEngine, equity: EquityRows): Promise<PageData> {
  const { store, source, options, exchange } = engine.ctx;
  const { shown, leftOut } = shownAccounts(engine);
  const prices = new Prices(engine, mainCurrency(engine));
  const now = source.now();
  const accounts: AccountData[] = [];
  for (const a of shown) {
    const valued = await valueAccount(engine, a.id, prices);
    const open = store.openOrders(a.id);
    accounts.push({
      label: a.label,
      created: a.created,
      balances: store.balances(a.id).map((b) => ({ currency: b.currency, free: b.free, frozen: b.frozen })),
      positions: valued.positions,
      orders: open.slice(0, LIMITS.orders).map(orderView),
      ordersLeftOut: Math.max(0, open.length - LIMITS.orders),
      fills: recentFills(store.db, a.id, LIMITS.fills),
      equity: {
        points: [...equity.series(a.id, LIMITS.points - 1), { time: now, value: valued.value.toFixed() }],
        leftOut: valued.leftOut,
      },
    });
  }
  return {
    mount: exchange,
    market: options.market,
    source: source.name,
    currency: prices.main,
    now,
    accounts,
    accountsLeftOut: leftOut,
  };
}
