import {
  BadRequestError,
  Dec,
  type IoParams,
  NotSupportedError,
  isGatewayError,
  packOrderId,
  parseClientDecimal,
  parseDecimal,
  toNumber,
} from "@fmz-gateway/core";
import type { PaperEngine } from "./engine/paper-engine";
import { PaperError } from "./engine/paper-error";
import { balanceView } from "./engine/views";
import { MAX_LEDGER_ROWS } from "./store/ledger-rows";

/**
 * The largest single deposit: a thousand times a meme coin holding of 1e12, and still exact as the
 * JSON number (float64) `accounts` answers. Deposits within it are stored and read back unchanged.
 */
export const MAX_DEPOSIT = new Dec("1e15");
const DEPOSIT_RULE = `a deposit must be above 0 and at most ${MAX_DEPOSIT.toFixed()} (1e15)`;

/** The paper exchange's own IO routes (`exchange.IO("api", VERB, PATH, QUERY)`). */
const ROUTES = ["POST /paper/reset", "POST /paper/deposit", "GET /paper/ledger"] as const;

/**
 * `exchange.IO("api", "POST", "/paper/reset")` gives the caller's account its starting balances again
 * (orders, fills and positions forgotten; the ledger keeps a `reset` row); `exchange.IO("api", "POST",
 * "/paper/deposit", "currency=USDT&amount=500")` adds funds. Both answer the account's balances.
 * `exchange.IO("api", "GET", "/paper/ledger", "since=MS&limit=N")` answers the account's ledger.
 */
export function paperIo(engine: PaperEngine, account: number, p: IoParams): unknown {
  const ctx = engine.ctx;
  const now = ctx.source.now();
  const route = `${p.httpMethod} ${p.path}`;
  if (!(ROUTES as readonly string[]).includes(route)) {
    throw new NotSupportedError("IO", `${route} (the paper exchange offers ${ROUTES.join(", ")})`);
  }
  if (route === "GET /paper/ledger") return ledgerView(engine, account, p);
  if (route === "POST /paper/reset") {
    ctx.store.tx(() => ctx.store.reset(account, ctx.options.balances, now));
  } else {
    const code = ownParam(p, "currency");
    const currency = typeof code === "string" || typeof code === "number" ? String(code).trim() : "";
    if (!/^[A-Z0-9]{1,20}$/i.test(currency))
      throw new PaperError(ctx.exchange, "BAD_IO", "deposit needs currency=CODE (1 to 20 letters or digits)");
    const amount = depositAmount(ctx.exchange, ownParam(p, "amount"));
    ctx.store.tx(() =>
      ctx.store.fund(account, { [currency.toUpperCase()]: amount.toFixed() }, "deposit", now),
    );
  }
  return { ok: true, balances: ctx.store.balances(account).map(balanceView) };
}

/** One row of `/paper/ledger` as the strategy reads it. */
export interface LedgerEntryView {
  id: number;
  /** Milliseconds. */
  time: number;
  /** `initial`, `deposit`, `reset`, `carried`, `fill`, `funding` or `liquidation`. */
  type: string;
  /** The instrument, or null for money from outside. */
  symbol: string | null;
  currency: string;
  /** Fills and liquidations: base or contracts traded; funding: the position's contracts. */
  amount: number | null;
  price: number | null;
  /** The fee in `currency` (included in `change`). */
  fee: number | null;
  /** Realised profit in `currency` (included in `change`). */
  profit: number | null;
  /** How much the currency's balance (free + frozen) moved. */
  change: number;
  /** The currency's balance (free + frozen) after this entry. */
  balance: number | null;
  /** The order (`SYMBOL,ID`, as `trade` answered it) of a fill or liquidation. */
  orderId: string | null;
}

const DEFAULT_LEDGER_ROWS = 100;

/** `GET /paper/ledger`: the account's ledger, oldest first; `since` (ms) and `limit` (1 to 1000) optional. */
function ledgerView(engine: PaperEngine, account: number, p: IoParams): LedgerEntryView[] {
  const since = wholeParam(engine, p, "since", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const limit = wholeParam(engine, p, "limit", 1, MAX_LEDGER_ROWS) ?? DEFAULT_LEDGER_ROWS;
  const num = (x: string | null) => (x === null ? null : toNumber(x));
  return engine.ctx.store.ledgerRows(account, since, limit).map((r) => ({
    id: r.id,
    time: r.time,
    type: r.kind,
    symbol: r.symbol,
    currency: r.currency,
    amount: num(r.size),
    price: num(r.price),
    fee: num(r.fee),
    profit: num(r.pnl),
    change: toNumber(r.amount),
    balance: num(r.balance),
    orderId: r.order_id !== null && r.symbol ? packOrderId(r.symbol, String(r.order_id)) : null,
  }));
}

/** An optional whole-number query field within [min, max]; anything else is refused, naming the rule. */
function wholeParam(
  engine: PaperEngine,
  p: IoParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = ownParam(p, name);
  if (raw === undefined || raw === "") return undefined;
  const text = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : "";
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new PaperError(
      engine.ctx.exchange,
      "BAD_IO",
      `ledger ${name} must be a whole number from ${min} to ${max}`,
    );
  }
  return value;
}

/** A query field the caller sent (own properties only: `constructor` is not a field). */
function ownParam(p: IoParams, name: string): unknown {
  return Object.hasOwn(p.params, name) ? p.params[name] : undefined;
}

/**
 * The deposit's amount within `MAX_DEPOSIT`, checked on the exact text (so `1000000000000001` is over
 * the bound, not rounded into it), then with float noise past 15 digits removed like an order's.
 */
function depositAmount(exchange: string, value: unknown): Dec {
  let exact: Dec;
  try {
    exact = parseDecimal(value, "amount");
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    throw new BadRequestError(`${err.message}; ${DEPOSIT_RULE}`);
  }
  if (exact.lte(0) || exact.gt(MAX_DEPOSIT)) {
    throw new PaperError(exchange, "BAD_IO", `deposit amount ${exact.toFixed()}: ${DEPOSIT_RULE}`);
  }
  return parseClientDecimal(value, "amount");
}
