import path from "node:path";
import {
  CLOCK,
  type CallContext,
  type Clock,
  Exchange,
  ExchangeAdapter,
  type MountInfo,
  type MountPages,
  NotSupportedError,
  type ParamsOf,
  type ResultOf,
  toProtocolReply,
  wireName,
} from "@fmz-gateway/core";
import { inject } from "tsyringe";
import { EngineContext } from "./engine/context";
import { PaperEngine } from "./engine/paper-engine";
import { finishedOrders, openOrders, positions } from "./engine/queries";
import { balanceView, orderView } from "./engine/views";
import { paperIo } from "./io";
import { type MarketSource, mountMarket } from "./market/market-source";
import { AccountPage } from "./page/account-page";
import { PAPER_OPTIONS_SCHEMA, type PaperOptions, isSimulated } from "./options";
import { MAX_SIM_BARS, SimulatedMarket } from "./simulated/simulated-market";
import { type Db, openDatabase } from "./store/database";
import { PaperStore } from "./store/paper-store";
import { alignPositionMode } from "./store/position-mode";

type Ctx = CallContext<PaperOptions>;

/**
 * Paper trading: public data from another mount (or the built-in simulated market), balances, orders
 * and positions kept by this adapter in SQLite. The caller's Access Key names the account; no real key
 * is needed or used. Every state change commits before its reply leaves.
 */
@Exchange("PAPER", {
  description: "paper trading on another mount's live data or a simulated market",
  autoMount: false,
})
export class PaperAdapter extends ExchangeAdapter<PaperOptions> {
  static readonly optionsSchema = PAPER_OPTIONS_SCHEMA;

  /** The mount whose data this one reads; none for the simulated market. */
  static dependencies(options: Record<string, unknown>): string[] {
    const source = typeof options.source === "string" ? options.source : "simulated";
    return isSimulated({ source }) ? [] : [source];
  }

  private db?: Db;
  private engineRef?: PaperEngine;
  private timer?: NodeJS.Timeout;
  /** The simulated market when `source` is `simulated` (tests set its clock). */
  simulated?: SimulatedMarket;

  /** `clock`: the container's; the simulated market's prices are a function of it. */
  constructor(@inject(CLOCK) private readonly clock: Clock) {
    super();
  }

