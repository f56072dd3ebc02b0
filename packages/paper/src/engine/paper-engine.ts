import {
  type CreateOrderParams,
  type FmzSymbol,
  type InstrumentSymbol,
  NotSupportedError,
  wireName,
  type OrderIdParams,
  Dec,
  type Logger,
} from "@fmz-gateway/core";
import type { OrderRow } from "../store/rows";
import type { EngineContext } from "./context";
import type { Instrument } from "./instrument";
import { applyLeverage } from "./leverage";
import { markPrice } from "./mark";
import { PaperError } from "./paper-error";
import { placeOrder } from "./placement";
import { statusOf } from "./status";
import { type Snapshot, applyMarket } from "./upkeep";

/** Levels asked of the source for matching: deep enough for any sane market order. */
const BOOK_LEVELS = 50;

/**
 * The paper exchange's behaviour behind the adapter: accounts, placing and cancelling, and bringing
 * every resting order and position up to date with the market before anything is answered.
 */
export class PaperEngine {
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(readonly ctx: EngineContext) {}

  /** The account an Access Key names on this mount, created with the starting balances on first use. */
  account(key: string): number {
    const store = this.ctx.store;
    return (
      store.findAccount(key) ??
      store.tx(
        () =>
          store.findAccount(key) ??
          store.createAccount(key, this.ctx.options.balances, this.ctx.source.now()),
      )
    );
  }

  async snapshot(inst: Instrument, signal?: AbortSignal): Promise<Snapshot> {
    const src = this.ctx.source;
    const [depth, trades, ticker, funding] = await Promise.all([
      src.call("getDepth", { symbol: inst.symbol, limit: BOOK_LEVELS }, { signal }),
      src.call("getTrades", { symbol: inst.symbol }, { signal }).catch(() => []),
      src.call("getTicker", { symbol: inst.symbol }, { signal }),
      inst.isSwap
        ? this.ctx.funding(inst, signal)
        : Promise.resolve({ time: Number.MAX_SAFE_INTEGER, rate: "0" }),
    ]);
    // A source without book timestamps: each look counts as a new book.
    return { depth: depth.time > 0 ? depth : { ...depth, time: src.now() }, trades, ticker, funding };
  }

  /** Brings one instrument's resting orders and positions up to date (one look at a time per instrument). */
  refresh(symbol: string, signal?: AbortSignal): Promise<void> {
    const running = this.inflight.get(symbol);
    if (running) return running;
    const run = (async () => {
      const inst = await this.ctx.instruments.get(symbol, signal);
      applyMarket(this.ctx, inst, await this.snapshot(inst, signal));
    })().finally(() => this.inflight.delete(symbol));
    this.inflight.set(symbol, run);
    return run;
  }

  /** Refreshes every instrument this mount has resting orders or positions on. */
  async refreshAll(signal?: AbortSignal, logger?: Logger): Promise<void> {
    const symbols = this.ctx.store.watchedSymbols();
    await Promise.all(
      symbols.map((s) =>
        this.refresh(s, signal).catch((err: unknown) =>
          logger?.warn(`paper: ${s} not updated: ${String(err)}`),
        ),
      ),
    );
  }

  /** Whether anything rests or is open on this instrument (worth refreshing on a public call). */
  watches(symbol: string): boolean {
    return this.ctx.store.watchedSymbols().includes(symbol);
  }

  async place(account: number, p: CreateOrderParams, signal?: AbortSignal): Promise<OrderRow> {
    const inst = await this.ctx.instruments.get(p.symbol, signal);
    // Resting orders see this market first, so a new order never jumps ahead of them.
    if (this.watches(inst.text)) await this.refresh(inst.text, signal);
    const snap = await this.snapshot(inst, signal);
    return placeOrder(this.ctx, account, inst, p, snap.depth, snap.funding);
  }

  /** `marginlevel`, after bringing the instrument up to date (leverage.ts). */
  async setLeverage(
    account: number,
    symbol: InstrumentSymbol,
    level: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const inst = await this.ctx.instruments.get(symbol, signal);
    if (!inst.isSwap) throw new NotSupportedError(wireName("setMarginLevel"), `on spot (${inst.text})`);
    if (this.watches(inst.text)) await this.refresh(inst.text, signal);
    const ticker = await this.ctx.source.call("getTicker", { symbol: inst.symbol }, { signal });
    applyLeverage(this.ctx, account, inst, level, markPrice(ticker));
  }

  /** The caller's own order by its packed id; another account's id is as unknown as a made-up one. */
  find(account: number, id: OrderIdParams["id"]): OrderRow {
    const n = Number(id.orderId);
    const row = Number.isSafeInteger(n) ? this.ctx.store.order(account, n) : undefined;
    if (!row || row.symbol !== id.instrument) {
      throw new PaperError(
        this.ctx.exchange,
        "ORDER_NOT_FOUND",
        `order ${id.text} does not exist on this account`,
      );
    }
    return row;
  }

  cancel(account: number, id: OrderIdParams["id"]): void {
    const store = this.ctx.store;
    store.tx(() => {
      const o = this.find(account, id);
      if (o.status !== "submitted" && o.status !== "partial-filled") {
        throw new PaperError(this.ctx.exchange, "ORDER_DONE", `order ${id.text} is already ${o.status}`);
      }
      const frozen = new Dec(o.frozen);
      store.adjust(account, o.frozen_ccy, frozen, frozen.neg());
      o.frozen = "0";
      o.status = statusOf(o, "cut");
      o.updated_at = this.ctx.source.now();
      store.updateOrder(o);
    });
  }

  /** Stored symbols under a query (an instrument on this mount, or a range). */
  canonical(symbol: FmzSymbol): string {
    return symbol.kind === "instrument" ? this.ctx.instruments.canonical(symbol) : symbol.text;
  }
}
