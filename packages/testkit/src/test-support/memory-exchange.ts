import {
  BadRequestError,
  type Bar,
  type CallContext,
  Dec,
  Exchange,
  ExchangeAdapter,
  Gateway,
  type MountConfig,
  type Order,
  type ParamsOf,
  type ResultOf,
  type Ticker,
  packOrderId,
  readOrderIntent,
  roundToStep,
  silentLogger,
  toPlain,
  unpackOrderId,
} from "@fmz-gateway/core";
import type { PlantedDefect } from "../conformance/planted-defects";
import type { ReceivedOrder } from "../conformance/types";

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
  /**
   * Money defects planted in the adapter layer (see `PLANTED_DEFECTS`): the venue underneath stays
   * honest, so what it received and stored shows what the adapter really did.
   */
  defects?: PlantedDefect[];
}

/** BTC_USDT on the memory venue: tick, lot, minimum, and the quote step a market buy is rounded to. */
export const MEMORY_MARKET = { tick: "0.5", lot: "0.001", minQty: "0.002", quoteStep: "0.01" } as const;
/** The venue's one price: the ticker's last, and where market orders fill. */
export const MEMORY_LAST = 100;

/** An order as the in-memory venue holds it, in its own terms (instrument `BTC-USDT`, decimal text). */
interface VenueOrder {
  instId: string;
  received: ReceivedOrder;
  /** Base filled, and the fills' average price ("0" until something fills). */
  filled: string;
  avgPrice: string;
  state: "live" | "filled" | "canceled";
}

type Ctx = CallContext<MemoryOptions>;

export const MEMORY_EXCHANGE = "KIT_MEMORY";
export const SPOT_ONLY_EXCHANGE = "KIT_TICKER_ONLY";

@Exchange(MEMORY_EXCHANGE, { autoMount: false })
export class MemoryExchange extends ExchangeAdapter<MemoryOptions> {
  /** The venue's orders by its own order id. */
  private readonly venue = new Map<string, VenueOrder>();
  private sequence = 0;

  private has(fault: Fault): boolean {
    return this.options.faults?.includes(fault) ?? false;
  }

  private planted(defect: PlantedDefect): boolean {
    return this.options.defects?.includes(defect) ?? false;
  }

  /** Every order the venue received, oldest first: the conformance target's `orderLog`. */
  received(): ReceivedOrder[] {
    return [...this.venue.values()].map((o) => ({ ...o.received }));
  }

