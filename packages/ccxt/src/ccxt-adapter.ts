import {
  type DoctorCheck,
  Exchange,
  ExchangeAdapter,
  type MountInfo,
  type ParamsOf,
  type ResultOf,
} from "@fmz-gateway/core";
import { Bridge, type Ctx } from "./bridge";
import { InstancePool } from "./instances";
import * as account from "./methods/account";
import * as futures from "./methods/futures";
import { doctorChecks } from "./methods/doctor";
import { io } from "./methods/io";
import * as marketData from "./methods/market-data";
import * as orders from "./methods/orders";
import { createOrder } from "./methods/place-order";
import { type CcxtOptions, checkOptions, optionsSchema, privateSettings, streamSettings } from "./options";
import { CcxtPrivate, checkPrivateStreams } from "./private/ccxt-private";
import { CcxtStreams } from "./streams/ccxt-streams";

/**
 * Every exchange ccxt knows, through FMZ's protocol. One mount is one ccxt exchange id and market:
 * `{"adapter": "ccxt", "options": {"exchange": "kraken"}}`. Not served by default (it needs an
 * `exchange`): list it under `exchanges` in the config.
 */
@Exchange("ccxt", {
  description: "any exchange ccxt supports; options.exchange names it (not auto-mounted)",
  autoMount: false,
})
export class CcxtAdapter extends ExchangeAdapter<CcxtOptions> {
  static readonly optionsSchema = optionsSchema;
  private bridgeRef?: Bridge;
  /** ccxt.pro streams for ticker, depth, trades and records; absent with `streams: false`. */
  private streams?: CcxtStreams;
  /** ccxt.pro private streams for accounts, positions and orders; absent with `privateStreams: false`. */
  private privates?: CcxtPrivate;

  override async init(mount: MountInfo<CcxtOptions>): Promise<void> {
    await super.init(mount);
    // Refuses an unknown exchange id (naming close matches) or a sandbox it lacks. Offline: no markets yet.
    const options = checkOptions(mount.options);
    Object.assign(mount.options, options);
    const pool = new InstancePool(options, mount.name, mount.logger, mount.telemetry);
    // Refuses private streams the exchange's ccxt.pro class cannot give (no watchOrders or watchBalance).
    checkPrivateStreams(options, pool.config());
    if (privateSettings(options).privateStreams) {
      const { logger, telemetry, name: mountName } = mount;
      this.privates = new CcxtPrivate({ options, pool, mountName, logger, telemetry });
    }
    this.bridgeRef = new Bridge(options, pool, this.privates);
    if (streamSettings(options).streams) {
      const { logger, telemetry, name: mountName } = mount;
      this.streams = CcxtStreams.create({ options, pool, mountName, logger, telemetry });
      if (!this.streams) logger.debug(`ccxt has no websocket class for ${options.exchange}: REST only`);
    }
  }

  override async close(): Promise<void> {
    this.streams?.close();
    this.privates?.close();
    this.bridgeRef?.pool.close();
  }

  private get b(): Bridge {
    if (!this.bridgeRef) throw new Error("ccxt adapter used before init()");
    return this.bridgeRef;
  }

  override getTicker(ctx: Ctx, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
    return marketData.getTicker(this.b, ctx, p, this.streams);
  }
  override getDepth(ctx: Ctx, p: ParamsOf<"getDepth">): Promise<ResultOf<"getDepth">> {
    return marketData.getDepth(this.b, ctx, p, this.streams);
  }
  override getTrades(ctx: Ctx, p: ParamsOf<"getTrades">): Promise<ResultOf<"getTrades">> {
    return marketData.getTrades(this.b, ctx, p, this.streams);
  }
  override getRecords(ctx: Ctx, p: ParamsOf<"getRecords">): Promise<ResultOf<"getRecords">> {
    return marketData.getRecords(this.b, ctx, p, this.streams);
  }
  override getMarkets(ctx: Ctx, p: ParamsOf<"getMarkets">): Promise<ResultOf<"getMarkets">> {
    return marketData.getMarkets(this.b, ctx, p);
  }
  override getTickers(ctx: Ctx, p: ParamsOf<"getTickers">): Promise<ResultOf<"getTickers">> {
    return marketData.getTickers(this.b, ctx, p);
  }
  override getAccount(ctx: Ctx, p: ParamsOf<"getAccount">): Promise<ResultOf<"getAccount">> {
    return account.getAccount(this.b, ctx, p);
  }
  override getAssets(ctx: Ctx, p: ParamsOf<"getAssets">): Promise<ResultOf<"getAssets">> {
    return account.getAssets(this.b, ctx, p);
  }
  override createOrder(ctx: Ctx, p: ParamsOf<"createOrder">): Promise<ResultOf<"createOrder">> {
    return createOrder(this.b, ctx, p);
  }
  override getOrders(ctx: Ctx, p: ParamsOf<"getOrders">): Promise<ResultOf<"getOrders">> {
    return orders.getOrders(this.b, ctx, p);
  }
  override getOrder(ctx: Ctx, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
    return orders.getOrder(this.b, ctx, p);
  }
  override getHistoryOrders(
    ctx: Ctx,
    p: ParamsOf<"getHistoryOrders">,
  ): Promise<ResultOf<"getHistoryOrders">> {
    return orders.getHistoryOrders(this.b, ctx, p);
  }
  override cancelOrder(ctx: Ctx, p: ParamsOf<"cancelOrder">): Promise<ResultOf<"cancelOrder">> {
    return orders.cancelOrder(this.b, ctx, p);
  }
  override getPositions(ctx: Ctx, p: ParamsOf<"getPositions">): Promise<ResultOf<"getPositions">> {
    return futures.getPositions(this.b, ctx, p);
  }
  override setMarginLevel(ctx: Ctx, p: ParamsOf<"setMarginLevel">): Promise<ResultOf<"setMarginLevel">> {
    return futures.setMarginLevel(this.b, ctx, p);
  }
  override getFundings(ctx: Ctx, p: ParamsOf<"getFundings">): Promise<ResultOf<"getFundings">> {
    return futures.getFundings(this.b, ctx, p);
  }
  override io(ctx: Ctx, p: ParamsOf<"io">): Promise<ResultOf<"io">> {
    return io(this.b, ctx, p);
  }
  override doctor(ctx: Ctx): Promise<DoctorCheck[]> {
    return doctorChecks(this.b, ctx);
  }
}