  override async init(mount: MountInfo<PaperOptions>): Promise<void> {
    await super.init(mount);
    const o = mount.options;
    let source: MarketSource;
    if (isSimulated(o)) {
      this.simulated = new SimulatedMarket(o.seed, this.clock);
      source = this.simulated;
    } else {
      source = mountMarket(mount.mountSource(o.source));
    }
    if (o.positionMode === "long_short" && o.market === "spot") {
      throw new Error(
        `${mount.name}: positionMode "long_short" is for contract mounts; a spot mount holds no positions (set "market": "swap")`,
      );
    }
    const file = path.resolve(mount.baseDir, o.database);
    const opened = openDatabase(file);
    this.db = opened.db;
    const refused = alignPositionMode(opened.db, mount.name, o.positionMode);
    if (refused) {
      opened.db.close();
      throw new Error(`${mount.name}: positionMode ${o.positionMode}: ${refused}`);
    }
    const { accounts, walCleared } = opened.migration;
    if (accounts > 0) {
      mount.logger.info(`paper: ${accounts} Access Keys in ${o.database} replaced by their keyed hashes`);
    }
    if (!walCleared) {
      mount.logger.warn(
        `paper: ${o.database}-wal may still hold raw Access Keys (another connection held it); restart the gateway with no other process using ${o.database}`,
      );
    }
    this.engineRef = new PaperEngine(
      new EngineContext(
        new PaperStore(this.db, mount.name, opened.hashKey),
        source,
        o,
        mount.name,
        mount.logger,
      ),
    );
    let busy = false;
    // Resting orders fill, and positions fund or liquidate, even when no call comes in.
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.engine
        .refreshAll(undefined, mount.logger)
        .then(() => this.accountPage.sample())
        .finally(() => (busy = false));
    }, o.checkIntervalMs);
    this.timer.unref();
  }

  override async close(): Promise<void> {
    clearInterval(this.timer);
    this.db?.close();
  }

  get engine(): PaperEngine {
    if (!this.engineRef) throw new Error("PaperAdapter used before init()");
    return this.engineRef;
  }

  private accountPageRef?: AccountPage;
  /** The account page (`/mounts/<mount>/`) and its equity series, made on first use (after init). */
  private get accountPage(): AccountPage {
    return (this.accountPageRef ??= new AccountPage(this.engine, this.mount.logger));
  }

  override pages(): MountPages {
    return this.accountPage.pages();
  }

  private account(ctx: Ctx): number {
    return this.engine.account(ctx.credentials.accessKey);
  }

  /**
   * Public data for one instrument, after bringing that instrument's resting orders up to date. The
   * source states money as decimal text; the docker gets the protocol's JSON numbers.
   */
  private async publicCall<K extends "getTicker" | "getDepth" | "getTrades" | "getRecords">(
    ctx: Ctx,
    method: K,
    p: ParamsOf<K>,
  ): Promise<ResultOf<K>> {
    // The simulated market answers from memory: no signal is asked for (making one costs a call more
    // than the answer does). A live source is a request to another mount, which must stop with the call.
    const signal = this.simulated ? undefined : ctx.signal;
    const inst = await this.engine.ctx.instruments.get(p.symbol, signal);
    if (this.engine.watches(inst.text)) await this.engine.refresh(inst.text, signal);
    const reply = await this.engine.ctx.source.call(
      method,
      { ...p, symbol: inst.symbol },
      { signal, deadline: ctx.deadline },
    );
    return toProtocolReply(method, reply);
  }

  override getTicker(ctx: Ctx, p: ParamsOf<"getTicker">) {
    return this.publicCall(ctx, "getTicker", p);
  }
  override getDepth(ctx: Ctx, p: ParamsOf<"getDepth">) {
    return this.publicCall(ctx, "getDepth", p);
  }
  override getTrades(ctx: Ctx, p: ParamsOf<"getTrades">) {
    return this.publicCall(ctx, "getTrades", p);
  }
  override getRecords(ctx: Ctx, p: ParamsOf<"getRecords">) {
    if (this.simulated && p.limit !== undefined && p.limit > MAX_SIM_BARS) {
      // Not an error (the bars asked for exist), but the strategy gets fewer than it asked for.
      ctx.logger.debug(
        `paper: records limit ${p.limit} is above the simulated market's ${MAX_SIM_BARS} bars per call; answering ${MAX_SIM_BARS}`,
      );
    }
    return this.publicCall(ctx, "getRecords", p);
  }

  private onMarket(symbol: string): boolean {
    return symbol.includes(".") === (this.options.market === "swap");
  }

  override async getMarkets(ctx: Ctx): Promise<ResultOf<"getMarkets">> {
    const all = await this.engine.ctx.instruments.markets(ctx.signal);
    return toProtocolReply(
      "getMarkets",
      Object.fromEntries(Object.entries(all).filter(([s]) => this.onMarket(s))),
    );
  }
  override async getTickers(ctx: Ctx): Promise<ResultOf<"getTickers">> {
    const all = await this.engine.ctx.source.call("getTickers", {}, { signal: ctx.signal });
    return toProtocolReply(
      "getTickers",
      all.filter((t) => this.onMarket(t.symbol)),
    );
  }

  override async getAccount(ctx: Ctx): Promise<ResultOf<"getAccount">> {
    const account = this.account(ctx);
    await this.engine.refreshAll(ctx.signal, ctx.logger);
    return this.engine.ctx.store.balances(account).map(balanceView);
  }
  override getAssets(ctx: Ctx): Promise<ResultOf<"getAssets">> {
    return this.getAccount(ctx);
  }

  override async createOrder(ctx: Ctx, p: ParamsOf<"createOrder">): Promise<ResultOf<"createOrder">> {
    const account = this.account(ctx);
    return { id: orderView(await this.engine.place(account, p, ctx.signal)).id };
  }

  override async getOrder(ctx: Ctx, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
    const account = this.account(ctx);
    const before = this.engine.find(account, p.id);
    await this.engine.refresh(before.symbol, ctx.signal).catch(() => undefined);
    return orderView(this.engine.find(account, p.id));
  }

  override async getOrders(ctx: Ctx, p: ParamsOf<"getOrders">): Promise<ResultOf<"getOrders">> {
    const account = this.account(ctx);
    await this.engine.refreshAll(ctx.signal, ctx.logger);
    return openOrders(this.engine, account, p.symbol);
  }

  override async getHistoryOrders(
    ctx: Ctx,
    p: ParamsOf<"getHistoryOrders">,
  ): Promise<ResultOf<"getHistoryOrders">> {
    const account = this.account(ctx);
    await this.engine.refreshAll(ctx.signal, ctx.logger);
    return finishedOrders(this.engine, account, p.symbol, p.since, p.limit);
  }

  override async cancelOrder(ctx: Ctx, p: ParamsOf<"cancelOrder">): Promise<true> {
    const account = this.account(ctx);
    const o = this.engine.find(account, p.id);
    // Whatever the market filled up to now counts before the cancel, as on a real exchange.
    await this.engine.refresh(o.symbol, ctx.signal).catch(() => undefined);
    this.engine.cancel(account, p.id);
    return true;
  }

  override async getPositions(ctx: Ctx, p: ParamsOf<"getPositions">): Promise<ResultOf<"getPositions">> {
    const account = this.account(ctx);
    await this.engine.refreshAll(ctx.signal, ctx.logger);
    return positions(this.engine, account, p.symbol, ctx.signal);
  }

  override async setMarginLevel(ctx: Ctx, p: ParamsOf<"setMarginLevel">): Promise<true> {
    await this.engine.setLeverage(this.account(ctx), p.symbol, p.marginLevel, ctx.signal);
    return true;
  }

  override async getFundings(ctx: Ctx, p: ParamsOf<"getFundings">): Promise<ResultOf<"getFundings">> {
    if (p.symbol.kind === "instrument") {
      const inst = await this.engine.ctx.instruments.get(p.symbol, ctx.signal);
      if (!inst.isSwap) throw new NotSupportedError(wireName("getFundings"), `on spot (${inst.text})`);
      const one = await this.engine.ctx.source.call(
        "getFundings",
        { symbol: inst.symbol },
        { signal: ctx.signal },
      );
      return toProtocolReply("getFundings", one);
    }
    const all = await this.engine.ctx.source.call(
      "getFundings",
      { symbol: p.symbol },
      { signal: ctx.signal },
    );
    return toProtocolReply("getFundings", all);
  }

  override async io(ctx: Ctx, p: ParamsOf<"io">): Promise<unknown> {
    return paperIo(this.engine, this.account(ctx), p);
  }
}
