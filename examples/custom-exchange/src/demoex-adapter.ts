import {
  BadRequestError,
  type CallContext,
  Exchange,
  ExchangeAdapter,
  ExchangeError,
  type InstrumentSymbol,
  type LookupAnswer,
  type MountInfo,
  type ParamsOf,
  type ResultOf,
  TtlCache,
  newClientOrderId,
  packOrderId,
  placeOnce,
  readOrderIntent,
  wireName,
} from "@fmz-gateway/core";
import {
  DEMO_ERRORS,
  type DemoBalance,
  type DemoCandle,
  type DemoDepth,
  type DemoInstrument,
  type DemoOrder,
  type DemoOrderRequest,
  type DemoTicker,
  type DemoTrade,
} from "./api-types";
import { toBalance, toBar, toDepth, toMarket, toOrder, toTicker, toTrade } from "./convert";
import { type DemoExOptions, demoExOptionsSchema } from "./options";
import { sizeOrder } from "./order-sizing";
import { DemoExRest } from "./rest-client";
import { orderInstrument, toDemoPair, toDemoSymbol, toFmzSymbol, toInterval } from "./symbols";

type Ctx = CallContext<DemoExOptions>;

/** DEMOEX serves at most this many depth levels, trades, candles and history orders per call. */
const MAX_DEPTH = 50;
const MAX_TRADES = 100;
const CANDLES_PER_CALL = 100;
const MAX_HISTORY = 100;
/** Defaults where the docker sends no limit (or 0). */
const DEFAULT_DEPTH = 20;
const DEFAULT_BARS = 100;
const DEFAULT_HISTORY = 50;
/** `records` pages back at most this far (20 calls), so one strategy call cannot hog the rate limit. */
const MAX_BARS = 2_000;

/**
 * The adapter for DEMOEX, a small fictional spot exchange (README.md describes its API). It implements the
 * market data, account and order methods; positions, margin level and fundings make no sense on spot,
 * so it leaves them to the base class, which answers "not supported: <method>".
 */
@Exchange("DEMOEX", { description: "DEMOEX spot (worked example)" })
export class DemoExAdapter extends ExchangeAdapter<DemoExOptions> {
  /** Validated (and defaults filled in) by the host before `init` sees the options. */
  static optionsSchema = demoExOptionsSchema;

  private restClient?: DemoExRest;
  /** Tick and lot sizes change rarely; five minutes is fresh enough and saves a call per order. */
  private readonly instruments = new TtlCache<"all", Map<string, DemoInstrument>>({ ttlMs: 5 * 60_000 });

  override async init(mount: MountInfo<DemoExOptions>): Promise<void> {
    await super.init(mount);
    this.restClient = new DemoExRest({
      baseUrl: mount.options.baseUrl,
      timeoutMs: mount.options.timeoutMs,
      telemetry: mount.telemetry,
    });
  }

  /** Called once on shutdown, after the calls in flight finished. */
  override async close(): Promise<void> {
    await this.restClient?.close();
  }

  private get rest(): DemoExRest {
    if (!this.restClient) throw new Error("DemoExAdapter used before init()");
    return this.restClient;
  }

  // ── market data ────────────────────────────────────────────────────────────────────────────────

  override async getTicker(ctx: Ctx, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
    const t = await this.rest.publicGet<DemoTicker>(ctx, "/api/v1/ticker", {
      symbol: toDemoSymbol(p.symbol),
    });
    ctx.setRaw(t);
    return toTicker(t);
  }

  override async getDepth(ctx: Ctx, p: ParamsOf<"getDepth">): Promise<ResultOf<"getDepth">> {
    const limit = Math.min(p.limit ?? DEFAULT_DEPTH, MAX_DEPTH);
    const d = await this.rest.publicGet<DemoDepth>(ctx, "/api/v1/depth", {
      symbol: toDemoSymbol(p.symbol),
      limit,
    });
    ctx.setRaw(d);
    return toDepth(d);
  }

  override async getTrades(ctx: Ctx, p: ParamsOf<"getTrades">): Promise<ResultOf<"getTrades">> {
    const symbol = toDemoSymbol(p.symbol);
    const list = await this.rest.publicGet<DemoTrade[]>(ctx, "/api/v1/trades", { symbol, limit: MAX_TRADES });
    ctx.setRaw(list);
    // DEMOEX answers newest first; FMZ lists trades, like bars, oldest first.
    return [...list].reverse().map(toTrade);
  }

  /**
   * DEMOEX answers at most 100 candles a call, newest first, starting in milliseconds. FMZ wants exactly
   * `limit` bars, oldest first, in seconds: so page backwards with `before` until there are enough.
   */
  override async getRecords(ctx: Ctx, p: ParamsOf<"getRecords">): Promise<ResultOf<"getRecords">> {
    const symbol = toDemoSymbol(p.symbol);
    const interval = toInterval(p.period);
    const want = p.limit ?? DEFAULT_BARS;
    if (want > MAX_BARS)
      throw new BadRequestError(`DEMOEX serves at most ${MAX_BARS} bars per call, not ${want}`);
    const candles: DemoCandle[] = [];
    let before: number | undefined;
    while (candles.length < want) {
      const page = await this.rest.publicGet<DemoCandle[]>(ctx, "/api/v1/candles", {
        symbol,
        interval,
        limit: Math.min(CANDLES_PER_CALL, want - candles.length),
        before,
      });
      if (page.length === 0) break; // no older history
      candles.push(...page);
      before = page[page.length - 1][0];
    }
    return candles.reverse().map(toBar);
  }

