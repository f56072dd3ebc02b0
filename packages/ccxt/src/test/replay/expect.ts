// What the FMZ reply must show, read off ccxt's parsedResponse as the table says. Each check
// returns the differences in words (empty: the case passes).
import { type Market, type ReplayCase, fmzSymbol } from "./cases";

type Rec = Record<string, unknown>;

function n(v: unknown): number {
  const x = typeof v === "string" ? Number(v) : v;
  return typeof x === "number" && Number.isFinite(x) ? x : 0;
}

function same(a: unknown, b: number): boolean {
  const x = n(a);
  return Math.abs(x - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

class Diff {
  readonly out: string[] = [];
  num(where: string, got: unknown, want: unknown): void {
    if (!same(got, n(want)))
      this.out.push(`${where}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  eq(where: string, got: unknown, want: unknown): void {
    if (got !== want) this.out.push(`${where}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  ok(cond: boolean, text: string): void {
    if (!cond) this.out.push(text);
  }
}

/** FMZ's status families for ccxt's unified status words. */
export function statusFamily(status: unknown, filled: number, amount: number): string[] {
  switch (status) {
    case "closed":
      return ["filled"];
    case "canceled":
    case "cancelled":
    case "expired":
    case "rejected":
      return filled > 0 ? ["partial-canceled", "filled"] : ["canceled"];
    default:
      return filled > 0 && (amount === 0 || filled < amount)
        ? ["partial-filled"]
        : filled > 0
          ? ["partial-filled", "filled"]
          : ["pending"];
  }
}

function list(v: unknown): Rec[] {
  return Array.isArray(v) ? (v as Rec[]) : [];
}

function checkOrder(
  d: Diff,
  where: string,
  got: Rec | undefined,
  want: Rec,
  markets: Record<string, Market>,
): void {
  if (!got) {
    d.out.push(`${where}: missing`);
    return;
  }
  const m = markets[String(want.symbol)];
  if (m) d.eq(`${where}.id`, got.id, `${m.id},${String(want.id)}`);
  const amount = n(want.amount) || (want.side === "buy" && want.type === "market" ? n(want.cost) : 0);
  d.num(`${where}.amount`, got.amount, amount);
  d.num(`${where}.price`, got.price, want.price);
  d.num(`${where}.deal_amount`, got.deal_amount, want.filled);
  d.num(`${where}.avg_price`, got.avg_price, want.average);
  d.eq(`${where}.type`, got.type, want.side === "sell" ? "sell" : "buy");
  const families = statusFamily(want.status, n(want.filled), amount);
  d.ok(
    families.includes(String(got.status)),
    `${where}.status: got ${String(got.status)}, ccxt says ${String(want.status)} (want ${families.join(" or ")})`,
  );
}

/** The differences between the FMZ reply and ccxt's parse; [] when the case passes. */
export function differences(c: ReplayCase, data: unknown, markets: Record<string, Market>): string[] {
  const d = new Diff();
  const want = c.entry.parsedResponse as Rec;
  const got = data as Rec;
  switch (c.entry.method) {
    case "fetchTicker":
      d.num("buy", got.buy, want.bid);
      d.num("sell", got.sell, want.ask);
      d.num("last", got.last, want.last ?? want.close);
      d.num("high", got.high, want.high);
      d.num("low", got.low, want.low);
      d.num("vol", got.vol, want.baseVolume);
      if (typeof want.timestamp === "number") d.num("time", got.time, want.timestamp);
      else d.ok(n(got.time) > 1e12, `time ${String(got.time)} is not in ms`);
      break;
    case "fetchOrderBook": {
      const limit = c.params.limit as number | undefined;
      for (const side of ["asks", "bids"] as const) {
        const w = list(want[side]).slice(0, limit) as unknown as number[][];
        const g = (got[side] ?? []) as number[][];
        d.eq(`${side}.length`, g.length, w.length);
        w.forEach((lv, i) => {
          d.num(`${side}[${i}].price`, g[i]?.[0], lv[0]);
          d.num(`${side}[${i}].amount`, g[i]?.[1], lv[1]);
        });
        const sorted = g.every(
          (lv, i) => i === 0 || (side === "asks" ? lv[0] >= g[i - 1][0] : lv[0] <= g[i - 1][0]),
        );
        d.ok(sorted, `${side} are not ${side === "asks" ? "ascending" : "descending"}`);
      }
      break;
    }
    case "fetchTrades": {
      const w = list(want);
      const g = list(got);
      d.eq("trades.length", g.length, w.length);
      w.forEach((t, i) => {
        d.eq(`[${i}].id`, g[i]?.id, String(t.id ?? t.timestamp ?? ""));
        d.num(`[${i}].time`, g[i]?.time, t.timestamp);
        d.num(`[${i}].price`, g[i]?.price, t.price);
        d.num(`[${i}].amount`, g[i]?.amount, t.amount);
        d.eq(`[${i}].type`, g[i]?.type, t.side === "sell" ? "sell" : "buy");
      });
      break;
    }
    case "fetchOHLCV": {
      const w = [...(want as unknown as number[][])].sort((a, b) => a[0] - b[0]);
      const g = (data ?? []) as number[][];
      d.eq("bars.length", g.length, w.length);
      w.forEach((bar, i) => {
        d.num(`[${i}].time (s)`, g[i]?.[0], bar[0] / 1000);
        for (let k = 1; k <= 5; k++) d.num(`[${i}][${k}]`, g[i]?.[k], bar[k]);
      });
      break;
    }
    case "fetchBalance": {
      const skip = new Set([
        "info",
        "free",
        "used",
        "total",
        "debt",
        "timestamp",
        "datetime",
        "unrealizedPnl",
      ]);
      const g = new Map(list(got).map((b) => [String(b.currency), b]));
      for (const [cur, acc] of Object.entries(want)) {
        if (skip.has(cur) || !acc || typeof acc !== "object") continue;
        const a = acc as Rec;
        const b = g.get(cur);
        if (!b) {
          d.out.push(`${cur}: missing`);
          continue;
        }
        const free = a.free ?? Math.max(n(a.total) - n(a.used), 0);
        d.num(`${cur}.free`, b.free, free);
        d.num(`${cur}.frozen`, b.frozen, a.used);
      }
      break;
    }
    case "createOrder": {
      const m = markets[String(want.symbol ?? c.entry.input[0])];
      d.eq("id", got?.id, `${m?.id},${String(want.id)}`);
      break;
    }
    case "fetchOrder":
    case "fetchOpenOrder":
    case "fetchClosedOrder":
      checkOrder(d, "order", got, want, markets);
      break;
    case "fetchOpenOrders":
    case "fetchClosedOrders":
    case "fetchCanceledOrders":
    case "fetchOrders": {
      const open = c.entry.method === "fetchOpenOrders";
      const sym = String(c.params.symbol);
      let w = list(want).filter((o) => {
        const m = markets[String(o.symbol)];
        return m !== undefined && fmzSymbol(m) === sym;
      });
      if (c.entry.method === "fetchOrders") w = w.filter((o) => o.status !== "open");
      if (!open) w.sort((a, b) => n(b.timestamp) - n(a.timestamp));
      const g = list(got);
      d.eq("orders.length", g.length, w.length);
      w.forEach((o, i) => checkOrder(d, `[${i}]`, g[i], o, markets));
      break;
    }
    case "cancelOrder":
      d.eq("cancel", data, true);
      break;
    case "fetchPositions": {
      const w = list(want).filter((p) => n(p.contracts) !== 0);
      const g = list(got);
      d.eq("positions.length", g.length, w.length);
      w.forEach((p, i) => {
        const gp =
          g.find(
            (x) =>
              x.symbol === fmzSymbol(markets[String(p.symbol)]) && x.type === (p.side === "short" ? 1 : 0),
          ) ?? g[i];
        d.num(`[${i}].amount`, gp?.amount, Math.abs(n(p.contracts)));
        d.num(`[${i}].price`, gp?.price, p.entryPrice);
        d.eq(`[${i}].type`, gp?.type, p.side === "short" ? 1 : 0);
        d.num(`[${i}].margin_level`, gp?.margin_level, p.leverage);
      });
      break;
    }
    case "fetchFundingRate":
    case "fetchFundingRates": {
      const w =
        c.entry.method === "fetchFundingRate"
          ? [want]
          : Object.values(want).filter(
              (x): x is Rec => !!x && typeof x === "object" && "fundingRate" in (x as Rec),
            );
      const g = list(got);
      for (const r of w) {
        const m = markets[String(r.symbol)];
        const gr = g.find((x) => m && x.symbol === fmzSymbol(m));
        if (!gr) {
          d.out.push(`${String(r.symbol)}: missing`);
          continue;
        }
        d.num(`${String(r.symbol)}.rate`, gr.rate, r.fundingRate);
        d.num(`${String(r.symbol)}.time`, gr.time, r.fundingTimestamp ?? r.nextFundingTimestamp);
      }
      break;
    }
    default:
      d.out.push(`no check for ${c.entry.method}`);
  }
  return d.out;
}
