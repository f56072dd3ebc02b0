import {
  CACHE_FACTORY,
  CLOCK,
  type CacheFactory,
  type CallContext,
  type Clock,
  type DoctorCheck,
  Exchange,
  ExchangeAdapter,
  mayHaveReachedExchange,
  OrderStateUnknownError,
  type MountInfo,
  type ParamsOf,
  RATE_LIMIT_STORE,
  type RateLimitStore,
  type ResultOf,
  unpackOrderId,
} from "@fmz-gateway/core";
import { inject } from "tsyringe";
import { getBalances } from "./account/balances";
import { setMarginLevel } from "./account/leverage";
import { getPositions } from "./account/positions";
import { PositionModeCache } from "./account/position-mode";
import { okxDoctor } from "./doctor";
import { io } from "./io";
import { getDepth } from "./market/depth";
import { getFundings } from "./market/fundings";
import { InstrumentCache } from "./market/instruments";
import { getMarkets } from "./market/markets";
import { BARS, getRecords } from "./market/records";
import { getTicker, getTickers } from "./market/ticker";
import { getTrades } from "./market/trades";
import { OkxCall } from "./okx-call";
import { OKX_OPTIONS_SCHEMA, type OkxOptions } from "./options";
import { OkxClient, okxRateLimiter } from "./rest/okx-client";
import { OkxPrivate } from "./private/okx-private";
import { OkxStreams } from "./streams/okx-streams";
import { cancelOrder, getHistoryOrders, getOpenOrders, getOrder } from "./trading/orders";
import { createOrder } from "./trading/place-order";

type Ctx = CallContext<OkxOptions>;

/**
 * The OKX v5 adapter: spot, perpetual swaps and dated futures (`market/futures.ts` names the contracts).
 * Thin on purpose: it owns the mount's HTTP client, streams and caches and hands each call to the module
 * for that concern. Nothing per caller is kept; the caller's keys come with every call.
 *
 * Takes its shared services from the container: the rate-limit store (one per process, so every OKX
 * mount counts against the same IP and user limits, as OKX does), the clock, and the mount's caches.
 */
@Exchange("OKX", { description: "OKX v5 REST: spot, perpetual swaps and dated futures" })
export class OkxAdapter extends ExchangeAdapter<OkxOptions> {
  static readonly optionsSchema = OKX_OPTIONS_SCHEMA;

  private client?: OkxClient;
  private streams?: OkxStreams;
  private privates?: OkxPrivate;
  private readonly instruments: InstrumentCache;
  private readonly positionModes: PositionModeCache;

  constructor(
    @inject(RATE_LIMIT_STORE) private readonly rateLimitStore: RateLimitStore,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(CACHE_FACTORY) caches: CacheFactory,
  ) {
    super();
    this.instruments = new InstrumentCache(caches);
    this.positionModes = new PositionModeCache(caches);
  }

  override async init(mount: MountInfo<OkxOptions>): Promise<void> {
    await super.init(mount);
    const limiter =
      mount.options.rateLimits === false ? undefined : okxRateLimiter(this.rateLimitStore, this.clock);
    this.client = new OkxClient({
      baseUrl: mount.options.baseUrl,
      timeoutMs: mount.options.timeoutMs,
      limiter,
      telemetry: mount.telemetry,
      clockSync: mount.options.clockSync,
      logger: mount.logger,
      now: this.clock,
    });
    if (mount.options.streams) {
      const { options, logger, telemetry } = mount;
      this.streams = new OkxStreams({ options, client: this.client, logger, telemetry, bars: BARS });
    }
    if (mount.options.privateStreams) {
      const { options, logger, telemetry } = mount;
      this.privates = new OkxPrivate({ options, client: this.client, logger, telemetry });
    }
  }

  override async close(): Promise<void> {
    this.streams?.close();
    this.privates?.close();
    await this.client?.close();
  }