  override async getTicker(_ctx: Ctx, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
    const t: Ticker = {
      symbol: p.symbol.text,
      buy: 99.5,
      sell: 100.5,
      high: 110,
      low: 90,
      open: 95,
      last: MEMORY_LAST,
      vol: 12.5,
      time:
        this.has("ticker-in-seconds") || this.planted("ticker-time-in-seconds")
          ? Math.floor(Date.now() / 1000)
          : Date.now(),
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
        tickSize: Number(MEMORY_MARKET.tick),
        amountSize: Number(MEMORY_MARKET.lot),
        pricePrecision: 1,
        amountPrecision: 3,
        minQty: Number(MEMORY_MARKET.minQty),
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

  /**
   * FMZ's order → the venue's, as a real adapter does it: price to the nearest tick, amount down to the
   * lot, a spot market buy's quote down to the quote step, and an amount under the minimum refused
   * before anything is sent. The planted defects undo one of these each.
   */
  override async createOrder(_ctx: Ctx, p: ParamsOf<"createOrder">): Promise<ResultOf<"createOrder">> {
    const m = MEMORY_MARKET;
    const intent = readOrderIntent(p, "spot");
    let amountUnit: ReceivedOrder["amountUnit"] = intent.sizeUnit === "quote" ? "quote" : "base";
    if (this.planted("market-buy-in-base")) amountUnit = "base";
    if (this.planted("market-sell-in-quote") && intent.orderType === "market" && intent.side === "sell") {
      amountUnit = "quote";
    }
    let amount: string;
    if (intent.sizeUnit === "quote") amount = toPlain(roundToStep(intent.amount, m.quoteStep, "down"));
    else if (this.planted("amount-unrounded")) amount = intent.amount;
    else
      amount = toPlain(roundToStep(intent.amount, m.lot, this.planted("amount-rounded-up") ? "up" : "down"));
    if (amountUnit === "base" && new Dec(amount).lt(m.minQty) && !this.planted("no-minimum-check")) {
      throw new BadRequestError(
        `trade: amount ${intent.amount} is below BTC_USDT's minimum order size ${m.minQty} BTC (lot ${m.lot})`,
      );
    }
    const price =
      intent.orderType === "limit"
        ? this.planted("price-unrounded")
          ? intent.price
          : toPlain(roundToStep(intent.price, m.tick, "nearest"))
        : undefined;
    const orderId = this.send({ price, amount, side: intent.side, type: intent.orderType, amountUnit });
    const id = packOrderId("BTC-USDT", orderId);
    return { id: this.has("trade-id-without-comma") ? orderId : id };
  }

  /** The venue: records the order as received, fills a market order at once at MEMORY_LAST. */
  private send(o: Omit<ReceivedOrder, "time">): string {
    const orderId = String(++this.sequence);
    const received: ReceivedOrder = { ...o, time: Date.now() };
    const last = new Dec(MEMORY_LAST);
    const order: VenueOrder = { instId: "BTC-USDT", received, filled: "0", avgPrice: "0", state: "live" };
    if (o.type === "market") {
      order.filled = (o.amountUnit === "quote" ? new Dec(o.amount).div(last) : new Dec(o.amount)).toFixed();
      order.avgPrice = last.toFixed();
      order.state = "filled";
    }
    this.venue.set(orderId, order);
    return orderId;
  }

  /** The venue's order → FMZ's, as `method` answers it: the symbol the docker sent, fills from the venue. */
  private toFmz(orderId: string, v: VenueOrder, method: "order" | "orders" | "historyorders"): Order {
    const r = v.received;
    const requestPrice = r.price ?? "-1";
    const exchangeSymbol =
      (method === "order" && this.planted("order-symbol-exchange-format")) ||
      (method === "orders" && this.planted("orders-symbol-exchange-format"));
    return {
      id: packOrderId(v.instId, orderId),
      symbol: exchangeSymbol ? v.instId : "BTC_USDT",
      amount: Number(r.amount),
      price: Number(r.price ?? 0),
      deal_amount: Number(this.planted("deal-amount-from-request") ? r.amount : v.filled),
      avg_price: Number(this.planted("avg-price-from-request") ? requestPrice : v.avgPrice),
      type: r.side,
      status: v.state === "live" ? "pending" : v.state === "filled" ? "closed" : "canceled",
    };
  }

  override async getOrder(_ctx: Ctx, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
    const [orderId, v] = this.find(p.id.text);
    const o = this.toFmz(orderId, v, "order");
    return this.has("order-price-as-string-text") ? ({ ...o, price: "one hundred" } as unknown as Order) : o;
  }

  override async getOrders(): Promise<ResultOf<"getOrders">> {
    if (this.has("orders-empty")) return [];
    return this.listed((v) => v.state === "live", "orders");
  }

  override async getHistoryOrders(): Promise<ResultOf<"getHistoryOrders">> {
    return this.listed((v) => v.state !== "live", "historyorders");
  }

  override async cancelOrder(_ctx: Ctx, p: ParamsOf<"cancelOrder">): Promise<ResultOf<"cancelOrder">> {
    const [, v] = this.find(p.id.text);
    if (v.state === "live" && !this.has("cancel-leaves-open")) v.state = "canceled";
    return true;
  }

  override async getPositions(): Promise<ResultOf<"getPositions">> {
    return [];
  }

  override async setMarginLevel(): Promise<ResultOf<"setMarginLevel">> {
    // The defect: a plain error where core's NotSupportedError belongs.
    if (this.planted("plain-error-for-unsupported")) throw new Error("marginlevel is unsupported on spot");
    return true;
  }

  override async getFundings(_ctx: Ctx, p: ParamsOf<"getFundings">): Promise<ResultOf<"getFundings">> {
    return [{ symbol: p.symbol.text, rate: 0.0001, interval: 8 * 3600_000, time: Date.now() + 3600_000 }];
  }

  /** Open orders in this store (for tests that check the suite cleans up after itself). */
  openOrders(): Order[] {
    return this.listed((v) => v.state === "live", "historyorders");
  }

  private listed(which: (v: VenueOrder) => boolean, method: "orders" | "historyorders"): Order[] {
    return [...this.venue.entries()].filter(([, v]) => which(v)).map(([id, v]) => this.toFmz(id, v, method));
  }

  private frozen(): number {
    return this.openOrders().reduce((sum, o) => sum + o.price * o.amount, 0);
  }

  private find(id: string): [string, VenueOrder] {
    const orderId = unpackOrderId(id).orderId;
    const v = this.venue.get(orderId);
    if (!v) throw new Error(`no order ${id}`);
    return [orderId, v];
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
