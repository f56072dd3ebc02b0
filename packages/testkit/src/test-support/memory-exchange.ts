import {
  type Bar,
  type CallContext,
  Exchange,
  ExchangeAdapter,
  Gateway,
  type MountConfig,
  type Order,
  type ParamsOf,
  type ResultOf,
  type Ticker,
  packOrderId,
  silentLogger,
  unpackOrderId,
} from "@fmz-gateway/core";

/**
 * A complete in-memory adapter for the testkit's own tests: every method correct, unless a fault named in
 * the mount's `faults` option breaks it in the way real adapters get it wrong.
 */
export type Fault =
  | "ticker-without-last"
  | "ticker-in-seconds"
  | "depth-asks-descending"
  | "depth-ignores-limit"
  | "records-in-ms-newest-first"
  | "records-short"
  | "trade-id-without-comma"
  | "order-price-as-string-text"
  | "cancel-leaves-open"
  | "orders-empty"
  | "balances-lower-case"
  | "markets-bad-key"
  | "unknown-error-on-accounts";

interface MemoryOptions {
  faults?: Fault[];
}

type Ctx = CallContext<MemoryOptions>;

export const MEMORY_EXCHANGE = "KIT_MEMORY";
export const SPOT_ONLY_EXCHANGE = "KIT_TICKER_ONLY";

@Exchange(MEMORY_EXCHANGE, { autoMount: false })
export class MemoryExchange extends ExchangeAdapter<MemoryOptions> {
  private readonly orders = new Map<string, Order>();
  private sequence = 0;

  private has(fault: Fault): boolean {
    return this.options.faults?.includes(fault) ?? false;
  }

  override async getTicker(_ctx: Ctx, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
    const t: Ticker = {
      symbol: p.symbol.text,
      buy: 99.5,
      sell: 100.5,
      high: 110,
      low: 90,
      open: 95,
      last: 100,
      vol: 12.5,
      time: this.has("ticker-in-seconds") ? Math.floor(Date.now() / 1000) : Date.now(),
    };
    if (this.has("ticker-without-last")) delete (t as Partial<Ticker>).last;
    return t;
  }

  override async getDepth(_ctx: Ctx, p: ParamsOf<"getDepth">): Promise<ResultOf<"getDepth">> {
    const n = this.has("depth-ignores-limit") ? 20 : (p.limit ?? 20);
    const asks = Array.from({ length: n }, (_, i): [number, number] => [100.5 + i, 1 + i]);
    const bids = Array.from({ length: n }, (_, i): [number, number] => [99.5 - i, 1 + i]);
    return { time: Date.now(), asks: this.has("depth-asks-descending") ? asks.reverse() : asks, bids };
  }

  override async getTrades(): Promise<ResultOf<"getTrades">> {
    const now = Date.now();
    return [
      { id: "1", time: now - 2000, price: 100, amount: 0.5, type: "buy" },
      { id: "2", time: now - 1000, price: 99.5, amount: 0.25, type: "sell" },
    ];
  }

  override async getRecords(_ctx: Ctx, p: ParamsOf<"getRecords">): Promise<ResultOf<"getRecords">> {
    const step = p.period * 60;
    const count = (p.limit ?? 100) - (this.has("records-short") ? 1 : 0);
    const last = Math.floor(Date.now() / 1000 / step) * step;
    const bars: Bar[] = Array.from({ length: count }, (_, i) => {
      const t = last - (count - 1 - i) * step;
      return [t, 100, 102, 98, 101, 3];
    });
    if (this.has("records-in-ms-newest-first"))
      return bars.map((b): Bar => [b[0] * 1000, b[1], b[2], b[3], b[4], b[5]]).reverse();
    return bars;
  }

  override async getMarkets(): Promise<ResultOf<"getMarkets">> {
    const key = this.has("markets-bad-key") ? "BTC-USDT" : "BTC_USDT";
    return {
      [key]: {
        symbol: key,
        baseAsset: "BTC",
        quoteAsset: "USDT",
        tickSize: 0.5,
        amountSize: 0.001,
        pricePrecision: 1,
        amountPrecision: 3,
        minQty: 0.001,
        maxQty: 1000,
        minNotional: 5,
        maxNotional: 1_000_000,
        ctVal: 1,
        ctValCcy: "BTC",
      },
    };
  }