  private call(ctx: Ctx): OkxCall {
    if (!this.client) throw new Error("OkxAdapter used before init()");
    return new OkxCall(this.client, this.instruments, ctx, this.streams, this.positionModes, this.privates);
  }

  /** `fmz-gateway doctor`: clock offset to OKX, the Secret Key's parts, the position mode (doctor.ts). */
  override doctor(ctx: Ctx): Promise<DoctorCheck[]> {
    return okxDoctor(this.call(ctx));
  }

  override getTicker(ctx: Ctx, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
    return getTicker(this.call(ctx), p);
  }
  override getDepth(ctx: Ctx, p: ParamsOf<"getDepth">): Promise<ResultOf<"getDepth">> {
    return getDepth(this.call(ctx), p);
  }
  override getTrades(ctx: Ctx, p: ParamsOf<"getTrades">): Promise<ResultOf<"getTrades">> {
    return getTrades(this.call(ctx), p);
  }
  override getRecords(ctx: Ctx, p: ParamsOf<"getRecords">): Promise<ResultOf<"getRecords">> {
    return getRecords(this.call(ctx), p);
  }
  override getMarkets(ctx: Ctx): Promise<ResultOf<"getMarkets">> {
    return getMarkets(this.call(ctx));
  }
  override getTickers(ctx: Ctx): Promise<ResultOf<"getTickers">> {
    return getTickers(this.call(ctx));
  }
  override getAccount(ctx: Ctx): Promise<ResultOf<"getAccount">> {
    return getBalances(this.call(ctx), "getAccount");
  }
  override getAssets(ctx: Ctx): Promise<ResultOf<"getAssets">> {
    return getBalances(this.call(ctx), "getAssets");
  }
  override async createOrder(ctx: Ctx, p: ParamsOf<"createOrder">): Promise<ResultOf<"createOrder">> {
    const call = this.call(ctx);
    try {
      const placed = await createOrder(call, p);
      call.wrote("place", unpackOrderId(placed.id).orderId);
      return placed;
    } catch (err) {
      // Placed or not, nobody knows: the account's next reads go by REST until a snapshot settles it.
      if (err instanceof OrderStateUnknownError || mayHaveReachedExchange(err))
        call.wrote("place", undefined);
      throw err;
    }
  }
  override getOrders(ctx: Ctx, p: ParamsOf<"getOrders">): Promise<ResultOf<"getOrders">> {
    return getOpenOrders(this.call(ctx), p);
  }
  override getOrder(ctx: Ctx, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
    return getOrder(this.call(ctx), p);
  }
  override getHistoryOrders(
    ctx: Ctx,
    p: ParamsOf<"getHistoryOrders">,
  ): Promise<ResultOf<"getHistoryOrders">> {
    return getHistoryOrders(this.call(ctx), p);
  }
  override async cancelOrder(ctx: Ctx, p: ParamsOf<"cancelOrder">): Promise<ResultOf<"cancelOrder">> {
    const call = this.call(ctx);
    try {
      const done = await cancelOrder(call, p);
      call.wrote("cancel", p.id.orderId);
      return done;
    } catch (err) {
      if (mayHaveReachedExchange(err)) call.wrote("cancel", p.id.orderId);
      throw err;
    }
  }
  override getPositions(ctx: Ctx, p: ParamsOf<"getPositions">): Promise<ResultOf<"getPositions">> {
    return getPositions(this.call(ctx), p);
  }
  override setMarginLevel(ctx: Ctx, p: ParamsOf<"setMarginLevel">): Promise<ResultOf<"setMarginLevel">> {
    return setMarginLevel(this.call(ctx), p);
  }
  override getFundings(ctx: Ctx, p: ParamsOf<"getFundings">): Promise<ResultOf<"getFundings">> {
    return getFundings(this.call(ctx), p);
  }
  override io(ctx: Ctx, p: ParamsOf<"io">): Promise<ResultOf<"io">> {
    return io(this.call(ctx), p);
  }
}
