// A recorded ccxt call → the FMZ call a strategy makes for it and what the reply must then show (the
// issue's table). Pure functions of the fixture and the loaded markets.
import type { FixtureEntry } from "./fixture-files";

type Rec = Record<string, unknown>;
export type Market = Rec & { id: string; symbol: string; base: string; quote: string; settle?: string };

export interface ReplayCase {
  readonly exchange: string;
  readonly entry: FixtureEntry;
  /** The FMZ method the strategy calls. */
  readonly fmz: string;
  /** `spot` or `swap`: which of the exchange's two mounts serves the call. */
  readonly mountMarket: "spot" | "swap";
  readonly params: Rec;
  /** Why the recorded call has no FMZ equivalent (set instead of params). */
  readonly skip?: string;
}

/** The FMZ method each ccxt method serves. */
export const FMZ_OF: Readonly<Record<string, string>> = {
  fetchTicker: "ticker",
  fetchOrderBook: "depth",
  fetchTrades: "trades",
  fetchOHLCV: "records",
  fetchBalance: "accounts",
  createOrder: "trade",
  fetchOrder: "order",
  fetchOpenOrder: "order",
  fetchClosedOrder: "order",
  fetchOpenOrders: "orders",
  fetchClosedOrders: "historyorders",
  fetchCanceledOrders: "historyorders",
  fetchCanceledAndClosedOrders: "historyorders",
  fetchOrders: "historyorders",
  cancelOrder: "cancel",
  fetchPositions: "positions",
  fetchFundingRate: "fundings",
  fetchFundingRates: "fundings",
};

/** The FMZ symbol of a ccxt market (the fixture's markets have no dated futures FMZ names). */
export function fmzSymbol(m: Market): string {
  const pair = `${m.base}_${m.quote}`.toUpperCase();
  return m.swap === true || m.type === "swap" ? `${pair}.swap` : pair;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "object" && Object.keys(v).length === 0);
}

function firstSymbol(parsed: unknown): string | undefined {
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const found = list.find(
    (o): o is Rec => !!o && typeof o === "object" && typeof (o as Rec).symbol === "string",
  );
  return found?.symbol as string | undefined;
}

const MINUTES: Readonly<Record<string, number>> = { m: 1, h: 60, d: 1440, w: 10080 };

export function periodMinutes(tf: string): number {
  const m = /^(\d+)([mhdw])$/.exec(tf);
  if (!m) throw new Error(`timeframe ${tf}`);
  return Number(m[1]) * (MINUTES[m[2]] ?? 0);
}

function kindOf(m: Market | undefined): "spot" | "swap" {
  return m && m.spot !== true && m.type !== "spot" ? "swap" : "spot";
}