  override async getTickers(ctx: Ctx): Promise<ResultOf<"getTickers">> {
    const symbol = { kind: "instrument", base: "BTC", quote: "USDT", text: "BTC_USDT" } as const;
    return [await this.getTicker(ctx, { symbol })];
  }

  override async getAccount(): Promise<ResultOf<"getAccount">> {
    if (this.has("unknown-error-on-accounts")) throw new Error("boom");
    return [
      { currency: this.has("balances-lower-case") ? "usdt" : "USDT", free: 1000, frozen: this.frozen() },
      { currency: "BTC", free: 1.5, frozen: 0 },
    ];
  }

  override async getAssets(): Promise<ResultOf<"getAssets">> {
    return this.getAccount();
  }

  override async createOrder(_ctx: Ctx, p: ParamsOf<"createOrder">): Promise<ResultOf<"createOrder">> {
    const orderId = String(++this.sequence);
    const id = packOrderId("BTC-USDT", orderId);
    this.orders.set(id, {
      id,
      symbol: p.symbol.text,
      amount: Number(p.amount),
      price: Number(p.price ?? 0),
      deal_amount: 0,
      avg_price: 0,
      type: p.side === "buy" || p.side === "closesell" ? "buy" : "sell",
      status: "pending",
    });
    return { id: this.has("trade-id-without-comma") ? orderId : id };
  }

  override async getOrder(_ctx: Ctx, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
    const o = this.find(p.id.text);
    return this.has("order-price-as-string-text") ? ({ ...o, price: "one hundred" } as unknown as Order) : o;
  }

  override async getOrders(): Promise<ResultOf<"getOrders">> {
    if (this.has("orders-empty")) return [];
    return [...this.orders.values()].filter((o) => o.status === "pending");
  }

  override async getHistoryOrders(): Promise<ResultOf<"getHistoryOrders">> {
    return [...this.orders.values()].filter((o) => o.status !== "pending");
  }

  override async cancelOrder(_ctx: Ctx, p: ParamsOf<"cancelOrder">): Promise<ResultOf<"cancelOrder">> {
    const o = this.find(p.id.text);
    if (!this.has("cancel-leaves-open")) o.status = "canceled";
    return true;
  }

  override async getPositions(): Promise<ResultOf<"getPositions">> {
    return [];
  }

  override async setMarginLevel(): Promise<ResultOf<"setMarginLevel">> {
    return true;
  }

  override async getFundings(_ctx: Ctx, p: ParamsOf<"getFundings">): Promise<ResultOf<"getFundings">> {
    return [{ symbol: p.symbol.text, rate: 0.0001, interval: 8 * 3600_000, time: Date.now() + 3600_000 }];
  }

  /** Open orders in this store (for tests that check the suite cleans up after itself). */
  openOrders(): Order[] {
    return [...this.orders.values()].filter((o) => o.status === "pending");
  }

  private frozen(): number {
    return this.openOrders().reduce((sum, o) => sum + o.price * o.amount, 0);
  }

  private find(id: string): Order {
    const o = this.orders.get(id) ?? this.orders.get(packOrderId("BTC-USDT", unpackOrderId(id).orderId));
    if (!o) throw new Error(`no order ${id}`);
    return o;
  }
}

/** Implements the ticker only: every other method answers the base's "not supported". */
@Exchange(SPOT_ONLY_EXCHANGE, { autoMount: false })
export class TickerOnlyExchange extends ExchangeAdapter {
  override async getTicker(_ctx: CallContext, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
    return {
      symbol: p.symbol.text,
      buy: 1,
      sell: 2,
      high: 3,
      low: 1,
      open: 1.5,
      last: 1.5,
      vol: 10,
      time: Date.now(),
    };
  }
}

/** A gateway on an ephemeral port with the given mounts of the memory adapters. */
export async function startMemoryGateway(mounts: Record<string, MountConfig>): Promise<Gateway> {
  return Gateway.start({ port: 0, exchanges: mounts, logger: silentLogger() });
}
