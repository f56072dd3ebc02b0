/**
 * What a ccxt private stream holds: records of the gateway's own shape, copied out of ccxt's unified
 * structures (a watch result or a REST answer). ccxt's pro caches are not the held state: its order cache
 * evicts past `ordersLimit` (open orders too), its position cache keeps closed positions and its balance
 * is merged across pushes and reconnects. Each record carries only the fields the FMZ answers are built
 * from (the same mapping code as the REST path: `toFmzOrder`, `toBalance`, `toPosition`) and the
 * exchange's time of its last change.
 */
import { Dec, type PrivateTraits } from "@fmz-gateway/core";
import type * as ccxt from "ccxt";

/** The unified order fields `toFmzOrder` and the order lists read. */
export type OrderFields = Pick<
  ccxt.Order,
  | "id"
  | "symbol"
  | "side"
  | "type"
  | "status"
  | "amount"
  | "filled"
  | "price"
  | "average"
  | "cost"
  | "reduceOnly"
>;

export interface CcxtOrderRecord extends OrderFields {
  readonly id: string;
  /** ccxt's `timestamp` (placement): orders lists are newest first by it. */
  readonly timestamp: number;
  /** The exchange's time of the last change: `lastUpdateTimestamp ?? timestamp` (0 when neither). */
  readonly time: number;
  /** The exchange's own row (`ctx.setRaw`), as ccxt parsed it. */
  readonly info: unknown;
}

/** A currency's balance as `toBalance` reads it. */
export interface BalanceFields {
  readonly free?: number | string | null;
  readonly used?: number | string | null;
  readonly total?: number | string | null;
}

export interface CcxtBalanceRecord extends BalanceFields {
  readonly currency: string;
  /** The balance's `timestamp` (the push's or the REST answer's), 0 when the exchange gives none. */
  readonly time: number;
}

/** The unified position fields `toPosition` reads. */
export type PositionFields = Pick<
  ccxt.Position,
  | "symbol"
  | "side"
  | "contracts"
  | "entryPrice"
  | "leverage"
  | "unrealizedPnl"
  | "initialMargin"
  | "collateral"
  | "marginMode"
  | "hedged"
>;

export interface CcxtPositionRecord extends PositionFields {
  readonly time: number;
}

export interface CcxtPrivateRecords {
  orders: CcxtOrderRecord;
  balances: CcxtBalanceRecord;
  positions: CcxtPositionRecord;
}

function int(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/** A copy of the fields of one unified order. */
export function orderRecord(o: ccxt.Order): CcxtOrderRecord {
  const timestamp = int(o.timestamp);
  return {
    id: String(o.id),
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    status: o.status,
    amount: o.amount,
    filled: o.filled,
    price: o.price,
    average: o.average,
    cost: o.cost,
    reduceOnly: o.reduceOnly,
    timestamp,
    time: int(o.lastUpdateTimestamp) || timestamp,
    info: o.info as unknown,
  };
}

/** ccxt's balance keys that are not currencies. */
const NOT_CURRENCIES = new Set(["info", "free", "used", "total", "debt", "timestamp", "datetime"]);

/** One record per currency of a unified balance, each at the balance's time. */
export function balanceRecords(b: ccxt.Balances): CcxtBalanceRecord[] {
  const time = int(b.timestamp);
  const out: CcxtBalanceRecord[] = [];
  for (const [currency, value] of Object.entries(b)) {
    if (NOT_CURRENCIES.has(currency) || !value || typeof value !== "object") continue;
    const acc = value as ccxt.BalanceAccount;
    out.push({ currency, free: acc.free, used: acc.used, total: acc.total, time });
  }
  return out;
}

/** A copy of the fields of one unified position. */
export function positionRecord(p: ccxt.Position): CcxtPositionRecord {
  return {
    symbol: p.symbol,
    side: p.side,
    contracts: p.contracts,
    entryPrice: p.entryPrice,
    leverage: p.leverage,
    unrealizedPnl: p.unrealizedPnl,
    initialMargin: p.initialMargin,
    collateral: p.collateral,
    marginMode: p.marginMode,
    hedged: p.hedged,
    time: int(p.lastUpdateTimestamp) || int(p.timestamp),
  };
}

/** A ccxt number or numeric string compared by value; absent or unreadable is 0. */
export function numText(v: unknown): string {
  if (typeof v !== "number" && typeof v !== "string") return "0";
  try {
    const d = new Dec(v);
    return d.isZero() ? "0" : d.toFixed();
  } catch {
    return "0";
  }
}

const FINISHED = new Set(["closed", "canceled", "cancelled", "expired", "rejected"]);

/**
 * The position's key: one per symbol and margin mode in one-way mode (`hedged` false: a net position that
 * flips from long to short is the same position), one per side in hedge mode or where ccxt does not say.
 */
export function positionKey(p: PositionFields): string {
  const side = p.hedged === false ? "net" : (p.side ?? "");
  return `${p.symbol ?? ""}|${p.marginMode ?? ""}|${side}`;
}

/**
 * How the core facility reads the records. Fingerprints hold what the FMZ answers are built from, minus
 * what moves with the market alone (a position's unrealized profit, a cross position's margin, a balance's
 * total equity): exchanges push those only now and then, so comparing them would report differences no
 * push ever missed.
 */
export const CCXT_PRIVATE_TRAITS: PrivateTraits<CcxtPrivateRecords> = {
  orders: {
    key: (o) => o.id,
    time: (o) => o.time,
    closed: (o) => FINISHED.has(o.status ?? ""),
    filled: (o) => numText(o.filled) !== "0",
    fingerprint: (o) =>
      `${o.status ?? "?"} filled ${numText(o.filled)} at ${numText(o.average)} of ${numText(o.amount)} ` +
      `px ${numText(o.price)}`,
  },
  balances: {
    key: (b) => b.currency,
    time: (b) => b.time,
    closed: (b) => numText(b.free) === "0" && numText(b.used) === "0" && numText(b.total) === "0",
    fingerprint: (b) => `free ${numText(b.free)} used ${numText(b.used)}`,
  },
  positions: {
    key: positionKey,
    time: (p) => p.time,
    closed: (p) => numText(p.contracts) === "0",
    fingerprint: (p) =>
      `${p.side ?? "?"} ${numText(p.contracts)} at ${numText(p.entryPrice)} ${p.marginMode ?? ""} ` +
      `${numText(p.leverage)}x${p.marginMode === "isolated" ? ` margin ${numText(p.initialMargin ?? p.collateral)}` : ""}`,
  },
};