  override async getMarkets(): Promise<ResultOf<"getMarkets">> {
    const all = await this.instrumentMap();
    return Object.fromEntries([...all.values()].map((i) => [toFmzSymbol(i.symbol), toMarket(i)]));
  }

  override async getTickers(ctx: Ctx): Promise<ResultOf<"getTickers">> {
    const list = await this.rest.publicGet<DemoTicker[]>(ctx, "/api/v1/tickers");
    ctx.setRaw(list);
    return list.map(toTicker);
  }

  // ── account ────────────────────────────────────────────────────────────────────────────────────

  override async getAccount(ctx: Ctx): Promise<ResultOf<"getAccount">> {
    const list = await this.rest.privateCall<DemoBalance[]>(ctx, "GET", "/api/v1/balances");
    ctx.setRaw(list);
    return list.map(toBalance);
  }

  override async getAssets(ctx: Ctx): Promise<ResultOf<"getAssets">> {
    return this.getAccount(ctx);
  }

  // ── orders ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Places one order, once, under core's placement policy (`placeOnce`). Every order carries a fresh
   * client order id; when the reply is lost (core's HttpClient marks a reset or a timeout after the
   * request left), the order may exist, so instead of sending it again the policy asks DEMOEX for that
   * client order id, and answers with what it has. Refusals (a rate limit, DEMOEX's own errors) stand.
   */
  override async createOrder(ctx: Ctx, p: ParamsOf<"createOrder">): Promise<ResultOf<"createOrder">> {
    const inst = await this.instrument(p.symbol);
    const intent = readOrderIntent(p, "spot");
    const request: DemoOrderRequest = { ...sizeOrder(inst, intent), clientOrderId: newClientOrderId("fmz") };
    const placed = await placeOnce({
      exchange: "DEMOEX",
      method: wireName("createOrder"),
      clientOrderId: request.clientOrderId,
      send: async () => {
        const order = await this.rest.privateCall<DemoOrder>(ctx, "POST", "/api/v1/orders", {}, request);
        ctx.setRaw(order);
        return order.orderId;
      },
      lookup: (signal) => this.findOrder(ctx, signal, request),
      deadline: ctx.deadline,
      signal: ctx.signal,
      logger: ctx.logger,
    });
    return { id: packOrderId(request.symbol, placed.orderId) };
  }

  /** DEMOEX records an order before it answers, so its "not found" proves the order was never placed. */
  private async findOrder(ctx: Ctx, signal: AbortSignal, request: DemoOrderRequest): Promise<LookupAnswer> {
    const { symbol, clientOrderId } = request;
    const scope = { credentials: ctx.credentials, logger: ctx.logger, signal };
    try {
      const found = await this.rest.privateCall<DemoOrder>(scope, "GET", "/api/v1/order", {
        symbol,
        clientOrderId,
      });
      ctx.setRaw(found);
      return { found: found.orderId };
    } catch (err) {
      if (err instanceof ExchangeError && err.code === String(DEMO_ERRORS.orderNotFound))
        return { absent: true };
      throw err;
    }
  }

  override async getOrders(ctx: Ctx, p: ParamsOf<"getOrders">): Promise<ResultOf<"getOrders">> {
    const list = await this.rest.privateCall<DemoOrder[]>(ctx, "GET", "/api/v1/orders/open", {
      symbol: toDemoPair(p.symbol),
    });
    ctx.setRaw(list);
    return list.map(toOrder);
  }

  override async getOrder(ctx: Ctx, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
    const o = await this.rest.privateCall<DemoOrder>(ctx, "GET", "/api/v1/order", orderQuery(p));
    ctx.setRaw(o);
    return toOrder(o);
  }

  override async getHistoryOrders(
    ctx: Ctx,
    p: ParamsOf<"getHistoryOrders">,
  ): Promise<ResultOf<"getHistoryOrders">> {
    const list = await this.rest.privateCall<DemoOrder[]>(ctx, "GET", "/api/v1/orders/history", {
      symbol: toDemoPair(p.symbol),
      since: p.since,
      limit: Math.min(p.limit ?? DEFAULT_HISTORY, MAX_HISTORY),
    });
    ctx.setRaw(list);
    return list.map(toOrder);
  }

  override async cancelOrder(ctx: Ctx, p: ParamsOf<"cancelOrder">): Promise<ResultOf<"cancelOrder">> {
    const o = await this.rest.privateCall<DemoOrder>(ctx, "DELETE", "/api/v1/order", orderQuery(p));
    ctx.setRaw(o);
    return true;
  }

  // ── instruments ────────────────────────────────────────────────────────────────────────────────

  private async instrument(symbol: InstrumentSymbol): Promise<DemoInstrument> {
    const demo = toDemoSymbol(symbol);
    const all = await this.instrumentMap();
    const inst = all.get(demo);
    if (!inst) {
      const listed = [...all.keys()].map(toFmzSymbol).join(", ");
      throw new BadRequestError(`DEMOEX does not list ${symbol.text} (listed: ${listed})`);
    }
    return inst;
  }

  /** Shared by concurrent callers, so it runs without any one caller's abort signal. */
  private instrumentMap(): Promise<Map<string, DemoInstrument>> {
    return this.instruments.get("all", async () => {
      const list = await this.rest.publicGet<DemoInstrument[]>(
        { logger: this.mount.logger },
        "/api/v1/instruments",
      );
      return new Map(list.map((i) => [i.symbol, i]));
    });
  }
}

/** The id carries the instrument (packOrderId), so `order` and `cancel` need nothing else from the docker. */
function orderQuery(p: ParamsOf<"getOrder">): { symbol: string; orderId: string } {
  return { symbol: orderInstrument(p.id.instrument, p.id.text), orderId: p.id.orderId };
}