/** Builds the FMZ call for one recorded ccxt call. */
export function toCase(exchange: string, entry: FixtureEntry, markets: Record<string, Market>): ReplayCase {
  const fmz = FMZ_OF[entry.method];
  const base = { exchange, entry, fmz: fmz ?? entry.method, mountMarket: "spot" as const, params: {} };
  if (!fmz) return { ...base, skip: `${entry.method} is not an FMZ method` };
  const input = entry.input;
  const symbolArg = typeof input[0] === "string" ? input[0] : undefined;
  const orderSymbol = ["fetchOrder", "fetchOpenOrder", "fetchClosedOrder", "cancelOrder"].includes(
    entry.method,
  )
    ? (input[1] as string | undefined)
    : undefined;
  const sym = orderSymbol ?? symbolArg ?? firstSymbol(entry.parsedResponse);
  const m = sym ? markets[sym] : undefined;
  const at = (kind: "spot" | "swap", params: Rec): ReplayCase => ({ ...base, mountMarket: kind, params });
  const extra = (i: number) => input[i] as Rec | undefined;
  switch (entry.method) {
    case "fetchTicker":
    case "fetchTrades":
      if (!m) return { ...base, skip: `no market ${sym}` };
      return at(kindOf(m), { symbol: fmzSymbol(m) });
    case "fetchOrderBook": {
      if (!m) return { ...base, skip: `no market ${sym}` };
      const limit = typeof input[1] === "number" ? input[1] : undefined;
      return at(kindOf(m), limit ? { symbol: fmzSymbol(m), limit } : { symbol: fmzSymbol(m) });
    }
    case "fetchOHLCV": {
      if (!m) return { ...base, skip: `no market ${sym}` };
      if (!isEmpty(extra(4)))
        return { ...base, skip: `params ${JSON.stringify(extra(4))} (not FMZ's last-price bars)` };
      if (input[2] !== null && input[2] !== undefined)
        return { ...base, skip: "asks from a start time (FMZ asks for the latest bars)" };
      const limit = typeof input[3] === "number" ? input[3] : undefined;
      const params: Rec = { symbol: fmzSymbol(m), period: periodMinutes(String(input[1] ?? "1m")) };
      if (limit) params.limit = limit;
      return at(kindOf(m), params);
    }
    case "fetchBalance": {
      const p = extra(0) ?? {};
      const keys = Object.keys(p);
      if (keys.length === 0) return at("spot", {});
      if (keys.length === 1 && (p.type === "swap" || p.type === "spot")) return at(p.type, {});
      return { ...base, skip: `params ${JSON.stringify(p)} (a wallet FMZ has no mount for)` };
    }
    case "createOrder": {
      if (!m) return { ...base, skip: `no market ${sym}` };
      if (!isEmpty(extra(5)))
        return { ...base, skip: `params ${JSON.stringify(extra(5))} (no FMZ equivalent)` };
      const [, type, side, amount, price] = input as [string, string, string, number, number?];
      const params: Rec = { symbol: fmzSymbol(m), type: side, amount: String(amount) };
      params.price = type === "limit" && typeof price === "number" ? String(price) : "-1";
      if (type === "market" && side === "buy" && kindOf(m) === "spot") {
        // FMZ's spot market buy is sized in the quote currency.
        params.amount = String(typeof price === "number" ? amount * price : amount * 100);
      }
      return at(kindOf(m), params);
    }
    case "fetchOrder":
    case "fetchOpenOrder":
    case "fetchClosedOrder":
    case "cancelOrder": {
      if (!m) return { ...base, skip: `no market for the order (${sym ?? "no symbol"})` };
      if (!isEmpty(extra(2))) return { ...base, skip: `params ${JSON.stringify(extra(2))}` };
      return at(kindOf(m), { id: `${m.id},${String(input[0])}`, symbol: fmzSymbol(m) });
    }
    case "fetchOpenOrders":
    case "fetchClosedOrders":
    case "fetchCanceledOrders":
    case "fetchOrders": {
      if (!m) return { ...base, skip: "no order in the recorded reply to name an instrument" };
      if (!isEmpty(extra(3))) return { ...base, skip: `params ${JSON.stringify(extra(3))}` };
      return at(kindOf(m), { symbol: fmzSymbol(m) });
    }
    case "fetchPositions": {
      const symbols = input[0];
      const p = extra(1) ?? {};
      if (Array.isArray(symbols) && symbols.length === 1) {
        const pm = markets[String(symbols[0])];
        if (!pm) return { ...base, skip: `no market ${String(symbols[0])}` };
        return at("swap", { symbol: fmzSymbol(pm) });
      }
      if (p.subType === "inverse") return at("swap", { symbol: "USD.swap" });
      if (isEmpty(p)) return at("swap", { symbol: "USDT.swap" });
      return { ...base, skip: `params ${JSON.stringify(p)}` };
    }
    case "fetchFundingRate":
      if (!m) return { ...base, skip: `no market ${sym}` };
      return at("swap", { symbol: fmzSymbol(m) });
    case "fetchFundingRates": {
      const list = input[0];
      const fm = Array.isArray(list) ? markets[String(list[0])] : undefined;
      return at("swap", { symbol: fm?.linear === false ? "USD.swap" : "USDT.swap" });
    }
    default:
      return { ...base, skip: `${entry.method} is not mapped` };
  }
}
